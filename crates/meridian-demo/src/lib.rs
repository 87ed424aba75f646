//! The demonstration dataset: every fact in the five seed documents (CACMS, NMU, Tsinghua
//! School of Medicine, the 2012 white paper, the 2021–2025 TCM Belt and Road plan) as
//! structured, bilingual records, embedded as JSON and loaded in dependency order.
//!
//! Data files live in `data/`, one per seed plus `common.json`. Each record has a stable key
//! (`org:nmu`); its id is `RecordId::named(key)`. Inside `data`, `"@key"` links to another
//! record; `country_group:<code>` keys name reference data loaded before the dataset.

mod error;
mod external;
mod link;
mod order;
mod read;

pub use error::DemoError;
pub use external::external_keys;

use meridian_domain::{RecordBody, RecordId, RecordKind};
use std::collections::HashMap;

/// The embedded data files, in the order their records are listed before sorting.
pub const FILES: &[(&str, &str)] = &[
    ("common.json", include_str!("../data/common.json")),
    ("000_cacms.json", include_str!("../data/000_cacms.json")),
    ("001_nmu.json", include_str!("../data/001_nmu.json")),
    (
        "002_tsinghua.json",
        include_str!("../data/002_tsinghua.json"),
    ),
    (
        "003_white_paper.json",
        include_str!("../data/003_white_paper.json"),
    ),
    ("004_plan.json", include_str!("../data/004_plan.json")),
];

/// One record of the dataset, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoRecord {
    /// Stable key such as `org:nmu`.
    pub key: String,
    /// `RecordId::named(key)`.
    pub id: RecordId,
    /// The reporting unit (an organization) that owns the record, if any.
    pub unit: Option<RecordId>,
    pub body: RecordBody,
}

/// The whole dataset, every record after the records it links to (reference country groups
/// excepted: they are external and loaded first).
pub fn records() -> Result<Vec<DemoRecord>, DemoError> {
    load(FILES)
}

/// Loads records from `(file name, JSON)` pairs; `records()` uses the embedded files.
pub fn load(files: &[(&str, &str)]) -> Result<Vec<DemoRecord>, DemoError> {
    let mut entries = read::read(files)?;
    let kinds: HashMap<String, RecordKind> =
        entries.iter().map(|e| (e.key.clone(), e.kind)).collect();
    let mut loaded = Vec::with_capacity(entries.len());
    let mut deps = Vec::with_capacity(entries.len());
    for entry in &mut entries {
        let links = link::resolve(entry, &kinds)?;
        let body = RecordBody::from_data(entry.kind, entry.data.clone()).map_err(|e| {
            let reason = e.to_string();
            DemoError::BadData {
                file: entry.file.clone(),
                key: entry.key.clone(),
                kind: entry.kind,
                field: error::serde_field(&reason),
                reason,
            }
        })?;
        link::check(entry, &body, &links, &kinds)?;
        let unit = unit_of(entry, &kinds)?;
        let mut needs: Vec<String> = links.into_iter().map(|l| l.key).collect();
        needs.extend(entry.unit.clone());
        deps.push(needs);
        loaded.push(DemoRecord {
            key: entry.key.clone(),
            id: RecordId::named(&entry.key),
            unit,
            body,
        });
    }
    let keys: Vec<String> = loaded.iter().map(|r| r.key.clone()).collect();
    let order = order::topological(&keys, &deps)?;
    let mut slots: Vec<Option<DemoRecord>> = loaded.into_iter().map(Some).collect();
    Ok(order.into_iter().filter_map(|i| slots[i].take()).collect())
}

/// The unit must be an organization held by the dataset.
fn unit_of(
    entry: &read::Entry,
    kinds: &HashMap<String, RecordKind>,
) -> Result<Option<RecordId>, DemoError> {
    let Some(unit) = &entry.unit else {
        return Ok(None);
    };
    let bad = |reason: &str| DemoError::BadUnit {
        file: entry.file.clone(),
        key: entry.key.clone(),
        unit: unit.clone(),
        reason: reason.to_string(),
    };
    if *unit == entry.key {
        // Storage checks the unit link when it inserts the record, before the record exists.
        return Err(bad("is the record itself; leave the unit out"));
    }
    match kinds.get(unit) {
        Some(RecordKind::Organization) => Ok(Some(RecordId::named(unit))),
        Some(_) => Err(bad("is not an organization")),
        None => Err(bad("names no record of the dataset")),
    }
}
