//! Records as stored (body plus envelope), history entries, and list queries.

use meridian_domain::{Approval, RecordBody, RecordId, RecordKind};
use serde::{Deserialize, Serialize};

/// Who made a change: a user name, or a process such as `demo` or `restore`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Actor(pub String);

impl Actor {
    pub fn new(name: impl Into<String>) -> Self {
        Self(name.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A record with its envelope. Timestamps are UTC RFC 3339 with microseconds.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRecord {
    pub id: RecordId,
    pub version: i64,
    pub approval: Approval,
    /// The reporting unit (an organization) that owns the record.
    pub unit: Option<RecordId>,
    pub body: RecordBody,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub updated_by: String,
    pub deleted_at: Option<String>,
    pub deleted_by: Option<String>,
}

impl StoredRecord {
    pub fn kind(&self) -> RecordKind {
        self.body.kind()
    }

    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_some()
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            approval: self.approval,
            unit: self.unit,
            deleted: self.is_deleted(),
            data: self.body.to_data(),
        }
    }
}

/// A record to create. Without an id, a new one is made.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRecord {
    pub id: Option<RecordId>,
    pub body: RecordBody,
    pub approval: Approval,
    pub unit: Option<RecordId>,
}

impl NewRecord {
    pub fn draft(body: impl Into<RecordBody>) -> Self {
        Self {
            id: None,
            body: body.into(),
            approval: Approval::Draft,
            unit: None,
        }
    }
}

/// The new state of a record after an update; every field is the full new value.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub body: RecordBody,
    pub approval: Approval,
    pub unit: Option<RecordId>,
    /// Why, when the change needs one (e.g. a returned submission).
    pub comment: Option<String>,
}

impl Change {
    /// The record's current envelope with a new body.
    pub fn body_of(current: &StoredRecord, body: RecordBody) -> Self {
        Self {
            body,
            approval: current.approval,
            unit: current.unit,
            comment: None,
        }
    }
}

/// The state of a record at one version, as kept in history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub approval: Approval,
    pub unit: Option<RecordId>,
    pub deleted: bool,
    pub data: serde_json::Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HistoryAction {
    Create,
    Update,
    Delete,
    Undelete,
    Restore,
}

impl HistoryAction {
    pub fn as_str(self) -> &'static str {
        match self {
            HistoryAction::Create => "create",
            HistoryAction::Update => "update",
            HistoryAction::Delete => "delete",
            HistoryAction::Undelete => "undelete",
            HistoryAction::Restore => "restore",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            HistoryAction::Create,
            HistoryAction::Update,
            HistoryAction::Delete,
            HistoryAction::Undelete,
            HistoryAction::Restore,
        ]
        .into_iter()
        .find(|a| a.as_str() == text)
    }
}

/// One change to one record: who, when, and the full state before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub record_id: RecordId,
    pub kind: RecordKind,
    /// The version this change produced.
    pub version: i64,
    pub action: HistoryAction,
    pub actor: String,
    pub at: String,
    pub comment: Option<String>,
    pub before: Option<Snapshot>,
    pub after: Snapshot,
}

/// Which records a list shows with respect to the trash.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TrashFilter {
    #[default]
    Live,
    Trashed,
    All,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListQuery {
    pub kind: Option<RecordKind>,
    pub trash: TrashFilter,
    pub approval: Option<Approval>,
    pub unit: Option<RecordId>,
    pub limit: u32,
    pub offset: u64,
}

impl Default for ListQuery {
    fn default() -> Self {
        Self {
            kind: None,
            trash: TrashFilter::Live,
            approval: None,
            unit: None,
            limit: 50,
            offset: 0,
        }
    }
}

impl ListQuery {
    pub fn kind(kind: RecordKind) -> Self {
        Self {
            kind: Some(kind),
            ..Self::default()
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
}

/// The state of a backend's connection pool, for metrics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PoolStatus {
    pub open: u32,
    pub idle: u32,
    pub max: u32,
}

/// Where a keyset scan over every record continues: after this (kind, id).
pub type RecordCursor = Option<(RecordKind, RecordId)>;
/// Where a keyset scan over history continues: after this (record id, version).
pub type HistoryCursor = Option<(RecordId, i64)>;
