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

/// Selections over fewer rows are scanned on one thread (`scan_parts`).
const PARALLEL_FROM_ROWS: usize = 100_000;
/// At most this many threads scan one selection.
const MAX_SCAN_THREADS: usize = 8;

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
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

/// A selection resolved against the projection once: names to symbols, organization
/// scopes and countries to masks. Bound to one kind's table ([`Prepared::bind`]) it tests
/// rows. Masks are indexed by entity or country number; an entity interned after the mask
/// was made is outside it (a new organization inside a scope changes the organization
/// tree, and whoever keeps a `Prepared` drops it then).
#[derive(Debug)]
pub(crate) struct Prepared {
    pub kinds: Vec<RecordKind>,
    include_unapproved: bool,
    /// `(field, value)` symbols; `None` for a name no record has had: nothing matches.
    filters: Vec<Option<(u32, u32)>>,
    /// `None`: the main date. `Some(None)`: a field no record has had (all undated).
    date_field: Option<Option<u32>>,
    window: Option<(i64, i64)>,
    pub organizations: Option<Vec<bool>>,
    pub units: Option<Vec<bool>>,
    countries: Option<Vec<bool>>,
    /// Every name and organization the selection mentions was known when it was prepared,
    /// so records arriving later cannot make it match differently.
    pub resolved: bool,
}

/// Whether number `n` is in `mask` (a number interned after the mask was made is not).
pub(crate) fn inside(mask: &[bool], n: u32) -> bool {
    mask.get(n as usize).copied().unwrap_or(false)
}

impl Prepared {
    /// The selection made ready to test the rows of `table`.
    pub fn bind<'a>(&'a self, table: &'a KindTable) -> Compiled<'a> {
        let mut impossible = false;
        let mut filters = Vec::new();
        for filter in &self.filters {
            match filter.and_then(|(f, v)| table.attributes.get(&f).map(|c| (c, v))) {
                Some(found) => filters.push(found),
                None => impossible = true,
            }
        }
        let dates: Option<&[Span]> = match self.date_field {
            None => Some(&table.main_date),
            // A field no record of this kind has: every record is undated.
            Some(field) => field.and_then(|f| table.dates.get(&f)).map(Vec::as_slice),
        };
        Compiled {
            table,
            prepared: self,
            filters,
            impossible,
            dates,
        }
    }
}

/// A selection made ready to test the rows of one table.
pub(crate) struct Compiled<'a> {
    pub table: &'a KindTable,
    prepared: &'a Prepared,
    filters: Vec<(&'a crate::column::Column, u32)>,
    /// A filter names a field or value no record of this kind has: nothing matches.
    impossible: bool,
    dates: Option<&'a [Span]>,
}

impl<'a> Compiled<'a> {
    /// The date a row is placed by (none when it has none).
    pub fn span(&self, row: usize) -> Span {
        self.dates.map_or(Span::NONE, |d| d[row])
    }

    /// Whether row `row` is selected, ignoring its date; then where its date falls.
    pub fn test(&self, row: usize) -> Placement {
        let table = self.table;
        let prepared = self.prepared;
        if self.impossible
            || (!prepared.include_unapproved
                && table.approval[row] != meridian_domain::Approval::Approved)
        {
            return Placement::Outside;
        }
        for (column, value) in &self.filters {
            if !column.values(row).contains(value) {
                return Placement::Outside;
            }
        }
        if let Some(mask) = &prepared.units {
            let unit = table.unit[row];
            if unit == NONE || !inside(mask, unit) {
                return Placement::Outside;
            }
        }
        if let Some(mask) = &prepared.organizations {
            if !table.linked.values(row).iter().any(|e| inside(mask, *e)) {
                return Placement::Outside;
            }
        }
        if let Some(mask) = &prepared.countries {
            if !table.countries.values(row).iter().any(|c| inside(mask, *c)) {
                return Placement::Outside;
            }
        }
        place(self.span(row), prepared.window)
    }
}

impl Analytics {
    pub(crate) fn prepare(&self, selection: &Selection) -> Prepared {
        let known = |id: &RecordId| self.entities.get(id).is_some();
        // A country code no record has had yet has no number, so the mask cannot hold it.
        let mut resolved = selection.organizations.iter().all(known)
            && selection.units.iter().all(known)
            && selection
                .countries
                .iter()
                .all(|c| self.country_numbers.contains_key(c.as_str()));
        let mut symbol = |name: &str| {
            let found = self.symbols.get(name);
            resolved &= found.is_some();
            found
        };
        let filters = selection
            .filters
            .iter()
            .map(|(field, value)| symbol(field).zip(symbol(value)))
            .collect();
        let date_field = selection.date_field.as_deref().map(&mut symbol);
        Prepared {
            kinds: selection.kinds.clone(),
            include_unapproved: selection.include_unapproved,
            filters,
            date_field,
            window: selection.window,
            organizations: (!selection.organizations.is_empty())
                .then(|| self.subtree(&selection.organizations)),
            units: (!selection.units.is_empty()).then(|| self.subtree(&selection.units)),
            countries: self.country_mask(selection),
            resolved,
        }
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
        let prepared = self.prepare(selection);
        self.scan_slice(&prepared, 0, 1, &mut visit)
    }

    /// As `scan`, split over the machine's cores for a large selection: each thread visits
    /// a slice of every selected table into a part of its own (made by `part`); the parts
    /// come back for the caller to merge. A small selection is one part on this thread
    /// (starting threads costs more than scanning it).
    pub(crate) fn scan_parts<T: Send>(
        &self,
        selection: &Selection,
        part: impl Fn() -> T + Sync,
        visit: impl Fn(&mut T, RecordKind, &KindTable, usize) + Sync,
    ) -> (Vec<T>, u64, u64) {
        let prepared = self.prepare(selection);
        let rows: usize = prepared.kinds.iter().map(|k| self.table(*k).len()).sum();
        let slices = if rows < PARALLEL_FROM_ROWS {
            1
        } else {
            std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .min(MAX_SCAN_THREADS)
        };
        let run = |slice: usize| {
            let mut out = part();
            let (uncertain, undated) =
                self.scan_slice(&prepared, slice, slices, &mut |kind, table, row| {
                    visit(&mut out, kind, table, row)
                });
            (out, uncertain, undated)
        };
        let run = &run;
        let results: Vec<(T, u64, u64)> = std::thread::scope(|scope| {
            let others: Vec<_> = (1..slices)
                .map(|slice| scope.spawn(move || run(slice)))
                .collect();
            let mut all = vec![run(0)];
            for other in others {
                all.push(
                    other
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                );
            }
            all
        });
        let (mut uncertain, mut undated) = (0, 0);
        let parts = results
            .into_iter()
            .map(|(out, u, d)| {
                uncertain += u;
                undated += d;
                out
            })
            .collect();
        (parts, uncertain, undated)
    }

    /// Slice `slice` of `slices` (nearly equal) of every selected table's rows, visited.
    fn scan_slice(
        &self,
        prepared: &Prepared,
        slice: usize,
        slices: usize,
        visit: &mut impl FnMut(RecordKind, &KindTable, usize),
    ) -> (u64, u64) {
        let mut uncertain = 0;
        let mut undated = 0;
        for kind in &prepared.kinds {
            let compiled = prepared.bind(self.table(*kind));
            let len = compiled.table.len();
            for row in len * slice / slices..len * (slice + 1) / slices {
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
