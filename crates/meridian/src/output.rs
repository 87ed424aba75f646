//! What the CLI prints: tables on stdout, errors on stderr with one problem per line.

use meridian_app::AppError;
use meridian_domain::Lang;
use meridian_store::{HistoryEntry, Snapshot, StoredRecord};

pub fn print_error(error: &anyhow::Error) {
    if let Some(app) = error.downcast_ref::<AppError>() {
        if let AppError::Invalid { record, problems } = app {
            eprintln!(
                "error: {record} was not saved ({} problems):",
                problems.len()
            );
            for line in problems.describe(Lang::En) {
                eprintln!("  {line}");
            }
            return;
        }
        if let AppError::Store(meridian_store::StoreError::Invalid { record, problems }) = app {
            eprintln!(
                "error: {record} was not saved ({} problems):",
                problems.len()
            );
            for line in problems.describe(Lang::En) {
                eprintln!("  {line}");
            }
            return;
        }
    }
    eprintln!("error: {error:#}");
}

pub fn title(record: &StoredRecord) -> String {
    let t = record.body.title();
    match (t.zh, t.en) {
        (Some(zh), Some(en)) => format!("{zh} / {en}"),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => "(untitled)".into(),
    }
}

/// Names of the top-level fields that differ between two snapshots.
pub fn changed_fields(before: &Snapshot, after: &Snapshot) -> Vec<String> {
    let mut changed = Vec::new();
    if before.approval != after.approval {
        changed.push(format!(
            "approval {} → {}",
            before.approval.as_str(),
            after.approval.as_str()
        ));
    }
    if before.unit != after.unit {
        changed.push("unit".into());
    }
    if before.deleted != after.deleted {
        changed.push(
            if after.deleted {
                "moved to trash"
            } else {
                "taken out of trash"
            }
            .into(),
        );
    }
    let empty = serde_json::Map::new();
    let b = before.data.as_object().unwrap_or(&empty);
    let a = after.data.as_object().unwrap_or(&empty);
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    changed.extend(keys.into_iter().filter(|k| b.get(*k) != a.get(*k)).cloned());
    changed
}

pub fn history_line(entry: &HistoryEntry) -> String {
    let what = match &entry.before {
        None => "created".to_string(),
        Some(before) => {
            let fields = changed_fields(before, &entry.after);
            if fields.is_empty() {
                "no change".into()
            } else {
                format!("changed: {}", fields.join(", "))
            }
        }
    };
    let comment = entry
        .comment
        .as_deref()
        .map(|c| format!(" ({c})"))
        .unwrap_or_default();
    format!(
        "v{:<4} {:<9} {:<27} {:<12} {what}{comment}",
        entry.version,
        entry.action.as_str(),
        entry.at,
        entry.actor
    )
}
