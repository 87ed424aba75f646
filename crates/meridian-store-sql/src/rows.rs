//! Turning rows into records and history entries, and snapshots into stored text.

use meridian_domain::{Approval, RecordBody, RecordId, RecordKind};
use meridian_store::{
    HistoryAction, HistoryEntry, Snapshot, StoreError, StoreResult, StoredRecord,
};
use sqlx::any::AnyRow;
use sqlx::Row;

pub const RECORD_COLUMNS: &str = "id, kind, version, approval, unit_id, data, created_at, \
     created_by, updated_at, updated_by, deleted_at, deleted_by";

pub const HISTORY_COLUMNS: &str =
    "record_id, kind, version, action, actor, at, comment, before_state, after_state";

/// History rows as read, each with its after state: a create's is not written (migration
/// 0006), being the record's own row while the record is at that version, and the next
/// change's before state once it is not. Both are joined here, in one statement, so the
/// three agree; callers add `WHERE` and `ORDER BY` over `h`.
pub const HISTORY_SELECT: &str = "SELECT h.record_id, h.kind, h.version, h.action, h.actor, \
     h.at, h.comment, h.before_state, COALESCE(h.after_state, n.before_state) AS after_state, \
     r.version AS record_version, r.approval AS record_approval, r.unit_id AS record_unit, \
     r.data AS record_data, r.deleted_at AS record_deleted_at \
     FROM history h \
     LEFT JOIN history n ON n.record_id = h.record_id AND n.version = h.version + 1 \
     LEFT JOIN records r ON h.after_state IS NULL AND n.record_id IS NULL AND r.id = h.record_id";

fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

fn get<'r, T: sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any>>(
    row: &'r AnyRow,
    column: &str,
) -> StoreResult<T> {
    row.try_get(column)
        .map_err(|e| corrupt(format!("column {column}: {e}")))
}

pub fn parse_id(text: &str) -> StoreResult<RecordId> {
    text.parse()
        .map_err(|_| corrupt(format!("bad record id {text:?}")))
}

pub fn parse_kind(text: &str) -> StoreResult<RecordKind> {
    RecordKind::parse(text).ok_or_else(|| corrupt(format!("unknown record kind {text:?}")))
}

/// A record's approval and owning unit, read from the row's `approval` and `unit` columns
/// (named as the query names them).
fn approval_and_unit(
    row: &AnyRow,
    (approval, unit): (&str, &str),
    kind: RecordKind,
    id: RecordId,
) -> StoreResult<(Approval, Option<RecordId>)> {
    let approval_text: String = get(row, approval)?;
    let approval = Approval::parse(&approval_text)
        .ok_or_else(|| corrupt(format!("{kind} {id}: unknown approval {approval_text:?}")))?;
    let unit = get::<Option<String>>(row, unit)?
        .map(|u| parse_id(&u))
        .transpose()?;
    Ok((approval, unit))
}

pub fn record_from_row(row: &AnyRow) -> StoreResult<StoredRecord> {
    let id = parse_id(&get::<String>(row, "id")?)?;
    let kind = parse_kind(&get::<String>(row, "kind")?)?;
    let (approval, unit) = approval_and_unit(row, ("approval", "unit_id"), kind, id)?;
    let data: String = get(row, "data")?;
    let body = RecordBody::from_data_text(kind, &data)
        .map_err(|e| corrupt(format!("{kind} {id}: {e}")))?;
    Ok(StoredRecord {
        id,
        version: get(row, "version")?,
        approval,
        unit,
        body,
        created_at: get(row, "created_at")?,
        created_by: get(row, "created_by")?,
        updated_at: get(row, "updated_at")?,
        updated_by: get(row, "updated_by")?,
        deleted_at: get(row, "deleted_at")?,
        deleted_by: get(row, "deleted_by")?,
    })
}

fn snapshot_from_text(text: &str) -> StoreResult<Snapshot> {
    serde_json::from_str(text).map_err(|e| corrupt(format!("history snapshot: {e}")))
}

pub fn snapshot_text(snapshot: &Snapshot) -> StoreResult<String> {
    serde_json::to_string(snapshot).map_err(|e| corrupt(format!("history snapshot: {e}")))
}

/// A history entry from a row of `HISTORY_SELECT`.
pub fn history_from_row(row: &AnyRow) -> StoreResult<HistoryEntry> {
    let action_text: String = get(row, "action")?;
    let before: Option<String> = get(row, "before_state")?;
    let after: Option<String> = get(row, "after_state")?;
    let record_id = parse_id(&get::<String>(row, "record_id")?)?;
    let kind = parse_kind(&get::<String>(row, "kind")?)?;
    let version = get(row, "version")?;
    let after = match after {
        Some(text) => snapshot_from_text(&text)?,
        None => state_in_record(row, kind, record_id, version)?,
    };
    Ok(HistoryEntry {
        record_id,
        kind,
        version,
        action: HistoryAction::parse(&action_text)
            .ok_or_else(|| corrupt(format!("unknown history action {action_text:?}")))?,
        actor: get(row, "actor")?,
        at: get(row, "at")?,
        comment: get(row, "comment")?,
        before: before.as_deref().map(snapshot_from_text).transpose()?,
        after,
    })
}

/// The after state of a history entry that did not write it and has no later change:
/// the record's row, which must still be at the entry's version.
fn state_in_record(
    row: &AnyRow,
    kind: RecordKind,
    id: RecordId,
    version: i64,
) -> StoreResult<Snapshot> {
    let missing = || {
        corrupt(format!(
            "{kind} {id}: version {version} has no stored state"
        ))
    };
    let at: Option<i64> = get(row, "record_version")?;
    if at != Some(version) {
        return Err(missing());
    }
    let (approval, unit) = approval_and_unit(row, ("record_approval", "record_unit"), kind, id)?;
    let data: String = get(row, "record_data")?;
    Ok(Snapshot {
        approval,
        unit,
        deleted: get::<Option<String>>(row, "record_deleted_at")?.is_some(),
        data: serde_json::from_str(&data).map_err(|e| corrupt(format!("{kind} {id}: {e}")))?,
    })
}

/// The record's content as stored text.
pub fn data_text(body: &RecordBody) -> StoreResult<String> {
    body.to_data_text().map_err(corrupt)
}
