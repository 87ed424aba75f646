//! One table per record kind, column by column: the approval state, the owning unit, the
//! countries, the main date and every date, attribute and link field the kind's records
//! have. Removing a row moves the last row into its place.

use crate::column::Column;
use crate::intern::NONE;
use crate::project::Span;
use meridian_domain::{Approval, RecordId};
use std::collections::HashMap;

#[derive(Debug, Default)]
pub(crate) struct KindTable {
    pub ids: Vec<RecordId>,
    pub approval: Vec<Approval>,
    /// The owning reporting unit (entity number) or `NONE`.
    pub unit: Vec<u32>,
    /// Country numbers (positions in `meridian_interop::countries()`).
    pub countries: Column,
    pub main_date: Vec<Span>,
    /// By field symbol.
    pub dates: HashMap<u32, Vec<Span>>,
    /// By field symbol; values are symbols.
    pub attributes: HashMap<u32, Column>,
    /// By field symbol; values are entity numbers.
    pub links: HashMap<u32, Column>,
    /// Every entity the row links to, in any field, and its unit: for organization scope
    /// and the partner network.
    pub linked: Column,
}

impl Default for Column {
    fn default() -> Self {
        Column::One(Vec::new())
    }
}

/// One row, interned, ready to be written.
#[derive(Debug, Default)]
pub(crate) struct RowValues {
    pub approval: Option<Approval>,
    pub unit: u32,
    pub countries: Vec<u32>,
    pub main_date: Option<Span>,
    pub dates: Vec<(u32, Span)>,
    pub attributes: Vec<(u32, Vec<u32>)>,
    pub links: Vec<(u32, Vec<u32>)>,
    pub linked: Vec<u32>,
}

impl KindTable {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Appends a row and returns its position.
    pub fn push(&mut self, id: RecordId, row: &RowValues) -> usize {
        let at = self.len();
        self.ids.push(id);
        self.approval.push(Approval::Draft);
        self.unit.push(NONE);
        self.countries.push(&[]);
        self.main_date.push(Span::NONE);
        for column in self.dates.values_mut() {
            column.push(Span::NONE);
        }
        for column in self.attributes.values_mut() {
            column.push(&[]);
        }
        for column in self.links.values_mut() {
            column.push(&[]);
        }
        self.linked.push(&[]);
        self.set(at, row);
        at
    }

    /// Overwrites row `at` with `row`; fields it lacks become empty.
    pub fn set(&mut self, at: usize, row: &RowValues) {
        let rows = self.len();
        self.approval[at] = row.approval.unwrap_or(Approval::Draft);
        self.unit[at] = row.unit;
        self.countries.set(at, &row.countries);
        self.main_date[at] = row.main_date.unwrap_or(Span::NONE);
        for column in self.dates.values_mut() {
            column[at] = Span::NONE;
        }
        for (field, span) in &row.dates {
            self.dates
                .entry(*field)
                .or_insert_with(|| vec![Span::NONE; rows])[at] = *span;
        }
        for column in self.attributes.values_mut() {
            column.set(at, &[]);
        }
        for (field, values) in &row.attributes {
            self.attributes
                .entry(*field)
                .or_insert_with(|| Column::with_rows(rows))
                .set(at, values);
        }
        for column in self.links.values_mut() {
            column.set(at, &[]);
        }
        for (field, values) in &row.links {
            self.links
                .entry(*field)
                .or_insert_with(|| Column::with_rows(rows))
                .set(at, values);
        }
        self.linked.set(at, &row.linked);
    }

    /// Removes row `at`; returns the id of the row moved into its place, if any.
    pub fn swap_remove(&mut self, at: usize) -> Option<RecordId> {
        self.ids.swap_remove(at);
        self.approval.swap_remove(at);
        self.unit.swap_remove(at);
        self.countries.swap_remove(at);
        self.main_date.swap_remove(at);
        for column in self.dates.values_mut() {
            column.swap_remove(at);
        }
        for column in self.attributes.values_mut() {
            column.swap_remove(at);
        }
        for column in self.links.values_mut() {
            column.swap_remove(at);
        }
        self.linked.swap_remove(at);
        self.ids.get(at).copied()
    }
}
