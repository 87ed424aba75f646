//! The capability traits. Front ends depend on the narrowest one they need; `Store` is
//! all of them, and is what `Arc<dyn Store>` handles hold.

use crate::batch::ExchangeStore;
use crate::tokens::TokenStore;
use crate::types::*;
use crate::users::UserStore;
use crate::{Referrer, StoreResult};
use async_trait::async_trait;
use meridian_domain::{RecordId, RecordKind};
use std::collections::BTreeMap;

#[async_trait]
pub trait RecordReader: Send + Sync {
    /// The record, whether live or in the trash.
    async fn get(&self, id: RecordId) -> StoreResult<StoredRecord>;
    async fn list(&self, query: &ListQuery) -> StoreResult<Page<StoredRecord>>;
    /// Live records per kind (kinds with none are left out).
    async fn counts(&self) -> StoreResult<BTreeMap<RecordKind, u64>>;
    /// The connection pool's state (all zero where a backend has no pool).
    fn pool_status(&self) -> PoolStatus {
        PoolStatus::default()
    }
    /// Live records that link to `id`, with the field that links.
    async fn linked_from(&self, id: RecordId) -> StoreResult<Vec<Referrer>>;
}

#[async_trait]
pub trait RecordWriter: Send + Sync {
    /// Creates a record after checking that everything it links to exists.
    async fn create(&self, new: NewRecord, actor: &Actor) -> StoreResult<StoredRecord>;
    /// Creates many records in one transaction: all or nothing.
    async fn create_many(&self, new: Vec<NewRecord>, actor: &Actor) -> StoreResult<u64>;
    /// Replaces a record's state if it is still at `expected_version`, else `Conflict`.
    async fn update(
        &self,
        id: RecordId,
        expected_version: i64,
        change: Change,
        actor: &Actor,
    ) -> StoreResult<StoredRecord>;
    /// Moves a record to the trash. Refused while live records link to it.
    async fn delete(
        &self,
        id: RecordId,
        expected_version: i64,
        actor: &Actor,
    ) -> StoreResult<StoredRecord>;
    /// Brings a record back from the trash.
    async fn undelete(&self, id: RecordId, actor: &Actor) -> StoreResult<StoredRecord>;
    /// Makes an earlier version's content current again, as a new version.
    async fn restore_version(
        &self,
        id: RecordId,
        version: i64,
        expected_version: i64,
        actor: &Actor,
    ) -> StoreResult<StoredRecord>;
}

#[async_trait]
pub trait HistoryReader: Send + Sync {
    /// Every change to a record, oldest first.
    async fn history(&self, id: RecordId) -> StoreResult<Vec<HistoryEntry>>;
}

/// Whole-database scans and loads, for archives and backups.
#[async_trait]
pub trait ArchiveStore: Send + Sync {
    /// Records (live and trashed) ordered by kind then id, after the cursor.
    async fn scan_records(&self, after: RecordCursor, limit: u32)
        -> StoreResult<Vec<StoredRecord>>;
    /// History ordered by record id then version, after the cursor.
    async fn scan_history(
        &self,
        after: HistoryCursor,
        limit: u32,
    ) -> StoreResult<Vec<HistoryEntry>>;
    /// Number of records, live and trashed.
    async fn record_total(&self) -> StoreResult<u64>;
    /// Loads records and history exactly as given, in one transaction. Refused unless the
    /// database is empty or `replace` is set (then everything is replaced).
    async fn load(
        &self,
        records: Vec<StoredRecord>,
        history: Vec<HistoryEntry>,
        replace: bool,
    ) -> StoreResult<()>;
}

pub trait Store:
    RecordReader + RecordWriter + HistoryReader + ArchiveStore + UserStore + TokenStore + ExchangeStore
{
}

impl<T> Store for T where
    T: RecordReader
        + RecordWriter
        + HistoryReader
        + ArchiveStore
        + UserStore
        + TokenStore
        + ExchangeStore
{
}
