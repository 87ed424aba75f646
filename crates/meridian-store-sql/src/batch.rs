//! The batch write behind `ExchangeStore::apply_batch` and `create_many`. What the
//! one-record path checks statement by statement (the id is free, every link names a live
//! record of the right kind, the version is current) is checked in memory against two
//! chunked lookups, in the batch's order, so the first problem reported is the one the
//! one-record path would report. The rows then go in with multi-row INSERTs, all inside
//! the one transaction; history rows are the ones the one-record path writes.

use crate::bulk::{fetch_by_ids, first_chunk, serialize_chunk, Params, Rows, Updated};
use crate::rows::{record_from_row, snapshot_text, RECORD_COLUMNS};
use crate::write::{check_current, check_same_kind, touched, Tx};
use crate::{backend, clock, refs, SqlStore};
use meridian_domain::{RecordId, Reference};
use meridian_store::*;
use std::collections::{HashMap, HashSet};

/// A record id's kind and whether it is in the trash, as the batch has seen it so far.
type Known = refs::Targets;

impl SqlStore {
    /// An import's creates then updates in one transaction (see `ExchangeStore`).
    pub(crate) async fn write_batch(
        &self,
        batch: Batch,
        actor: &Actor,
    ) -> StoreResult<BatchOutcome> {
        let outcome = outcome_of(&batch);
        let mut tx = self.begin_write().await?;
        self.check_and_write(&mut tx, batch, actor, &[]).await?;
        tx.commit().await.map_err(backend)?;
        Ok(outcome)
    }

    /// `ExchangeStore::begin_batches`: one write transaction, each batch in a savepoint.
    pub(crate) async fn batch_session(&self) -> StoreResult<SqlBatchSession> {
        let pool = self.sessions.as_ref().map_or(&self.pool, |s| &s.pool);
        let mut session = SqlBatchSession {
            store: self.clone(),
            tx: self.begin_write_on(pool).await?,
            broken: None,
        };
        if let Some(sql) = self.sessions.as_ref().and_then(|s| s.start) {
            session.run(sql).await?;
        }
        session.run("SAVEPOINT batch").await?;
        Ok(session)
    }

    /// Checks and writes a batch, then runs `then` (see `Rows::write`).
    async fn check_and_write(
        &self,
        tx: &mut Tx,
        batch: Batch,
        actor: &Actor,
        then: &[&str],
    ) -> StoreResult<()> {
        let rows = self.check_batch(tx, batch, actor).await?;
        rows.write(tx, Params::of(self.dialect), then).await
    }

    /// Every create and update checked in order; the rows to write, or the first error.
    async fn check_batch(&self, tx: &mut Tx, batch: Batch, actor: &Actor) -> StoreResult<Rows> {
        let at = clock::now();
        let creates: Vec<StoredRecord> = batch
            .creates
            .into_iter()
            .map(|new| created(new, actor, &at))
            .collect();
        let updated: HashSet<RecordId> = batch.updates.iter().map(|u| u.id).collect();
        let mut current = self.lock_records(tx, &updated).await?;
        let params = Params::of(self.dialect);
        // Each create's links, worked out once for the lookup, the checks and the write.
        let create_links: Vec<Vec<Reference>> = creates
            .iter()
            .map(|r| refs::links(&r.body, r.unit))
            .collect();
        // The first insert's rows are serialized while the database looks the ids up.
        let first = first_chunk(creates.len());
        let (known, first) = futures::join!(
            known_records(tx, params, &creates, &create_links, &batch.updates),
            async { serialize_chunk(&creates[..first], &create_links[..first]) }
        );
        let mut known = known?;
        for (record, links) in creates.iter().zip(&create_links) {
            check_create(&known, record, links)?;
            known.insert(record.id, (record.kind(), false));
            if updated.contains(&record.id) {
                current.insert(record.id, record.clone());
            }
        }
        let updates = check_updates(&known, current, batch.updates, &batch.comment, actor, &at)?;
        Ok(Rows {
            creates,
            create_links,
            comment: batch.comment,
            updates,
            first: first?,
        })
    }

    /// The live state of the records the batch updates, locked for change.
    async fn lock_records(
        &self,
        tx: &mut Tx,
        ids: &HashSet<RecordId>,
    ) -> StoreResult<HashMap<RecordId, StoredRecord>> {
        let ids: Vec<RecordId> = ids.iter().copied().collect();
        let for_update = self.dialect.for_update;
        let rows = fetch_by_ids(tx, Params::of(self.dialect), &ids, |list| {
            format!("SELECT {RECORD_COLUMNS} FROM records WHERE id IN ({list}){for_update}")
        })
        .await?;
        let mut found = HashMap::with_capacity(rows.len());
        for row in rows {
            let record = record_from_row(&row)?;
            found.insert(record.id, record);
        }
        Ok(found)
    }
}

fn outcome_of(batch: &Batch) -> BatchOutcome {
    BatchOutcome {
        created: batch.creates.len() as u64,
        updated: batch.updates.len() as u64,
    }
}

/// Batches in one open write transaction; each is written inside a savepoint, released
/// when it is written and rolled back to when it is refused, so a refused batch leaves the
/// transaction as it was (PostgreSQL's aborted transaction included). The savepoint is
/// opened with the session and, after each written batch, released and opened again by
/// the batch's own last statements (`NEXT_SAVEPOINT`; on SQLite in its last call), so that
/// the turn costs no round trip of its own.
pub(crate) struct SqlBatchSession {
    store: SqlStore,
    tx: Tx,
    /// Why the transaction can no longer be trusted (a refused batch could not be rolled
    /// back): the session then commits nothing.
    broken: Option<String>,
}

/// A written batch's savepoint released, and the next batch's opened.
const NEXT_SAVEPOINT: [&str; 2] = ["RELEASE SAVEPOINT batch", "SAVEPOINT batch"];

impl SqlBatchSession {
    async fn run(&mut self, sql: &str) -> StoreResult<()> {
        sqlx::query(sql)
            .execute(&mut *self.tx)
            .await
            .map(|_| ())
            .map_err(backend)
    }
}

#[async_trait::async_trait]
impl BatchSession for SqlBatchSession {
    async fn apply(&mut self, batch: Batch, actor: &Actor) -> StoreResult<BatchOutcome> {
        if let Some(why) = &self.broken {
            return Err(StoreError::Backend(why.clone()));
        }
        let outcome = outcome_of(&batch);
        let written = self
            .store
            .check_and_write(&mut self.tx, batch, actor, &NEXT_SAVEPOINT)
            .await;
        if let Err(refused) = written {
            // Back to the savepoint's start; it stays open for the next batch. Should that
            // fail (the savepoint already released by a batch whose very last statement
            // failed), what the batch wrote can no longer be taken out: nothing is kept.
            if let Err(e) = self.run("ROLLBACK TO SAVEPOINT batch").await {
                self.broken = Some(format!("a refused batch could not be undone: {e}"));
                return Err(e);
            }
            return Err(refused);
        }
        Ok(outcome)
    }

    async fn commit(mut self: Box<Self>) -> StoreResult<()> {
        if let Some(why) = self.broken.take() {
            // Dropping the transaction rolls it back.
            return Err(StoreError::Backend(why));
        }
        let settings = self.store.sessions.clone();
        if let Some(sql) = settings.as_ref().and_then(|s| s.end) {
            self.run(sql).await?;
        }
        self.tx.commit().await.map_err(backend)?;
        if let Some(sql) = settings.and_then(|s| s.after_commit) {
            let pool = self.store.pool.clone();
            tokio::spawn(async move {
                // Passive: it copies what no reader still needs and waits for no one; a
                // later commit's own checkpoint does what this one could not.
                if let Err(e) = sqlx::query(sql).execute(&pool).await {
                    tracing::warn!("checkpoint after an import: {e}");
                }
            });
        }
        Ok(())
    }
}

/// The updates in order, each against the state the one before it left.
fn check_updates(
    known: &Known,
    mut current: HashMap<RecordId, StoredRecord>,
    updates: Vec<BatchUpdate>,
    comment: &Option<String>,
    actor: &Actor,
    at: &str,
) -> StoreResult<Vec<Updated>> {
    let mut out = Vec::with_capacity(updates.len());
    for update in updates {
        let before = current_at(&current, update.id, update.expected_version)?;
        let change = update.change;
        let next = StoredRecord {
            body: change.body,
            approval: change.approval,
            unit: change.unit,
            ..touched(before, actor, at)
        };
        check_update(known, before, &next)?;
        out.push(Updated {
            replaces: before.version,
            before: snapshot_text(&before.snapshot())?,
            next: next.clone(),
            comment: change.comment.or_else(|| comment.clone()),
        });
        current.insert(next.id, next);
    }
    Ok(out)
}

/// A new record at version 1, as `create` stores it.
pub(crate) fn created(new: NewRecord, actor: &Actor, at: &str) -> StoredRecord {
    StoredRecord {
        id: new.id.unwrap_or_default(),
        version: 1,
        approval: new.approval,
        unit: new.unit,
        body: new.body,
        created_at: at.to_string(),
        created_by: actor.0.clone(),
        updated_at: at.to_string(),
        updated_by: actor.0.clone(),
        deleted_at: None,
        deleted_by: None,
    }
}

/// The database's view of every id the batch creates or links to: one lookup (chunked)
/// instead of an exists check and a link check per record.
async fn known_records(
    tx: &mut Tx,
    p: Params,
    creates: &[StoredRecord],
    create_links: &[Vec<Reference>],
    updates: &[BatchUpdate],
) -> StoreResult<Known> {
    let mut ids: HashSet<RecordId> = HashSet::with_capacity(creates.len() * 2);
    for (record, links) in creates.iter().zip(create_links) {
        ids.insert(record.id);
        ids.extend(links.iter().map(|r| r.target));
    }
    for update in updates {
        let links = refs::links(&update.change.body, update.change.unit);
        ids.extend(links.iter().map(|r| r.target));
    }
    let ids: Vec<RecordId> = ids.into_iter().collect();
    refs::targets(tx, p, &ids).await
}

/// A create's id is free (in the database and earlier in the batch) and its links hold.
fn check_create(known: &Known, record: &StoredRecord, links: &[Reference]) -> StoreResult<()> {
    if known.contains_key(&record.id) {
        return Err(StoreError::AlreadyExists {
            kind: record.kind(),
            id: record.id,
        });
    }
    refs::judge(known, || format!("{} {}", record.kind(), record.id), links)
}

/// The record an update replaces: there, live, and at the version the caller read.
fn current_at(
    current: &HashMap<RecordId, StoredRecord>,
    id: RecordId,
    expected: i64,
) -> StoreResult<&StoredRecord> {
    let record = current.get(&id).ok_or(StoreError::NotFound { id })?;
    check_current(record, expected)?;
    Ok(record)
}

/// An update keeps the record's kind and its links hold.
fn check_update(known: &Known, before: &StoredRecord, next: &StoredRecord) -> StoreResult<()> {
    check_same_kind(before, next)?;
    let links = refs::links(&next.body, next.unit);
    refs::judge(known, || format!("{} {}", next.kind(), next.id), &links)
}
