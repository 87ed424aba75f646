//! What a search asks for, and how user words and filters become one tantivy query.
//!
//! User input is words, never query syntax: quotes, colons, parentheses and other
//! punctuation only separate words. The text is split into runs of Han characters and runs
//! of other letters and digits. A Han run is cut by jieba (default mode); each resulting word
//! must be in the Chinese title or text. Any other run must be in the English title or text
//! (stemmed) or, lowercased, in the Chinese ones (Chinese text often holds "WHO" or "ISO").
//! Every word must match somewhere (AND), so a query may mix both languages. Title matches
//! weigh [`TITLE_BOOST`] times body matches. Common function words (的, 和, and, of…) are
//! dropped unless the query has nothing else. Filters add no score.

use crate::schema::{is_han, terms, Fields, EN, ZH_QUERY};
use meridian_domain::{Approval, RecordId, RecordKind};
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Index, Term};

/// How much more a word in a title counts than the same word in the body.
pub const TITLE_BOOST: f32 = 3.0;

/// Function words dropped from queries when other words remain, so "中医和针灸" also finds
/// "中医与针灸", and "malaria AND Myanmar" does not require the word "and".
const ZH_STOP_WORDS: &[&str] = &[
    "的", "了", "和", "与", "及", "或", "在", "是", "等", "对", "为", "之", "其", "也", "以",
];
const EN_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "in", "is", "it", "not", "of", "on",
    "or", "the", "to", "with",
];

/// A search: words plus exact filters. Empty `kinds` means every kind.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchQuery {
    pub text: String,
    pub kinds: Vec<RecordKind>,
    pub approval: Option<Approval>,
    /// `Some(units)`: only records owned by one of these units (`Some(vec![])` finds nothing).
    pub units: Option<Vec<RecordId>>,
    /// ISO 3166-1 alpha-2 code, any case.
    pub country: Option<String>,
    /// The record's year as defined in [`crate::doc`].
    pub year: Option<i32>,
    /// At most [`SearchQuery::MAX_LIMIT`] hits are returned.
    pub limit: usize,
    pub offset: usize,
}

impl SearchQuery {
    pub const MAX_LIMIT: usize = 1000;

    /// A search for `text` with no filters, first 20 hits.
    pub fn new(text: impl Into<String>) -> Self {
        SearchQuery {
            text: text.into(),
            ..SearchQuery::default()
        }
    }
}

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery {
            text: String::new(),
            kinds: Vec::new(),
            approval: None,
            units: None,
            country: None,
            year: None,
            limit: 20,
            offset: 0,
        }
    }
}

/// A run of the user's text: Han characters, or other letters and digits.
#[derive(Debug, PartialEq)]
struct Run<'a> {
    text: &'a str,
    han: bool,
}

fn runs(text: &str) -> Vec<Run<'_>> {
    let mut out = Vec::new();
    let mut current: Option<(usize, bool)> = None;
    for (i, c) in text.char_indices() {
        let class = c.is_alphanumeric().then(|| is_han(c));
        if let Some((start, han)) = current {
            if class == Some(han) {
                continue;
            }
            out.push(Run {
                text: &text[start..i],
                han,
            });
        }
        current = class.map(|han| (i, han));
    }
    if let Some((start, han)) = current {
        out.push(Run {
            text: &text[start..],
            han,
        });
    }
    out
}

/// The scored part of the query: every word, each in any of its fields. `None` when the
/// text has no words (empty, or only punctuation).
pub(crate) fn text_query(index: &Index, f: &Fields, text: &str) -> Option<Box<dyn Query>> {
    // (query, is a stop word)
    let mut words: Vec<(Box<dyn Query>, bool)> = Vec::new();
    for run in runs(text) {
        if run.han {
            for term in terms(index, ZH_QUERY, run.text) {
                let stop = ZH_STOP_WORDS.contains(&term.as_str());
                words.push((any_field(&[(f.title_zh, f.body_zh, &term)]), stop));
            }
        } else {
            let lower = run.text.to_lowercase();
            let stop = EN_STOP_WORDS.contains(&lower.as_str());
            let mut places = vec![(f.title_zh, f.body_zh, &lower)];
            let stems = terms(index, EN, run.text);
            places.extend(stems.iter().map(|s| (f.title_en, f.body_en, s)));
            words.push((any_field(&places), stop));
        }
    }
    let only_stop_words = words.iter().all(|(_, stop)| *stop);
    let mut required: Vec<Box<dyn Query>> = words
        .into_iter()
        .filter(|(_, stop)| only_stop_words || !stop)
        .map(|(query, _)| query)
        .collect();
    match required.len() {
        0 => None,
        // Unwrapped, a one-word query is a union of term queries, which tantivy ranks with
        // block-max WAND (skipping postings blocks that cannot reach the top hits).
        1 => required.pop(),
        _ => Some(Box::new(BooleanQuery::intersection(required))),
    }
}

/// One word: matches if any (title, body, term) place holds it; titles boosted.
fn any_field(places: &[(Field, Field, &String)]) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (title, body, term) in places {
        let title_q = scored_term(*title, term);
        clauses.push((
            Occur::Should,
            Box::new(BoostQuery::new(title_q, TITLE_BOOST)),
        ));
        clauses.push((Occur::Should, scored_term(*body, term)));
    }
    Box::new(BooleanQuery::new(clauses))
}

fn scored_term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// The filters as unscored clauses; `None` when a filter can match nothing.
pub(crate) fn filters(f: &Fields, q: &SearchQuery) -> Option<Vec<Box<dyn Query>>> {
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    if !q.kinds.is_empty() {
        out.push(any_of(
            f.kind,
            q.kinds.iter().map(|k| k.as_str().to_string()),
        ));
    }
    if let Some(approval) = q.approval {
        out.push(any_of(f.approval, [approval.as_str().to_string()]));
    }
    if let Some(units) = &q.units {
        if units.is_empty() {
            return None;
        }
        out.push(any_of(f.unit, units.iter().map(RecordId::to_string)));
    }
    if let Some(country) = &q.country {
        out.push(any_of(f.country, [country.trim().to_ascii_uppercase()]));
    }
    if let Some(year) = q.year {
        let term = Term::from_field_i64(f.year, i64::from(year));
        out.push(unscored(Box::new(TermQuery::new(
            term,
            IndexRecordOption::Basic,
        ))));
    }
    Some(out)
}

/// Matches documents whose `field` holds any of `values` exactly.
fn any_of(field: Field, values: impl IntoIterator<Item = String>) -> Box<dyn Query> {
    let terms: Vec<Box<dyn Query>> = values
        .into_iter()
        .map(|v| {
            let term = Term::from_field_text(field, &v);
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>
        })
        .collect();
    unscored(Box::new(BooleanQuery::union(terms)))
}

fn unscored(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(&str, bool)> {
        runs(text).into_iter().map(|r| (r.text, r.han)).collect()
    }

    #[test]
    fn punctuation_separates_words_and_scripts_separate_runs() {
        assert_eq!(
            texts("\"WHO合作中心\": (ISO 18665)"),
            vec![
                ("WHO", false),
                ("合作中心", true),
                ("ISO", false),
                ("18665", false)
            ]
        );
        assert!(texts("\"\":()*?!，。").is_empty());
    }
}
