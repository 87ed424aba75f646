//! A selection's records counted by owning unit and year (and by country, for figures that
//! count countries), kept up to date as records change, so that a plan's progress asked
//! right after a change reads small tallies instead of scanning the tables again.
//!
//! A tally is made by one scan the first time its selection is asked for
//! ([`Analytics::with_tally`]) and kept with the selection prepared. Every later
//! [`Analytics::upsert`] and [`Analytics::remove`] takes the changed row out of the tallies
//! that count its kind and puts it back as it now is. A tally is dropped, and made again
//! when next asked, when what its masks were made from changes: the organization tree, for
//! a selection scoped to organizations or units; a country group, for a selection naming
//! one. A selection naming a field, value or organization never seen is not kept (records
//! arriving later could make it match) and is counted afresh each time it is asked.

use crate::intern::NONE;
use crate::select::{inside, Compiled, Placement, Prepared};
use crate::{kind_index, Analytics};
use meridian_domain::RecordKind;
use std::collections::HashMap;

/// Tallies kept at most; past it they are all dropped (a plan asks a few dozen).
const MAX_KEPT: usize = 512;

/// The year a record without a date is counted under when the selection has no window.
pub(crate) const NO_YEAR: i32 = i32::MIN;

/// One selection's records, counted.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    /// Per owning unit: `(year of the date, country)` → records; country is `NONE` unless
    /// the tally counts countries. Cells never hold zero. By unit first, so that a unit's
    /// subtree is answered from its own few cells.
    cells: HashMap<u32, HashMap<(i32, u32), u64>>,
    /// Per owning unit: records left out for an uncertain date, and for none.
    left_out: HashMap<u32, (u64, u64)>,
    by_country: bool,
}

/// What a tally answers for some units up to a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tallied {
    /// Records, or distinct countries when the tally counts countries.
    pub value: u64,
    pub uncertain: u64,
    pub undated: u64,
}

fn change(count: &mut u64, add: bool) {
    if add {
        *count += 1;
    } else {
        *count = count.saturating_sub(1);
    }
}

impl Tally {
    fn new(by_country: bool) -> Self {
        Self {
            by_country,
            ..Self::default()
        }
    }

    /// Counts row `row` of the compiled table in (`add`) or out.
    fn count_row(&mut self, compiled: &Compiled<'_>, row: usize, add: bool) {
        let unit = compiled.table.unit[row];
        match compiled.test(row) {
            Placement::Inside => {
                let span = compiled.span(row);
                let year = if span.is_none() {
                    NO_YEAR
                } else {
                    crate::measure::year_of_day(span.first)
                };
                if self.by_country {
                    for country in compiled.table.countries.values(row) {
                        self.change_cell(unit, (year, *country), add);
                    }
                } else {
                    self.change_cell(unit, (year, NONE), add);
                }
            }
            Placement::Uncertain => change(&mut self.left_out.entry(unit).or_default().0, add),
            Placement::Undated => change(&mut self.left_out.entry(unit).or_default().1, add),
            Placement::Outside => {}
        }
    }

    fn change_cell(&mut self, unit: u32, cell: (i32, u32), add: bool) {
        let cells = self.cells.entry(unit).or_default();
        let count = cells.entry(cell).or_default();
        change(count, add);
        if *count == 0 {
            cells.remove(&cell);
            if cells.is_empty() {
                self.cells.remove(&unit);
            }
        }
    }

    /// The count for records owned by one of `units` (all when `None`) dated up to year
    /// `upto`.
    pub fn value(&self, units: Option<&[u32]>, upto: i32) -> Tallied {
        let mut records = 0;
        let mut countries: Vec<bool> = Vec::new();
        let mut count = |cells: &HashMap<(i32, u32), u64>| {
            for ((year, country), n) in cells {
                if *year > upto {
                    continue;
                }
                if self.by_country {
                    let c = *country as usize;
                    if countries.len() <= c {
                        countries.resize(c + 1, false);
                    }
                    countries[c] = true;
                } else {
                    records += n;
                }
            }
        };
        let (mut uncertain, mut undated) = (0, 0);
        let mut left_out = |(a, b): &(u64, u64)| {
            uncertain += a;
            undated += b;
        };
        match units {
            None => {
                self.cells.values().for_each(&mut count);
                self.left_out.values().for_each(&mut left_out);
            }
            Some(units) => {
                for unit in units {
                    if let Some(cells) = self.cells.get(unit) {
                        count(cells);
                    }
                    if let Some(counts) = self.left_out.get(unit) {
                        left_out(counts);
                    }
                }
            }
        }
        let value = if self.by_country {
            countries.iter().filter(|c| **c).count() as u64
        } else {
            records
        };
        Tallied {
            value,
            uncertain,
            undated,
        }
    }
}

/// A tally with the selection it counts, prepared.
#[derive(Debug)]
pub(crate) struct Kept {
    prepared: Prepared,
    tally: Tally,
}

/// A kept tally is found by what it counts.
pub(crate) type TallyKey = (crate::Selection, bool);

impl Analytics {
    /// Calls `read` with the tally of `selection` (of distinct countries when `by_country`),
    /// made by one scan when it is not kept yet.
    pub(crate) fn with_tally<R>(
        &self,
        selection: &crate::Selection,
        by_country: bool,
        read: impl FnOnce(&Tally) -> R,
    ) -> R {
        let key: TallyKey = (selection.clone(), by_country);
        {
            let kept = self.tallies.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(found) = kept.get(&key) {
                return read(&found.tally);
            }
        }
        // Counted without holding the lock, so other questions go on meanwhile.
        let prepared = self.prepare(selection);
        let mut tally = Tally::new(by_country);
        for kind in &prepared.kinds {
            let compiled = prepared.bind(self.table(*kind));
            for row in 0..compiled.table.len() {
                tally.count_row(&compiled, row, true);
            }
        }
        let answer = read(&tally);
        if prepared.resolved {
            let mut kept = self.tallies.lock().unwrap_or_else(|e| e.into_inner());
            if kept.len() >= MAX_KEPT {
                kept.clear();
            }
            kept.insert(key, Kept { prepared, tally });
        }
        answer
    }

    /// How many tallies are kept (for tests and benchmarks).
    pub fn kept_tallies(&self) -> usize {
        self.tallies.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Counts row `at` of the kind's table into (`add`) or out of every kept tally of that
    /// kind: out before the row changes or goes, in once it is written.
    pub(crate) fn tally_row(&mut self, kind: RecordKind, at: usize, add: bool) {
        let kept = self.tallies.get_mut().unwrap_or_else(|e| e.into_inner());
        if kept.is_empty() {
            return;
        }
        let table = &self.tables[kind_index(kind)];
        for Kept { prepared, tally } in kept.values_mut() {
            if prepared.kinds.contains(&kind) {
                tally.count_row(&prepared.bind(table), at, add);
            }
        }
    }

    /// Drops the kept tallies whose organization or unit mask an organization moving from
    /// under `from` to under `to` changes: a subtree gains or loses members only when the
    /// parent left or joined lies inside it.
    pub(crate) fn drop_tallies_scoped_under(&mut self, from: u32, to: u32) {
        let kept = self.tallies.get_mut().unwrap_or_else(|e| e.into_inner());
        let touches = |mask: &Option<Vec<bool>>| {
            mask.as_deref()
                .is_some_and(|m| [from, to].iter().any(|p| *p != NONE && inside(m, *p)))
        };
        kept.retain(|_, k| !touches(&k.prepared.organizations) && !touches(&k.prepared.units));
    }

    /// Drops the kept tallies whose selection names a country group.
    pub(crate) fn drop_tallies_naming_a_group(&mut self) {
        let kept = self.tallies.get_mut().unwrap_or_else(|e| e.into_inner());
        kept.retain(|(selection, _), _| selection.country_group.is_none());
    }
}
