//! Many creates and updates written as one transaction (an import), and saved column
//! mappings for imports.

use crate::types::{Actor, Change, NewRecord};
use crate::StoreResult;
use meridian_domain::RecordId;
use std::collections::BTreeMap;

/// An update within a batch: the record, the version it was read at, its new state.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchUpdate {
    pub id: RecordId,
    pub expected_version: i64,
    pub change: Change,
}

/// Creates (written first, in order, so later ones may link to earlier ones) and updates,
/// all or nothing. `comment` goes into every history entry the batch writes (an update's
/// own comment wins).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Batch {
    pub creates: Vec<NewRecord>,
    pub updates: Vec<BatchUpdate>,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchOutcome {
    pub created: u64,
    pub updated: u64,
}

/// A saved column mapping: a file's own headers → the layout's raw column names
/// (`name.zh`), reused by name from the CLI and the upload page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportMapping {
    pub name: String,
    /// The record kind the mapping is for, if any.
    pub kind: Option<String>,
    pub columns: BTreeMap<String, String>,
}

/// Imports' storage: batch writes and saved mappings.
#[async_trait::async_trait]
pub trait ExchangeStore: Send + Sync {
    /// Writes a batch's creates, then its updates, in one transaction: all or nothing
    /// (links are checked as in `create` and `update`).
    async fn apply_batch(&self, batch: Batch, actor: &Actor) -> StoreResult<BatchOutcome>;
    /// Saves a mapping, replacing one of the same name.
    async fn save_mapping(&self, mapping: &ImportMapping) -> StoreResult<()>;
    async fn mapping(&self, name: &str) -> StoreResult<Option<ImportMapping>>;
    /// Every mapping, by name.
    async fn mappings(&self) -> StoreResult<Vec<ImportMapping>>;
}
