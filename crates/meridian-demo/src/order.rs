//! Load order: every record after the records it links to, otherwise in file order, so the
//! order is stable and storage can check each link as the record is inserted.

use crate::DemoError;
use std::collections::{BTreeSet, HashMap};

/// Indices of `keys` in load order. `deps[i]` lists the keys record `i` needs first; keys
/// that are not in `keys` (external records) are ignored.
pub(crate) fn topological(keys: &[String], deps: &[Vec<String>]) -> Result<Vec<usize>, DemoError> {
    let index: HashMap<&str, usize> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let needs: Vec<Vec<usize>> = deps
        .iter()
        .map(|list| {
            let mut found: Vec<usize> = list
                .iter()
                .filter_map(|k| index.get(k.as_str()).copied())
                .collect();
            found.sort_unstable();
            found.dedup();
            found
        })
        .collect();
    let mut waiting: Vec<usize> = needs.iter().map(Vec::len).collect();
    let mut needed_by: Vec<Vec<usize>> = vec![Vec::new(); keys.len()];
    for (i, list) in needs.iter().enumerate() {
        for &d in list {
            needed_by[d].push(i);
        }
    }
    let mut ready: BTreeSet<usize> = (0..keys.len()).filter(|&i| waiting[i] == 0).collect();
    let mut order = Vec::with_capacity(keys.len());
    // Always take the earliest ready record: file order wherever links allow it.
    while let Some(i) = ready.pop_first() {
        order.push(i);
        for &j in &needed_by[i] {
            waiting[j] -= 1;
            if waiting[j] == 0 {
                ready.insert(j);
            }
        }
    }
    if order.len() == keys.len() {
        return Ok(order);
    }
    Err(DemoError::Cycle {
        keys: find_cycle(&needs, &waiting)
            .into_iter()
            .map(|i| keys[i].clone())
            .collect(),
    })
}

/// Follows unloaded dependencies from the first stuck record until one repeats.
fn find_cycle(needs: &[Vec<usize>], waiting: &[usize]) -> Vec<usize> {
    let stuck = |i: usize| waiting[i] > 0;
    let Some(start) = (0..needs.len()).find(|&i| stuck(i)) else {
        return Vec::new();
    };
    let mut path = vec![start];
    let mut current = start;
    loop {
        // A stuck record always has at least one stuck dependency.
        let Some(&next) = needs[current].iter().find(|&&d| stuck(d)) else {
            return path;
        };
        if let Some(pos) = path.iter().position(|&p| p == next) {
            let mut cycle = path[pos..].to_vec();
            cycle.push(next);
            return cycle;
        }
        path.push(next);
        current = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn records_come_after_what_they_link_to_and_otherwise_keep_file_order() {
        let k = keys(&["m", "a", "b", "c"]);
        let deps = vec![
            keys(&["b", "a"]),
            vec![],
            keys(&["country_group:gms"]),
            vec![],
        ];
        assert_eq!(topological(&k, &deps).unwrap(), vec![1, 2, 0, 3]);
    }

    #[test]
    fn a_cycle_is_reported_with_its_keys() {
        let k = keys(&["x", "a", "b"]);
        let deps = vec![keys(&["a"]), keys(&["b"]), keys(&["a"])];
        assert_eq!(
            topological(&k, &deps),
            Err(DemoError::Cycle {
                keys: keys(&["a", "b", "a"])
            })
        );
    }

    #[test]
    fn a_record_linking_to_itself_is_a_cycle() {
        let k = keys(&["a"]);
        assert_eq!(
            topological(&k, &[keys(&["a"])]),
            Err(DemoError::Cycle {
                keys: keys(&["a", "a"])
            })
        );
    }
}
