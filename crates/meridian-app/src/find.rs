//! Lists with filters (country, country group, year, organization, approval, units,
//! status) and
//! sorting. Filters read each record's derived facts; the store narrows by kind, approval
//! and trash first.
//!
//! This scans every record of the kind; fine for an office's tens of thousands of records,
//! and the search index takes over for larger lists (issue 3, search).

use crate::{App, AppResult};
use meridian_domain::facts::Facts;
use meridian_domain::records::CountryGroup;
use meridian_domain::user::Principal;
use meridian_domain::{Approval, Lang, RecordBody, RecordId, RecordKind};
use meridian_search::SearchQuery;
use meridian_store::{ListQuery, Page, StoredRecord};
use std::collections::{BTreeSet, HashMap};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecordFilter {
    pub approval: Option<Approval>,
    pub country: Option<String>,
    /// A country group: records naming any of its members match.
    pub group: Option<RecordId>,
    pub year: Option<i32>,
    /// Records linking to this organization (or being it).
    pub organization: Option<RecordId>,
    /// Only records owned by one of these units (a user's scope); `None` means all.
    pub units: Option<Vec<RecordId>>,
    /// Only records this user may read.
    pub reader: Option<Principal>,
    /// Only records with this status code (kinds with a status: inquiries, projects...).
    pub status: Option<String>,
}

/// How many records each status has (`App::find_with_status_counts`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusCounts {
    /// Every record, whatever its status.
    pub all: usize,
    /// By status code.
    pub each: HashMap<String, usize>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Most recently changed first.
    #[default]
    Updated,
    /// By title in a language, A–Z.
    Title(Lang),
    /// Oldest created first.
    Created,
}

impl App {
    async fn group_members(&self, group: RecordId) -> AppResult<BTreeSet<String>> {
        let record = self.get(RecordKind::CountryGroup, group).await?;
        Ok(match record.body {
            RecordBody::CountryGroup(CountryGroup { members, .. }) => members.into_iter().collect(),
            _ => BTreeSet::new(),
        })
    }

    /// A page of live records of `kind` matching `filter`, sorted.
    pub async fn find(
        &self,
        kind: RecordKind,
        filter: &RecordFilter,
        sort: Sort,
        offset: usize,
        limit: usize,
    ) -> AppResult<Page<StoredRecord>> {
        let query = ListQuery {
            approval: filter.approval,
            limit: u32::MAX,
            ..ListQuery::kind(kind)
        };
        let members = match filter.group {
            Some(g) => Some(self.group_members(g).await?),
            None => None,
        };
        let mut items: Vec<StoredRecord> = self
            .store
            .list(&query)
            .await?
            .items
            .into_iter()
            .filter(|r| matches(r, filter, members.as_ref()))
            .collect();
        sort_records(&mut items, sort);
        Ok(page_of(items, offset, limit))
    }

    /// [`App::find`] together with how many records each status has under the filter's
    /// other conditions (the list page's status tabs): one scan of the kind without the
    /// status condition, which is then applied to it.
    pub async fn find_with_status_counts(
        &self,
        kind: RecordKind,
        filter: &RecordFilter,
        sort: Sort,
        offset: usize,
        limit: usize,
    ) -> AppResult<(Page<StoredRecord>, StatusCounts)> {
        let others = RecordFilter {
            status: None,
            ..filter.clone()
        };
        let all = self.find(kind, &others, sort, 0, usize::MAX).await?;
        let mut counts = StatusCounts {
            all: all.items.len(),
            each: HashMap::new(),
        };
        for code in all.items.iter().filter_map(|r| r.body.status()) {
            *counts.each.entry(code.to_string()).or_default() += 1;
        }
        let status_only = RecordFilter {
            status: filter.status.clone(),
            ..RecordFilter::default()
        };
        let matching: Vec<StoredRecord> = all
            .items
            .into_iter()
            .filter(|r| matches(r, &status_only, None))
            .collect();
        Ok((page_of(matching, offset, limit), counts))
    }

    /// Like [`App::find`], among the live records of `kind` that a full-text search for
    /// `text` finds (at most the search's limit), best match first. Needs the search index.
    pub async fn find_text(
        &self,
        kind: RecordKind,
        text: &str,
        filter: &RecordFilter,
        offset: usize,
        limit: usize,
    ) -> AppResult<Page<StoredRecord>> {
        let query = SearchQuery {
            kinds: vec![kind],
            approval: filter.approval,
            limit: SearchQuery::MAX_LIMIT,
            ..SearchQuery::new(text)
        };
        let hits = self.search(&query).await?.hits;
        let members = match filter.group {
            Some(g) => Some(self.group_members(g).await?),
            None => None,
        };
        let mut items = Vec::new();
        for hit in hits {
            let Ok(record) = self.store.get(hit.id).await else {
                continue;
            };
            if !record.is_deleted()
                && record.kind() == kind
                && filter.approval.is_none_or(|a| a == record.approval)
                && matches(&record, filter, members.as_ref())
            {
                items.push(record);
            }
        }
        Ok(page_of(items, offset, limit))
    }
}

/// `limit` of `items` from `offset`, with how many there were in all.
fn page_of(items: Vec<StoredRecord>, offset: usize, limit: usize) -> Page<StoredRecord> {
    Page {
        total: items.len() as u64,
        items: items.into_iter().skip(offset).take(limit).collect(),
    }
}

fn matches(
    record: &StoredRecord,
    filter: &RecordFilter,
    members: Option<&BTreeSet<String>>,
) -> bool {
    if let Some(reader) = &filter.reader {
        if !reader.can_read(record.unit, record.approval) {
            return false;
        }
    }
    if let Some(status) = &filter.status {
        if record.body.status() != Some(status.as_str()) {
            return false;
        }
    }
    if let Some(units) = &filter.units {
        if !record.unit.is_some_and(|u| units.contains(&u)) {
            return false;
        }
    }
    let needs_facts = filter.country.is_some()
        || members.is_some()
        || filter.year.is_some()
        || filter.organization.is_some();
    if !needs_facts {
        return true;
    }
    let facts = Facts::of(&record.body);
    filter
        .country
        .as_ref()
        .is_none_or(|c| facts.countries.contains(c))
        && members.is_none_or(|m| facts.countries.iter().any(|c| m.contains(c)))
        && filter.year.is_none_or(|y| facts.touches_year(y))
        && filter
            .organization
            .is_none_or(|o| o == record.id || facts.links.contains(&o))
}

fn sort_records(items: &mut [StoredRecord], sort: Sort) {
    match sort {
        Sort::Updated => {
            items.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.id.cmp(&b.id)))
        }
        Sort::Created => {
            items.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)))
        }
        Sort::Title(lang) => items.sort_by_cached_key(|r| {
            let title = r.body.title();
            let text = title
                .display(lang)
                .map(|(t, _)| t.to_lowercase())
                .unwrap_or_default();
            (text, r.id)
        }),
    }
}
