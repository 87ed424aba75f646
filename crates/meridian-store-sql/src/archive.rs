//! Whole-database scans (keyset pagination, so a million records stream in pages) and
//! loading an archive in one transaction.

use crate::rows::{
    history_from_row, record_from_row, snapshot_text, HISTORY_SELECT, RECORD_COLUMNS,
};
use crate::write::{insert_history, insert_record};
use crate::{backend, refs, SqlStore};
use async_trait::async_trait;
use meridian_domain::{Problems, Reason};
use meridian_store::*;
use sqlx::Row;
use std::collections::BTreeSet;

#[async_trait]
impl ArchiveStore for SqlStore {
    async fn scan_records(
        &self,
        after: RecordCursor,
        limit: u32,
    ) -> StoreResult<Vec<StoredRecord>> {
        let rows = match after {
            None => {
                let sql =
                    format!("SELECT {RECORD_COLUMNS} FROM records ORDER BY kind, id LIMIT $1");
                sqlx::query(&sql)
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await
            }
            Some((kind, id)) => {
                // A row-value bound: PostgreSQL starts the index scan at it, where
                // `kind > $1 OR (kind = $1 AND id > $2)` rereads the index from the start on
                // every page (docs/benchmarks.md, issue 4). SQLite reads both alike.
                let sql = format!(
                    "SELECT {RECORD_COLUMNS} FROM records WHERE (kind, id) > ($1, $2) \
                     ORDER BY kind, id LIMIT $3"
                );
                sqlx::query(&sql)
                    .bind(kind.as_str())
                    .bind(id.to_string())
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await
            }
        }
        .map_err(backend)?;
        rows.iter().map(record_from_row).collect()
    }

    async fn scan_history(
        &self,
        after: HistoryCursor,
        limit: u32,
    ) -> StoreResult<Vec<HistoryEntry>> {
        let rows = match after {
            None => {
                let sql = format!("{HISTORY_SELECT} ORDER BY h.record_id, h.version LIMIT $1");
                sqlx::query(&sql).bind(i64::from(limit)).fetch_all(&self.pool).await
            }
            Some((id, version)) => {
                let sql = format!(
                    "{HISTORY_SELECT} WHERE h.record_id > $1 OR (h.record_id = $1 AND h.version > $2) \
                     ORDER BY h.record_id, h.version LIMIT $3"
                );
                sqlx::query(&sql)
                    .bind(id.to_string())
                    .bind(version)
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await
            }
        }
        .map_err(backend)?;
        rows.iter().map(history_from_row).collect()
    }

    async fn record_total(&self) -> StoreResult<u64> {
        let n: i64 = sqlx::query("SELECT COUNT(*) FROM records")
            .fetch_one(&self.pool)
            .await
            .map_err(backend)?
            .try_get(0)
            .map_err(backend)?;
        Ok(n as u64)
    }

    async fn load(
        &self,
        records: Vec<StoredRecord>,
        history: Vec<HistoryEntry>,
        replace: bool,
    ) -> StoreResult<()> {
        check_links_within(&records)?;
        let mut tx = self.begin_write().await?;
        let existing: i64 = sqlx::query("SELECT COUNT(*) FROM records")
            .fetch_one(&mut *tx)
            .await
            .map_err(backend)?
            .try_get(0)
            .map_err(backend)?;
        if existing > 0 && !replace {
            return Err(StoreError::NotEmpty {
                records: existing as u64,
            });
        }
        for table in ["record_refs", "history", "records"] {
            sqlx::query(&format!("DELETE FROM {table}"))
                .execute(&mut *tx)
                .await
                .map_err(backend)?;
        }
        for record in &records {
            insert_record(&mut tx, record).await?;
        }
        for record in &records {
            refs::insert(&mut tx, record.id, &refs::links(&record.body, record.unit)).await?;
        }
        // An archive's history is stored as it came, after states included: its records
        // need not be the states its history ends with.
        for entry in &history {
            insert_history(&mut tx, entry, Some(snapshot_text(&entry.after)?)).await?;
        }
        crate::users::check_units_have_records(&mut tx).await?;
        tx.commit().await.map_err(backend)?;
        Ok(())
    }
}

/// An archive must be closed: every link names a record in the same archive.
fn check_links_within(records: &[StoredRecord]) -> StoreResult<()> {
    let ids: BTreeSet<_> = records.iter().map(|r| r.id).collect();
    let mut problems = Problems::new();
    for record in records {
        for link in refs::links(&record.body, record.unit) {
            if !ids.contains(&link.target) {
                problems.push(
                    format!("{} {}: {}", record.kind(), record.id, link.field),
                    Reason::MissingRecord {
                        id: link.target.to_string(),
                    },
                );
            }
        }
    }
    problems
        .into_result()
        .map_err(|problems| StoreError::Invalid {
            record: "the archive".into(),
            problems,
        })
}
