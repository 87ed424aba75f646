//! Reading records, lists, counts and history.

use crate::rows::{history_from_row, parse_kind, record_from_row, HISTORY_SELECT, RECORD_COLUMNS};
use crate::{backend, SqlStore};
use async_trait::async_trait;
use meridian_domain::{RecordId, RecordKind};
use meridian_store::*;
use sqlx::Row;
use std::collections::BTreeMap;

/// WHERE conditions with their text parameters, numbered as they are added.
#[derive(Default)]
struct Conditions {
    clauses: Vec<String>,
    params: Vec<String>,
}

impl Conditions {
    fn param(&mut self, clause_with_slot: &str, value: String) {
        self.params.push(value);
        let slot = format!("${}", self.params.len());
        self.clauses.push(clause_with_slot.replace("$?", &slot));
    }

    fn fixed(&mut self, clause: &str) {
        self.clauses.push(clause.to_string());
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }
}

fn conditions(query: &ListQuery) -> Conditions {
    let mut c = Conditions::default();
    if let Some(kind) = query.kind {
        c.param("kind = $?", kind.as_str().to_string());
    }
    match query.trash {
        TrashFilter::Live => c.fixed("deleted_at IS NULL"),
        TrashFilter::Trashed => c.fixed("deleted_at IS NOT NULL"),
        TrashFilter::All => {}
    }
    if let Some(approval) = query.approval {
        c.param("approval = $?", approval.as_str().to_string());
    }
    if let Some(unit) = query.unit {
        c.param("unit_id = $?", unit.to_string());
    }
    c
}

#[async_trait]
impl RecordReader for SqlStore {
    async fn get(&self, id: RecordId) -> StoreResult<StoredRecord> {
        let sql = format!("SELECT {RECORD_COLUMNS} FROM records WHERE id = $1");
        let row = sqlx::query(&sql)
            .bind(id.to_string())
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?
            .ok_or(StoreError::NotFound { id })?;
        record_from_row(&row)
    }

    async fn list(&self, query: &ListQuery) -> StoreResult<Page<StoredRecord>> {
        let c = conditions(query);
        let where_sql = c.sql();
        let count_sql = format!("SELECT COUNT(*) FROM records{where_sql}");
        let mut count = sqlx::query(&count_sql);
        for p in &c.params {
            count = count.bind(p.clone());
        }
        let total: i64 = count
            .fetch_one(&self.pool)
            .await
            .map_err(backend)?
            .try_get(0)
            .map_err(backend)?;
        let n = c.params.len();
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM records{where_sql} ORDER BY kind, updated_at DESC, id LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let mut select = sqlx::query(&sql);
        for p in &c.params {
            select = select.bind(p.clone());
        }
        let rows = select
            .bind(i64::from(query.limit))
            .bind(query.offset as i64)
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?;
        let items = rows
            .iter()
            .map(record_from_row)
            .collect::<StoreResult<_>>()?;
        Ok(Page {
            items,
            total: total as u64,
        })
    }

    async fn counts(&self) -> StoreResult<BTreeMap<RecordKind, u64>> {
        let rows = sqlx::query(
            "SELECT kind, COUNT(*) FROM records WHERE deleted_at IS NULL GROUP BY kind",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(backend)?;
        let mut counts = BTreeMap::new();
        for row in rows {
            let kind = parse_kind(&row.try_get::<String, _>(0).map_err(backend)?)?;
            let n: i64 = row.try_get(1).map_err(backend)?;
            counts.insert(kind, n as u64);
        }
        Ok(counts)
    }

    fn pool_status(&self) -> PoolStatus {
        PoolStatus {
            open: self.pool.size(),
            idle: self.pool.num_idle() as u32,
            max: self.pool.options().get_max_connections(),
        }
    }

    async fn linked_from(&self, id: RecordId) -> StoreResult<Vec<Referrer>> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        let found = crate::refs::referrers(&mut tx, id).await?;
        tx.commit().await.map_err(backend)?;
        Ok(found)
    }
}

#[async_trait]
impl HistoryReader for SqlStore {
    async fn history(&self, id: RecordId) -> StoreResult<Vec<HistoryEntry>> {
        let sql = format!("{HISTORY_SELECT} WHERE h.record_id = $1 ORDER BY h.version");
        let rows = sqlx::query(&sql)
            .bind(id.to_string())
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?;
        if rows.is_empty() {
            // Distinguish "no such record" from a record without history (never happens).
            self.get(id).await?;
        }
        rows.iter().map(history_from_row).collect()
    }
}
