//! Integration tests for the search index: language handling, ranking, filters, changes,
//! snippets, persistence, and building documents from real record bodies.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod changes;
mod from_record;
mod languages;
mod ranking_and_filters;

use meridian_domain::{Approval, LocalizedText, RecordId, RecordKind};
use meridian_search::{SearchDoc, SearchIndex, SearchQuery, SearchResults};

/// An approved project with the given Chinese and English title and text.
pub fn doc(title: (&str, &str), text_zh: &str, text_en: &str) -> SearchDoc {
    let keep = |s: &str| (!s.is_empty()).then(|| s.to_string());
    SearchDoc {
        id: RecordId::new(),
        kind: RecordKind::Project,
        approval: Approval::Approved,
        unit: None,
        title: LocalizedText::from_options(keep(title.0), keep(title.1)),
        text_zh: text_zh.to_string(),
        text_en: text_en.to_string(),
        countries: Vec::new(),
        year: None,
    }
}

pub fn index_with<'a>(docs: impl IntoIterator<Item = &'a SearchDoc>) -> SearchIndex {
    let index = SearchIndex::in_memory().unwrap();
    index.upsert_many(docs.into_iter().cloned()).unwrap();
    index
}

pub fn search(index: &SearchIndex, text: &str) -> SearchResults {
    index.search(&SearchQuery::new(text)).unwrap()
}

pub fn ids(results: &SearchResults) -> Vec<RecordId> {
    results.hits.iter().map(|h| h.id).collect()
}
