//! Spreadsheets of records: the flat column layout of each kind (`layout`), cell text
//! (`cell`), rows (`row`), reading CSV and .xlsx files (`read`) and writing them row by row
//! (`write`), with headers in Chinese and English (`labels`). The layout is documented in
//! docs/exchange.md.

pub mod cell;
pub mod labels;
pub mod layout;
pub mod read;
pub mod row;
pub mod write;

pub use cell::Resolver;
pub use layout::{normalize, Column, Layout, Leaf};
pub use read::{read_csv, read_xlsx, FileError, Limits, Sheet};
pub use write::{CsvSink, JsonSink, RowSink, XlsxSink};

use meridian_domain::{Lang, RecordKind};

/// The kind a file holds: its sheet's name (a kind's code or label), else the kind whose
/// headers the file's headers match best (none when two kinds match equally well).
pub fn detect_kind(sheet: Option<&str>, headers: &[String]) -> Option<RecordKind> {
    if let Some(name) = sheet.map(normalize) {
        let named = RecordKind::ALL.iter().find(|k| {
            k.as_str() == name
                || normalize(k.label(Lang::Zh)) == name
                || normalize(k.label(Lang::En)) == name
        });
        if named.is_some() {
            return named.copied();
        }
    }
    let mut scored: Vec<(usize, RecordKind)> = RecordKind::ALL
        .iter()
        .map(|k| {
            let layout = Layout::of(*k);
            let hits = headers
                .iter()
                .filter(|h| layout.find(h).is_some_and(|c| c > 0))
                .count();
            (hits, *k)
        })
        .collect();
    scored.sort_by_key(|s| std::cmp::Reverse(s.0));
    match scored.as_slice() {
        [(a, kind), (b, _), ..] if *a > 0 && a > b => Some(*kind),
        _ => None,
    }
}
