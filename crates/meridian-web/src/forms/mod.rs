//! Record forms for every kind, driven by one field list per kind (`spec`): parsing what a
//! person submitted (`parse`), drawing the form (`render`) and showing a record (`show`).

pub mod parse;
pub mod render;
pub mod show;
pub mod spec;

use meridian_domain::{Lang, LocalizedText, RecordKind};
use std::collections::{BTreeMap, HashMap};

/// What drawing a form or a record needs besides the data.
pub struct Ctx<'a> {
    pub lang: Lang,
    /// Messages by field path, in the user's language.
    pub errors: &'a BTreeMap<String, String>,
    /// Titles and kinds of linked records, by id.
    pub titles: &'a HashMap<String, (RecordKind, LocalizedText)>,
    /// Where links to records point: `/records` in the application, `/portal/LANG/records`
    /// on the portal.
    pub link_base: &'a str,
}

/// A field path as an HTML id: `counts[1].value` → `counts-1-value`.
pub fn anchor(path: &str) -> String {
    path.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect::<String>()
        .trim_matches('-')
        .replace("--", "-")
}
