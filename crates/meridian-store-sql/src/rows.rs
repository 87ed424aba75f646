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

pub fn record_from_row(row: &AnyRow) -> StoreResult<StoredRecord> {
    let id = parse_id(&get::<String>(row, "id")?)?;
    let kind = parse_kind(&get::<String>(row, "kind")?)?;
    let approval_text: String = get(row, "approval")?;
    let approval = Approval::parse(&approval_text)
        .ok_or_else(|| corrupt(format!("{kind} {id}: unknown approval {approval_text:?}")))?;
    let unit = get::<Option<String>>(row, "unit_id")?
        .map(|u| parse_id(&u))
        .transpose()?;
    let data: String = get(row, "data")?;
    let value: serde_json::Value =
        serde_json::from_str(&data).map_err(|e| corrupt(format!("{kind} {id}: {e}")))?;
    let body =
        RecordBody::from_data(kind, value).map_err(|e| corrupt(format!("{kind} {id}: {e}")))?;
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

pub fn history_from_row(row: &AnyRow) -> StoreResult<HistoryEntry> {
    let action_text: String = get(row, "action")?;
    let before: Option<String> = get(row, "before_state")?;
    let after: String = get(row, "after_state")?;
    Ok(HistoryEntry {
        record_id: parse_id(&get::<String>(row, "record_id")?)?,
        kind: parse_kind(&get::<String>(row, "kind")?)?,
        version: get(row, "version")?,
        action: HistoryAction::parse(&action_text)
            .ok_or_else(|| corrupt(format!("unknown history action {action_text:?}")))?,
        actor: get(row, "actor")?,
        at: get(row, "at")?,
        comment: get(row, "comment")?,
        before: before.as_deref().map(snapshot_from_text).transpose()?,
        after: snapshot_from_text(&after)?,
    })
}

/// The record's content as stored text.
pub fn data_text(body: &RecordBody) -> StoreResult<String> {
    serde_json::to_string(&body.to_data()).map_err(corrupt)
}
