//! Imports' storage: the batch write (in `write.rs`, beside the other writes) and saved
//! column mappings.

use crate::{backend, clock, SqlStore};
use async_trait::async_trait;
use meridian_store::*;
use sqlx::Row;

fn mapping_from_row(row: &sqlx::any::AnyRow) -> StoreResult<ImportMapping> {
    let columns: String = row.try_get("columns").map_err(backend)?;
    Ok(ImportMapping {
        name: row.try_get("name").map_err(backend)?,
        kind: row.try_get("kind").map_err(backend)?,
        columns: serde_json::from_str(&columns)
            .map_err(|e| StoreError::Corrupt(format!("import mapping columns: {e}")))?,
    })
}

#[async_trait]
impl ExchangeStore for SqlStore {
    async fn apply_batch(&self, batch: Batch, actor: &Actor) -> StoreResult<BatchOutcome> {
        self.write_batch(batch, actor).await
    }

    async fn begin_batches(&self) -> StoreResult<Box<dyn BatchSession>> {
        Ok(Box::new(self.batch_session().await?))
    }

    async fn save_mapping(&self, mapping: &ImportMapping) -> StoreResult<()> {
        let columns = serde_json::to_string(&mapping.columns)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM import_mappings WHERE name = $1")
            .bind(mapping.name.clone())
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        sqlx::query(
            "INSERT INTO import_mappings (name, kind, columns, updated_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(mapping.name.clone())
        .bind(mapping.kind.clone())
        .bind(columns)
        .bind(clock::now())
        .execute(&mut *tx)
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn mapping(&self, name: &str) -> StoreResult<Option<ImportMapping>> {
        let row = sqlx::query("SELECT name, kind, columns FROM import_mappings WHERE name = $1")
            .bind(name.to_string())
            .fetch_optional(&self.pool)
            .await
            .map_err(backend)?;
        row.as_ref().map(mapping_from_row).transpose()
    }

    async fn mappings(&self) -> StoreResult<Vec<ImportMapping>> {
        let rows = sqlx::query("SELECT name, kind, columns FROM import_mappings ORDER BY name")
            .fetch_all(&self.pool)
            .await
            .map_err(backend)?;
        rows.iter().map(mapping_from_row).collect()
    }
}
