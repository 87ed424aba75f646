//! A record as one row of the flat layout, and a row back as the record's stored JSON.

use super::cell::{decode, encode, Resolver};
use super::layout::Layout;
use meridian_domain::Reason;
use serde_json::{Map, Value};

fn get<'a>(data: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(data, |v, key| v.get(*key))
}

fn set(data: &mut Map<String, Value>, path: &[&str], value: Option<Value>) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut map = data;
    for key in parents {
        let entry = map
            .entry(key.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        let Value::Object(inner) = entry else { return };
        map = inner;
    }
    match value {
        Some(v) => {
            map.insert(last.to_string(), v);
        }
        None => {
            map.remove(*last);
        }
    }
}

/// Drops objects left empty (a group whose fields were all removed): reading the record
/// gives them their defaults again.
fn prune(data: &mut Map<String, Value>) {
    data.retain(|_, v| match v {
        Value::Object(inner) => {
            prune(inner);
            !inner.is_empty()
        }
        _ => true,
    });
}

impl Layout {
    /// The row of a record: its id, then each column's text.
    pub fn cells(&self, id: &str, data: &Value) -> Vec<String> {
        self.columns
            .iter()
            .map(|c| {
                let leaf = &self.leaves[c.leaf];
                if c.leaf == 0 {
                    return id.to_string();
                }
                encode(&leaf.field.widget, c.lang, get(data, &leaf.path))
            })
            .collect()
    }

    /// Writes a row's values over `base` (an existing record's JSON, or empty): every field
    /// with all its columns in the file is set from them (blank cells remove it); fields
    /// without columns keep their value. `cell(i)` is column `i`'s text when the file has
    /// that column. Returns the problems by column index.
    pub fn apply_row<'a>(
        &self,
        base: &mut Map<String, Value>,
        cell: impl Fn(usize) -> Option<&'a str>,
        resolver: &dyn Resolver,
    ) -> Vec<(usize, Reason)> {
        let mut problems = Vec::new();
        for (i, leaf) in self.leaves.iter().enumerate().skip(1) {
            let columns: Vec<usize> = self.columns_of(i).map(|(c, _)| c).collect();
            if columns.iter().all(|c| cell(*c).is_none()) {
                continue;
            }
            // A bilingual field with one language's column in the file keeps the other
            // language's stored text.
            let cells: Vec<String> = columns
                .iter()
                .map(|c| match cell(*c) {
                    Some(text) => text.to_string(),
                    None => encode(
                        &leaf.field.widget,
                        self.columns[*c].lang,
                        get(&Value::Object(base.clone()), &leaf.path),
                    ),
                })
                .collect();
            let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
            match decode(&leaf.field.widget, &cells, resolver) {
                Ok(value) => set(base, &leaf.path, value),
                Err(reason) => {
                    let at = columns
                        .iter()
                        .copied()
                        .find(|c| cell(*c).is_some_and(|t| !t.trim().is_empty()))
                        .unwrap_or(columns[0]);
                    problems.push((at, reason));
                }
            }
        }
        prune(base);
        problems
    }

    /// Columns whose field is required but that the file lacks (for a bilingual field, both
    /// languages missing): the file cannot be imported.
    pub fn missing_required(&self, present: impl Fn(usize) -> bool) -> Vec<usize> {
        self.leaves
            .iter()
            .enumerate()
            .filter(|(_, leaf)| leaf.required)
            .filter_map(|(i, _)| {
                let columns: Vec<usize> = self.columns_of(i).map(|(c, _)| c).collect();
                (!columns.iter().any(|c| present(*c))).then(|| columns[0])
            })
            .collect()
    }
}
