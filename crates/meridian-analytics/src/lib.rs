//! Meridian's figures, computed one way for every page, report, headline and API answer.
//!
//! [`Analytics`] holds an in-memory, column-by-column projection of the live records
//! (`table.rs`, filled by `project.rs`), kept up to date record by record by the
//! application, plus the few records that define figures (indicators, reported figures,
//! plans, country groups, the organization tree). Over it:
//!
//! - [`select`]: which records a question is about ([`Selection`]);
//! - [`measure`]: counts, time series and breakdowns, the partner network, gaps;
//! - [`progress`]: a plan's indicators against baselines and targets, per reporting unit
//!   and rolled up, with status and reporting completeness;
//! - [`headline`]: sentences built from figures, phrased as the sources phrase them.
//!
//! Nothing here does IO: the application feeds records in and asks questions.

mod column;
pub mod headline;
mod intern;
pub mod measure;
pub mod progress;
mod project;
pub mod select;
mod table;
mod tally;

pub use headline::{Headline, HeadlineFigure};
pub use measure::{Breakdown, Bucket, Count, Dimension, Gap, Network, NetworkLink, NetworkNode};
pub use progress::{
    Completeness, IndicatorProgress, PlanProgress, ProgressStatus, Reminder, UnitProgress, Value,
    ValueSource,
};
pub use project::{Span, MAIN_DATE_FIELDS};
pub use select::Selection;

use intern::{Interner, Symbols, NONE};
use meridian_domain::records::{CountryGroup, Figure, Indicator, Organization, Plan};
use meridian_domain::{Approval, Code, LocalizedText, RecordBody, RecordId, RecordKind};
use std::collections::HashMap;
use table::{KindTable, RowValues};

/// One live record as the application hands it over.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub id: RecordId,
    pub approval: Approval,
    /// The reporting unit that owns the record.
    pub unit: Option<RecordId>,
    pub body: &'a RecordBody,
}

/// A defining record kept whole, with its approval state and owner.
#[derive(Debug, Clone)]
pub struct Held<T> {
    pub id: RecordId,
    pub approval: Approval,
    pub unit: Option<RecordId>,
    pub value: T,
}

#[derive(Debug, Clone)]
pub(crate) struct OrgInfo {
    pub parent: u32,
    pub org_type: String,
    /// `org_type` as a symbol, for counting without strings.
    pub org_type_sym: u32,
    pub name: LocalizedText,
}

#[derive(Debug, Clone)]
pub(crate) struct GroupInfo {
    pub members: Vec<u32>,
    pub name: LocalizedText,
}

/// The projection and the defining records. Build it with [`Analytics::build`], keep it
/// current with [`Analytics::upsert`] and [`Analytics::remove`].
#[derive(Debug)]
pub struct Analytics {
    tables: Vec<KindTable>,
    rows: HashMap<RecordId, (RecordKind, usize)>,
    entities: Interner<RecordId>,
    symbols: Symbols,
    country_numbers: HashMap<&'static str, u32>,
    orgs: HashMap<u32, OrgInfo>,
    /// Each organization's children, so that a subtree costs its own size.
    children: HashMap<u32, Vec<u32>>,
    groups: HashMap<u32, GroupInfo>,
    indicators: HashMap<RecordId, Held<Indicator>>,
    plans: HashMap<RecordId, Held<Plan>>,
    figures: HashMap<RecordId, Held<Figure>>,
    figures_by_indicator: HashMap<RecordId, Vec<RecordId>>,
    /// Selections counted by unit and year, kept up to date row by row (`tally.rs`).
    tallies: std::sync::Mutex<HashMap<tally::TallyKey, tally::Kept>>,
}

impl Default for Analytics {
    fn default() -> Self {
        Self::new()
    }
}

/// The kind's table: `RecordKind`'s variants are declared in the order of `ALL`.
fn kind_index(kind: RecordKind) -> usize {
    kind as usize
}

impl Analytics {
    pub fn new() -> Self {
        let country_numbers = meridian_interop::reference::countries()
            .iter()
            .enumerate()
            .map(|(i, c)| (c.alpha2.as_str(), i as u32))
            .collect();
        Self {
            tables: RecordKind::ALL
                .iter()
                .map(|_| KindTable::default())
                .collect(),
            rows: HashMap::new(),
            entities: Interner::default(),
            symbols: Symbols::default(),
            country_numbers,
            orgs: HashMap::new(),
            children: HashMap::new(),
            groups: HashMap::new(),
            indicators: HashMap::new(),
            plans: HashMap::new(),
            figures: HashMap::new(),
            figures_by_indicator: HashMap::new(),
            tallies: std::sync::Mutex::new(HashMap::new()),
        }
    }

    /// A projection of these records.
    pub fn build<'a>(entries: impl IntoIterator<Item = Entry<'a>>) -> Self {
        let mut analytics = Self::new();
        for entry in entries {
            analytics.upsert(entry);
        }
        analytics
    }

    /// How many records it holds.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn contains(&self, id: RecordId) -> bool {
        self.rows.contains_key(&id)
    }

    /// Takes in a new or changed record.
    pub fn upsert(&mut self, entry: Entry<'_>) {
        let kind = entry.body.kind();
        if let Some((old_kind, _)) = self.rows.get(&entry.id) {
            if *old_kind != kind {
                self.remove(entry.id);
            }
        }
        let parent_before = self.parent_entity(kind, entry.id);
        self.forget_defining(entry.id);
        let row = self.row_values(&entry);
        let at = match self.rows.get(&entry.id) {
            Some((_, at)) => {
                let at = *at;
                self.tally_row(kind, at, false);
                self.tables[kind_index(kind)].set(at, &row);
                at
            }
            None => {
                let at = self.tables[kind_index(kind)].push(entry.id, &row);
                self.rows.insert(entry.id, (kind, at));
                at
            }
        };
        self.keep_defining(&entry);
        self.defining_changed(kind, parent_before, self.parent_entity(kind, entry.id));
        self.tally_row(kind, at, true);
    }

    /// Lets go of a record (deleted, or moved to the trash).
    pub fn remove(&mut self, id: RecordId) {
        let Some((kind, at)) = self.rows.get(&id).copied() else {
            return;
        };
        self.tally_row(kind, at, false);
        self.rows.remove(&id);
        if let Some(moved) = self.tables[kind_index(kind)].swap_remove(at) {
            self.rows.insert(moved, (kind, at));
        }
        let parent_before = self.parent_entity(kind, id);
        self.forget_defining(id);
        self.defining_changed(kind, parent_before, None);
    }

    /// An organization's parent entity (`NONE` for none) while it is held; `None` for
    /// other kinds, without a lookup (this runs on every upsert).
    fn parent_entity(&self, kind: RecordKind, id: RecordId) -> Option<u32> {
        if kind != RecordKind::Organization {
            return None;
        }
        let n = self.entities.get(&id)?;
        self.orgs.get(&n).map(|o| o.parent)
    }

    /// Drops the kept tallies a change to a defining record makes stale: a move in the
    /// organization tree (an organization placed under a parent, moved, or taken from under
    /// one) or any change to a country group.
    fn defining_changed(
        &mut self,
        kind: RecordKind,
        parent_before: Option<u32>,
        parent_now: Option<u32>,
    ) {
        match kind {
            RecordKind::Organization => {
                let (from, to) = (parent_before.unwrap_or(NONE), parent_now.unwrap_or(NONE));
                if from != to {
                    self.drop_tallies_scoped_under(from, to);
                }
            }
            RecordKind::CountryGroup => self.drop_tallies_naming_a_group(),
            _ => {}
        }
    }

    fn row_values(&mut self, entry: &Entry<'_>) -> RowValues {
        let projected = project::project(entry.body);
        let unit = entry.unit.map_or(NONE, |u| self.entities.intern(&u));
        let countries = projected
            .countries
            .iter()
            .filter_map(|c| self.country_numbers.get(c.as_str()).copied())
            .collect();
        let dates = projected
            .dates
            .iter()
            .map(|(field, span)| (self.symbols.intern(&Box::from(field.as_str())), *span))
            .collect();
        let mut attributes: Vec<(u32, Vec<u32>)> = Vec::new();
        for (field, value) in &projected.attributes {
            let field = self.symbols.intern(&Box::from(field.as_str()));
            let value = self.symbols.intern(&Box::from(value.as_str()));
            match attributes.iter_mut().find(|(f, _)| *f == field) {
                Some((_, values)) if !values.contains(&value) => values.push(value),
                Some(_) => {}
                None => attributes.push((field, vec![value])),
            }
        }
        let mut links: Vec<(u32, Vec<u32>)> = Vec::new();
        let mut linked: Vec<u32> = Vec::new();
        for (field, target) in &projected.links {
            let field = self.symbols.intern(&Box::from(field.as_str()));
            let target = self.entities.intern(target);
            match links.iter_mut().find(|(f, _)| *f == field) {
                Some((_, values)) if !values.contains(&target) => values.push(target),
                Some(_) => {}
                None => links.push((field, vec![target])),
            }
            if !linked.contains(&target) {
                linked.push(target);
            }
        }
        if unit != NONE && !linked.contains(&unit) {
            linked.push(unit);
        }
        RowValues {
            approval: Some(entry.approval),
            unit,
            countries,
            main_date: projected.main_date,
            dates,
            attributes,
            links,
            linked,
        }
    }

    fn held<T>(entry: &Entry<'_>, value: T) -> Held<T> {
        Held {
            id: entry.id,
            approval: entry.approval,
            unit: entry.unit,
            value,
        }
    }

    fn keep_defining(&mut self, entry: &Entry<'_>) {
        match entry.body {
            RecordBody::Organization(Organization {
                parent,
                org_type,
                name,
                ..
            }) => {
                let me = self.entities.intern(&entry.id);
                let parent = parent.map_or(NONE, |p| self.entities.intern(&p));
                if parent != NONE {
                    self.children.entry(parent).or_default().push(me);
                }
                let org_type_sym = self.symbols.intern(&Box::from(org_type.as_str()));
                self.orgs.insert(
                    me,
                    OrgInfo {
                        parent,
                        org_type: org_type.as_str().to_string(),
                        org_type_sym,
                        name: name.clone(),
                    },
                );
            }
            RecordBody::CountryGroup(CountryGroup { members, name, .. }) => {
                let me = self.entities.intern(&entry.id);
                let members = members
                    .iter()
                    .filter_map(|c| self.country_numbers.get(c.as_str()).copied())
                    .collect();
                self.groups.insert(
                    me,
                    GroupInfo {
                        members,
                        name: name.clone(),
                    },
                );
            }
            RecordBody::Indicator(indicator) => {
                self.indicators
                    .insert(entry.id, Self::held(entry, indicator.clone()));
            }
            RecordBody::Plan(plan) => {
                self.plans.insert(entry.id, Self::held(entry, plan.clone()));
            }
            RecordBody::Figure(figure) => {
                self.figures_by_indicator
                    .entry(figure.indicator)
                    .or_default()
                    .push(entry.id);
                self.figures
                    .insert(entry.id, Self::held(entry, figure.clone()));
            }
            _ => {}
        }
    }

    fn forget_defining(&mut self, id: RecordId) {
        if let Some(n) = self.entities.get(&id) {
            if let Some(info) = self.orgs.remove(&n) {
                if let Some(siblings) = self.children.get_mut(&info.parent) {
                    siblings.retain(|c| *c != n);
                }
            }
            self.groups.remove(&n);
        }
        self.indicators.remove(&id);
        self.plans.remove(&id);
        if let Some(figure) = self.figures.remove(&id) {
            if let Some(list) = self.figures_by_indicator.get_mut(&figure.value.indicator) {
                list.retain(|f| *f != id);
            }
        }
    }

    pub(crate) fn table(&self, kind: RecordKind) -> &KindTable {
        &self.tables[kind_index(kind)]
    }

    /// Every plan held, in no particular order.
    pub fn plans(&self) -> impl Iterator<Item = &Held<Plan>> {
        self.plans.values()
    }

    pub fn plan(&self, id: RecordId) -> Option<&Held<Plan>> {
        self.plans.get(&id)
    }

    pub fn indicator(&self, id: RecordId) -> Option<&Held<Indicator>> {
        self.indicators.get(&id)
    }

    pub fn indicators(&self) -> impl Iterator<Item = &Held<Indicator>> {
        self.indicators.values()
    }

    pub fn indicator_by_code(&self, code: &str) -> Option<&Held<Indicator>> {
        self.indicators.values().find(|i| i.value.code == code)
    }

    pub fn figure(&self, id: RecordId) -> Option<&Held<Figure>> {
        self.figures.get(&id)
    }

    /// The figures reported for an indicator.
    pub fn figures_of(&self, indicator: RecordId) -> impl Iterator<Item = &Held<Figure>> {
        self.figures_by_indicator
            .get(&indicator)
            .into_iter()
            .flatten()
            .filter_map(|id| self.figures.get(id))
    }

    /// An organization's name, when it is held.
    pub fn organization_name(&self, id: RecordId) -> Option<&LocalizedText> {
        let n = self.entities.get(&id)?;
        self.orgs.get(&n).map(|o| &o.name)
    }

    /// A country group's name, when it is held.
    pub fn group_name(&self, id: RecordId) -> Option<&LocalizedText> {
        let n = self.entities.get(&id)?;
        self.groups.get(&n).map(|g| &g.name)
    }

    /// The organization's parent in the unit tree.
    pub fn parent_of(&self, id: RecordId) -> Option<RecordId> {
        let n = self.entities.get(&id)?;
        let parent = self.orgs.get(&n)?.parent;
        (parent != NONE).then(|| *self.entities.value(parent))
    }

    /// The organizations whose parent is `id`.
    pub fn children_of(&self, id: RecordId) -> Vec<RecordId> {
        let Some(n) = self.entities.get(&id) else {
            return Vec::new();
        };
        let mut children: Vec<RecordId> = self
            .children
            .get(&n)
            .into_iter()
            .flatten()
            .map(|c| *self.entities.value(*c))
            .collect();
        children.sort();
        children
    }

    /// Entity numbers of these organizations and every organization below them, walked
    /// down the children index (a cycle stored by mistake is walked once).
    pub(crate) fn subtree_entities(&self, roots: impl IntoIterator<Item = u32>) -> Vec<u32> {
        let mut seen: std::collections::HashSet<u32> = std::collections::HashSet::new();
        let mut out: Vec<u32> = roots.into_iter().filter(|r| seen.insert(*r)).collect();
        let mut i = 0;
        while i < out.len() {
            for child in self.children.get(&out[i]).into_iter().flatten() {
                if seen.insert(*child) {
                    out.push(*child);
                }
            }
            i += 1;
        }
        out
    }

    /// These organizations and every organization below them, as a mask over entities.
    pub(crate) fn subtree(&self, roots: &[RecordId]) -> Vec<bool> {
        let mut inside = vec![false; self.entities.len()];
        let roots = roots.iter().filter_map(|r| self.entities.get(r));
        for n in self.subtree_entities(roots) {
            inside[n as usize] = true;
        }
        inside
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_table_in_the_order_of_all() {
        for (i, kind) in RecordKind::ALL.iter().enumerate() {
            assert_eq!(kind_index(*kind), i, "{kind}");
        }
    }
}
