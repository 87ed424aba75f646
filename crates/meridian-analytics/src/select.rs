//! Which records a question is about.
//!
//! A record is selected when it is of one of the kinds, approved (unless unapproved
//! records are asked for), matches every filter, links to one of the organizations or one
//! of their sub-units (its owning unit counts as a link), is owned by one of the units or
//! their sub-units, names a country of the group or of the countries listed, and has its
//! date inside the window.
//!
//! **Dates and windows.** The date is the selection's `date_field`, or else the record's
//! main date (see [`crate::MAIN_DATE_FIELDS`]). A date is kept as every day it may mean: a
//! record dated "2021" is inside a window 2021–2025, and so is one dated "2025-12". A date
//! that lies partly inside and partly outside (dated "2020" for a window from July 2020)
//! is *uncertain* and a record without the date is *undated*: neither is counted, and both
//! are reported beside the count so that nobody mistakes them for zero.

use crate::intern::NONE;
use crate::project::Span;
use crate::table::KindTable;
use crate::Analytics;
use meridian_domain::records::{Computation, Counted};
use meridian_domain::{Period, RecordId, RecordKind};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    pub kinds: Vec<RecordKind>,
    /// Also count drafts, submissions and archived records (staff views); official
    /// figures count approved records only.
    pub include_unapproved: bool,
    /// `(field, value)`: the record's attribute `field` has `value` (any item of a list).
    pub filters: Vec<(String, String)>,
    pub organizations: Vec<RecordId>,
    pub units: Vec<RecordId>,
    pub country_group: Option<RecordId>,
    /// ISO 3166-1 alpha-2 codes.
    pub countries: Vec<String>,
    pub date_field: Option<String>,
    /// First and last day (`civil_day` numbers), either end open.
    pub window: Option<(i64, i64)>,
}

impl Selection {
    pub fn of_kind(kind: RecordKind) -> Self {
        Self {
            kinds: vec![kind],
            ..Self::default()
        }
    }

    /// The records a computed indicator counts within `period`.
    pub fn of_computation(computation: &Computation, period: &Period) -> Self {
        Self {
            kinds: vec![computation.kind],
            filters: computation
                .filters
                .iter()
                .map(|f| (f.field.clone(), f.value.clone()))
                .collect(),
            organizations: computation.organizations.clone(),
            country_group: computation.country_group,
            date_field: computation.date_field.clone(),
            window: bounded(period),
            ..Self::default()
        }
    }

    /// What a computation counts: records, or the distinct countries they name.
    pub fn counts_countries(computation: &Computation) -> bool {
        computation.counts == Counted::Countries
    }

    pub fn within(mut self, period: &Period) -> Self {
        self.window = bounded(period);
        self
    }
}

/// A period as a window; `None` when both ends are open (all time).
pub fn bounded(period: &Period) -> Option<(i64, i64)> {
    let range = period.day_range();
    (range != (i64::MIN, i64::MAX)).then_some(range)
}

/// Where a record's date falls against a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placement {
    Inside,
    Uncertain,
    Undated,
    Outside,
}

pub(crate) fn place(span: Span, window: Option<(i64, i64)>) -> Placement {
    let Some((from, to)) = window else {
        return Placement::Inside;
    };
    if span.is_none() {
        return Placement::Undated;
    }
    if span.first >= from && span.last <= to {
        Placement::Inside
    } else if span.last < from || span.first > to {
        Placement::Outside
    } else {
        Placement::Uncertain
    }
}

/// A selection made ready to test the rows of one table.
pub(crate) struct Compiled<'a> {
    pub table: &'a KindTable,
    include_unapproved: bool,
    filters: Vec<(&'a crate::column::Column, u32)>,
    /// A filter names a field or value no record of this kind has: nothing matches.
    impossible: bool,
    dates: Option<&'a [Span]>,
    window: Option<(i64, i64)>,
    organizations: Option<Vec<bool>>,
    units: Option<Vec<bool>>,
    countries: Option<Vec<bool>>,
}

impl<'a> Compiled<'a> {
    /// The date a row is placed by (none when it has none).
    pub fn span(&self, row: usize) -> Span {
        self.dates.map_or(Span::NONE, |d| d[row])
    }

    /// Whether row `row` is selected, ignoring its date; then where its date falls.
    pub fn test(&self, row: usize) -> Placement {
        let table = self.table;
        if self.impossible
            || (!self.include_unapproved
                && table.approval[row] != meridian_domain::Approval::Approved)
        {
            return Placement::Outside;
        }
        for (column, value) in &self.filters {
            if !column.values(row).contains(value) {
                return Placement::Outside;
            }
        }
        if let Some(inside) = &self.units {
            let unit = table.unit[row];
            if unit == NONE || !inside[unit as usize] {
                return Placement::Outside;
            }
        }
        if let Some(inside) = &self.organizations {
            if !table.linked.values(row).iter().any(|e| inside[*e as usize]) {
                return Placement::Outside;
            }
        }
        if let Some(inside) = &self.countries {
            if !table
                .countries
                .values(row)
                .iter()
                .any(|c| inside[*c as usize])
            {
                return Placement::Outside;
            }
        }
        place(self.dates.map_or(Span::NONE, |d| d[row]), self.window)
    }
}

impl Analytics {
    pub(crate) fn compile<'a>(&'a self, selection: &Selection) -> Vec<Compiled<'a>> {
        let organizations =
            (!selection.organizations.is_empty()).then(|| self.subtree(&selection.organizations));
        let units = (!selection.units.is_empty()).then(|| self.subtree(&selection.units));
        let countries = self.country_mask(selection);
        selection
            .kinds
            .iter()
            .map(|kind| {
                let table = self.table(*kind);
                let mut impossible = false;
                let mut filters = Vec::new();
                for (field, value) in &selection.filters {
                    let column = self
                        .symbols
                        .get(field.as_str())
                        .and_then(|f| table.attributes.get(&f));
                    match (column, self.symbols.get(value.as_str())) {
                        (Some(column), Some(value)) => filters.push((column, value)),
                        _ => impossible = true,
                    }
                }
                let dates: Option<&[Span]> = match &selection.date_field {
                    None => Some(&table.main_date),
                    // A field no record of this kind has: every record is undated.
                    Some(field) => self
                        .symbols
                        .get(field.as_str())
                        .and_then(|f| table.dates.get(&f))
                        .map(Vec::as_slice),
                };
                Compiled {
                    table,
                    include_unapproved: selection.include_unapproved,
                    filters,
                    impossible,
                    dates,
                    window: selection.window,
                    organizations: organizations.clone(),
                    units: units.clone(),
                    countries: countries.clone(),
                }
            })
            .collect()
    }

    fn country_mask(&self, selection: &Selection) -> Option<Vec<bool>> {
        if selection.country_group.is_none() && selection.countries.is_empty() {
            return None;
        }
        let mut mask = vec![false; self.country_numbers.len()];
        for code in &selection.countries {
            if let Some(n) = self.country_numbers.get(code.as_str()) {
                mask[*n as usize] = true;
            }
        }
        if let Some(group) = selection
            .country_group
            .and_then(|g| self.entities.get(&g))
            .and_then(|g| self.groups.get(&g))
        {
            for n in &group.members {
                mask[*n as usize] = true;
            }
        }
        Some(mask)
    }

    /// Calls `visit` for every selected row whose date is inside the window; returns how
    /// many had an uncertain date and how many had none.
    pub(crate) fn scan(
        &self,
        selection: &Selection,
        mut visit: impl FnMut(RecordKind, &KindTable, usize),
    ) -> (u64, u64) {
        let mut uncertain = 0;
        let mut undated = 0;
        for (kind, compiled) in selection.kinds.iter().zip(self.compile(selection)) {
            for row in 0..compiled.table.len() {
                match compiled.test(row) {
                    Placement::Inside => visit(*kind, compiled.table, row),
                    Placement::Uncertain => uncertain += 1,
                    Placement::Undated => undated += 1,
                    Placement::Outside => {}
                }
            }
        }
        (uncertain, undated)
    }
}
