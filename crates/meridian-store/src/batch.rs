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
    /// Opens a session in which several batches (the files of one import run) are written
    /// one after another in one transaction and committed together: one durable commit
    /// instead of one per file.
    async fn begin_batches(&self) -> StoreResult<Box<dyn BatchSession>>;
    /// Saves a mapping, replacing one of the same name.
    async fn save_mapping(&self, mapping: &ImportMapping) -> StoreResult<()>;
    async fn mapping(&self, name: &str) -> StoreResult<Option<ImportMapping>>;
    /// Every mapping, by name.
    async fn mappings(&self) -> StoreResult<Vec<ImportMapping>>;
}

/// Batches written one after another in one open transaction (`ExchangeStore::begin_batches`).
/// Each batch is still all or nothing on its own: a refused batch leaves no trace and the
/// session goes on. Nothing is durable, nor seen by other connections, until `commit`; a
/// session dropped without it writes nothing. It holds the database's write lock while it
/// is open (on SQLite other writers wait), so callers commit at short intervals.
#[async_trait::async_trait]
pub trait BatchSession: Send {
    /// Writes one batch as `apply_batch` does, within the session.
    async fn apply(&mut self, batch: Batch, actor: &Actor) -> StoreResult<BatchOutcome>;
    /// Makes every batch applied so far durable and visible.
    async fn commit(self: Box<Self>) -> StoreResult<()>;
}
