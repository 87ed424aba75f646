//! Changes: every create, update, delete, undelete and restore runs in one transaction
//! that also writes the history entry, so a change and its history never part.

use crate::bulk::{bind_record, Params};
use crate::rows::{
    data_text, history_from_row, record_from_row, snapshot_text, HISTORY_COLUMNS, HISTORY_SELECT,
    RECORD_COLUMNS,
};
use crate::{backend, clock, refs, SqlStore};
use async_trait::async_trait;
use meridian_domain::{Problems, Reason, RecordBody, RecordId};
use meridian_store::*;
use sqlx::{Any, Transaction};

pub(crate) type Tx = Transaction<'static, Any>;

impl SqlStore {
    pub(crate) async fn fetch(
        &self,
        tx: &mut Tx,
        id: RecordId,
        lock: bool,
    ) -> StoreResult<StoredRecord> {
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM records WHERE id = $1{}",
            if lock { self.dialect.for_update } else { "" }
        );
        let row = sqlx::query(&sql)
            .bind(id.to_string())
            .fetch_optional(&mut **tx)
            .await
            .map_err(backend)?
            .ok_or(StoreError::NotFound { id })?;
        record_from_row(&row)
    }

    /// The live record at `expected_version`, locked for change.
    async fn fetch_current(
        &self,
        tx: &mut Tx,
        id: RecordId,
        expected: i64,
    ) -> StoreResult<StoredRecord> {
        let current = self.fetch(tx, id, true).await?;
        check_current(&current, expected)?;
        Ok(current)
    }

    async fn insert_new(
        &self,
        tx: &mut Tx,
        new: NewRecord,
        actor: &Actor,
        at: &str,
        comment: Option<String>,
    ) -> StoreResult<StoredRecord> {
        let id = new.id.unwrap_or_default();
        let exists = sqlx::query("SELECT kind FROM records WHERE id = $1")
            .bind(id.to_string())
            .fetch_optional(&mut **tx)
            .await
            .map_err(backend)?;
        if exists.is_some() {
            return Err(StoreError::AlreadyExists {
                kind: new.body.kind(),
                id,
            });
        }
        let links = refs::links(&new.body, new.unit);
        refs::check(
            tx,
            Params::of(self.dialect),
            &format!("{} {id}", new.body.kind()),
            &links,
        )
        .await?;
        let new = NewRecord {
            id: Some(id),
            ..new
        };
        let record = crate::batch::created(new, actor, at);
        insert_record(tx, &record).await?;
        refs::insert(tx, id, &links).await?;
        // The new state is the record's row itself until a change writes it as its
        // before state (`rows::HISTORY_SELECT`): not stored a second time.
        let entry = entry(&record, HistoryAction::Create, None, comment);
        insert_history(tx, &entry, None).await?;
        Ok(record)
    }

    /// Writes `next` over `current` (same id), checks its links, and records the change.
    async fn replace(
        &self,
        tx: &mut Tx,
        current: &StoredRecord,
        next: StoredRecord,
        action: HistoryAction,
        comment: Option<String>,
    ) -> StoreResult<StoredRecord> {
        check_same_kind(current, &next)?;
        let links = refs::links(&next.body, next.unit);
        if next.deleted_at.is_none() {
            refs::check(
                tx,
                Params::of(self.dialect),
                &format!("{} {}", next.kind(), next.id),
                &links,
            )
            .await?;
        }
        update_row(tx, current.version, &next).await?;
        refs::store(tx, next.id, &links).await?;
        let entry = entry(&next, action, Some(current), comment);
        insert_history(tx, &entry, Some(snapshot_text(&entry.after)?)).await?;
        Ok(next)
    }

    async fn version_snapshot(
        &self,
        tx: &mut Tx,
        id: RecordId,
        version: i64,
    ) -> StoreResult<HistoryEntry> {
        let sql = format!("{HISTORY_SELECT} WHERE h.record_id = $1 AND h.version = $2");
        let row = sqlx::query(&sql)
            .bind(id.to_string())
            .bind(version)
            .fetch_optional(&mut **tx)
            .await
            .map_err(backend)?;
        match row {
            Some(row) => history_from_row(&row),
            None => {
                let kind = self.fetch(tx, id, false).await?.kind();
                Err(StoreError::VersionNotFound { kind, id, version })
            }
        }
    }
}

/// Writes `next` over the row still at version `replaces`.
pub(crate) async fn update_row(tx: &mut Tx, replaces: i64, next: &StoredRecord) -> StoreResult<()> {
    let done = sqlx::query(
        "UPDATE records SET version = $1, approval = $2, unit_id = $3, data = $4, updated_at = $5, \
         updated_by = $6, deleted_at = $7, deleted_by = $8 WHERE id = $9 AND version = $10",
    )
    .bind(next.version)
    .bind(next.approval.as_str())
    .bind(next.unit.map(|u| u.to_string()))
    .bind(data_text(&next.body)?)
    .bind(next.updated_at.clone())
    .bind(next.updated_by.clone())
    .bind(next.deleted_at.clone())
    .bind(next.deleted_by.clone())
    .bind(next.id.to_string())
    .bind(replaces)
    .execute(&mut **tx)
    .await
    .map_err(backend)?;
    if done.rows_affected() != 1 {
        return Err(StoreError::Conflict {
            kind: next.kind(),
            id: next.id,
            expected: replaces,
            found: replaces + 1,
        });
    }
    Ok(())
}

pub(crate) fn touched(current: &StoredRecord, actor: &Actor, at: &str) -> StoredRecord {
    StoredRecord {
        version: current.version + 1,
        updated_at: at.to_string(),
        updated_by: actor.0.clone(),
        ..current.clone()
    }
}

fn entry(
    record: &StoredRecord,
    action: HistoryAction,
    before: Option<&StoredRecord>,
    comment: Option<String>,
) -> HistoryEntry {
    HistoryEntry {
        record_id: record.id,
        kind: record.kind(),
        version: record.version,
        action,
        actor: record.updated_by.clone(),
        at: record.updated_at.clone(),
        comment,
        before: before.map(StoredRecord::snapshot),
        after: record.snapshot(),
    }
}

pub(crate) async fn insert_record(tx: &mut Tx, r: &StoredRecord) -> StoreResult<()> {
    let sql = format!(
        "INSERT INTO records ({RECORD_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
    );
    let data = data_text(&r.body)?;
    bind_record(sqlx::query(&sql), r, &data)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    Ok(())
}

/// Writes `h` with `after` as its stored after state (`None`: read from the record, see
/// `rows::HISTORY_SELECT`).
pub(crate) async fn insert_history(
    tx: &mut Tx,
    h: &HistoryEntry,
    after: Option<String>,
) -> StoreResult<()> {
    let sql = format!(
        "INSERT INTO history ({HISTORY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    );
    sqlx::query(&sql)
        .bind(h.record_id.to_string())
        .bind(h.kind.as_str())
        .bind(h.version)
        .bind(h.action.as_str())
        .bind(h.actor.clone())
        .bind(h.at.clone())
        .bind(h.comment.clone())
        .bind(h.before.as_ref().map(snapshot_text).transpose()?)
        .bind(after)
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    Ok(())
}

#[async_trait]
impl RecordWriter for SqlStore {
    async fn create(&self, new: NewRecord, actor: &Actor) -> StoreResult<StoredRecord> {
        let mut tx = self.begin_write().await?;
        let record = self
            .insert_new(&mut tx, new, actor, &clock::now(), None)
            .await?;
        tx.commit().await.map_err(backend)?;
        Ok(record)
    }

    /// Through the batch write: the same checks and rows as one `create` after another.
    async fn create_many(&self, new: Vec<NewRecord>, actor: &Actor) -> StoreResult<u64> {
        let batch = Batch {
            creates: new,
            ..Batch::default()
        };
        Ok(self.write_batch(batch, actor).await?.created)
    }

    async fn update(
        &self,
        id: RecordId,
        expected: i64,
        change: Change,
        actor: &Actor,
    ) -> StoreResult<StoredRecord> {
        let mut tx = self.begin_write().await?;
        let current = self.fetch_current(&mut tx, id, expected).await?;
        let next = StoredRecord {
            body: change.body,
            approval: change.approval,
            unit: change.unit,
            ..touched(&current, actor, &clock::now())
        };
        let record = self
            .replace(
                &mut tx,
                &current,
                next,
                HistoryAction::Update,
                change.comment,
            )
            .await?;
        tx.commit().await.map_err(backend)?;
        Ok(record)
    }

    async fn delete(
        &self,
        id: RecordId,
        expected: i64,
        actor: &Actor,
    ) -> StoreResult<StoredRecord> {
        let mut tx = self.begin_write().await?;
        let current = self.fetch_current(&mut tx, id, expected).await?;
        let by = refs::referrers(&mut tx, id).await?;
        if !by.is_empty() {
            return Err(StoreError::Referenced {
                kind: current.kind(),
                id,
                by,
            });
        }
        let at = clock::now();
        let next = StoredRecord {
            deleted_at: Some(at.clone()),
            deleted_by: Some(actor.0.clone()),
            ..touched(&current, actor, &at)
        };
        let record = self
            .replace(&mut tx, &current, next, HistoryAction::Delete, None)
            .await?;
        tx.commit().await.map_err(backend)?;
        Ok(record)
    }

    async fn undelete(&self, id: RecordId, actor: &Actor) -> StoreResult<StoredRecord> {
        let mut tx = self.begin_write().await?;
        let current = self.fetch(&mut tx, id, true).await?;
        if !current.is_deleted() {
            return Err(StoreError::NotInTrash {
                kind: current.kind(),
                id,
            });
        }
        let next = StoredRecord {
            deleted_at: None,
            deleted_by: None,
            ..touched(&current, actor, &clock::now())
        };
        let record = self
            .replace(&mut tx, &current, next, HistoryAction::Undelete, None)
            .await?;
        tx.commit().await.map_err(backend)?;
        Ok(record)
    }

    async fn restore_version(
        &self,
        id: RecordId,
        version: i64,
        expected: i64,
        actor: &Actor,
    ) -> StoreResult<StoredRecord> {
        let mut tx = self.begin_write().await?;
        let current = self.fetch_current(&mut tx, id, expected).await?;
        let old = self.version_snapshot(&mut tx, id, version).await?;
        let body = RecordBody::from_data(current.kind(), old.after.data).map_err(|e| {
            StoreError::Corrupt(format!("{} {id} version {version}: {e}", current.kind()))
        })?;
        let next = StoredRecord {
            body,
            approval: old.after.approval,
            unit: old.after.unit,
            ..touched(&current, actor, &clock::now())
        };
        let comment = Some(format!("restored version {version}"));
        let record = self
            .replace(&mut tx, &current, next, HistoryAction::Restore, comment)
            .await?;
        tx.commit().await.map_err(backend)?;
        Ok(record)
    }
}

/// The record an update or delete replaces is live and at the version the caller read.
pub(crate) fn check_current(current: &StoredRecord, expected: i64) -> StoreResult<()> {
    if current.is_deleted() {
        return Err(StoreError::InTrash {
            kind: current.kind(),
            id: current.id,
        });
    }
    if current.version != expected {
        return Err(StoreError::Conflict {
            kind: current.kind(),
            id: current.id,
            expected,
            found: current.version,
        });
    }
    Ok(())
}

/// A change keeps the record's kind.
pub(crate) fn check_same_kind(before: &StoredRecord, next: &StoredRecord) -> StoreResult<()> {
    if next.kind() == before.kind() {
        return Ok(());
    }
    let mut problems = Problems::new();
    problems.push(
        format!("{}.kind", before.kind()),
        Reason::UnknownCode {
            code: next.kind().as_str().to_string(),
        },
    );
    Err(StoreError::Invalid {
        record: format!("{} {}", before.kind(), before.id),
        problems,
    })
}
