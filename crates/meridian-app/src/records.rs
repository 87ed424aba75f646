//! Recording: every write validates the record against the domain rules and reference
//! data first, then lets the store check links and keep history.

use crate::{App, AppError, AppResult};
use meridian_domain::{RecordBody, RecordId, RecordKind};
use meridian_interop::reference::Reference;
use meridian_store::*;
use std::collections::BTreeMap;

/// Validates a body; `record` names it in the error.
pub(crate) fn validate(body: &RecordBody, record: impl FnOnce() -> String) -> AppResult<()> {
    body.validate(&Reference)
        .into_result()
        .map_err(|problems| AppError::Invalid {
            record: record(),
            problems,
        })
}

impl App {
    pub async fn create(&self, new: NewRecord, actor: &Actor) -> AppResult<StoredRecord> {
        let kind = new.body.kind();
        validate(&new.body, || match new.id {
            Some(id) => format!("{kind} {id}"),
            None => format!("new {kind}"),
        })?;
        let record = self.store.create(new, actor).await?;
        self.after_change(record.id).await;
        Ok(record)
    }

    /// Creates many records in one transaction; nothing is written if any is invalid.
    pub async fn create_many(&self, mut new: Vec<NewRecord>, actor: &Actor) -> AppResult<u64> {
        for (i, record) in new.iter().enumerate() {
            let kind = record.body.kind();
            validate(&record.body, || match record.id {
                Some(id) => format!("{kind} {id}"),
                None => format!("new {kind} #{}", i + 1),
            })?;
        }
        for record in new.iter_mut() {
            record.id.get_or_insert_with(RecordId::new);
        }
        let docs = self.docs_to_index(&mut new);
        let for_figures = self.figures_built().then(|| new.clone());
        let created = self.store.create_many(new, actor).await?;
        if let Some(new) = for_figures {
            self.figures_created(&new).await;
        }
        self.note_change();
        self.index_created(docs).await;
        Ok(created)
    }

    /// Writes creates and updates in one transaction (nothing when the store refuses any),
    /// then keeps figures and search in step as `create_many` does, updates included: the
    /// store wrote exactly the batch's new states, so they are taken in from the batch in
    /// one pass (one index commit) rather than read back record by record. Callers (the
    /// imports) have validated the bodies.
    pub(crate) async fn write_batch(
        &self,
        mut batch: Batch,
        actor: &Actor,
    ) -> AppResult<BatchOutcome> {
        let after = self.states_for_views(&mut batch);
        let outcome = self.store.apply_batch(batch, actor).await?;
        self.views_take_in(after).await;
        Ok(outcome)
    }

    /// The new states a batch leaves, for figures and search to take in once it is
    /// written (ids given to creates that had none); nothing when neither is kept.
    pub(crate) fn states_for_views(&self, batch: &mut Batch) -> Vec<NewRecord> {
        let mut after: Vec<NewRecord> = Vec::new();
        if self.figures_built() || self.search.is_some() {
            for record in batch.creates.iter_mut() {
                record.id.get_or_insert_with(RecordId::new);
            }
            after.extend(batch.creates.iter().cloned());
            after.extend(batch.updates.iter().map(|u| NewRecord {
                id: Some(u.id),
                body: u.change.body.clone(),
                approval: u.change.approval,
                unit: u.change.unit,
            }));
        }
        after
    }

    /// Figures and search take in states the store has durably written.
    pub(crate) async fn views_take_in(&self, mut after: Vec<NewRecord>) {
        self.figures_created(&after).await;
        self.note_change();
        let docs = self.docs_to_index(&mut after);
        self.index_created(docs).await;
    }

    pub async fn update(
        &self,
        id: RecordId,
        expected_version: i64,
        change: Change,
        actor: &Actor,
    ) -> AppResult<StoredRecord> {
        let kind = change.body.kind();
        validate(&change.body, || format!("{kind} {id}"))?;
        let record = self
            .store
            .update(id, expected_version, change, actor)
            .await?;
        self.after_change(id).await;
        Ok(record)
    }

    /// The record, checking it is of the kind the caller named.
    pub async fn get(&self, kind: RecordKind, id: RecordId) -> AppResult<StoredRecord> {
        let record = self.store.get(id).await?;
        if record.kind() != kind {
            return Err(AppError::WrongKind {
                kind: kind.to_string(),
                id: id.to_string(),
                message: format!("this record is a {}, not a {kind}", record.kind()),
            });
        }
        Ok(record)
    }

    /// Moves a record to the trash. With `expected_version`, a record changed meanwhile is
    /// refused as a conflict (checked in the store's transaction); without, the current
    /// version is taken.
    pub async fn delete(
        &self,
        kind: RecordKind,
        id: RecordId,
        expected_version: Option<i64>,
        actor: &Actor,
    ) -> AppResult<StoredRecord> {
        let current = self.get(kind, id).await?;
        let expected = expected_version.unwrap_or(current.version);
        let record = self.store.delete(id, expected, actor).await?;
        self.after_change(id).await;
        Ok(record)
    }

    pub async fn undelete(&self, id: RecordId, actor: &Actor) -> AppResult<StoredRecord> {
        let record = self.store.undelete(id, actor).await?;
        self.after_change(id).await;
        Ok(record)
    }

    /// Makes version `version` current again, as a new version. `expected_version` as for
    /// `delete`.
    pub async fn revert(
        &self,
        kind: RecordKind,
        id: RecordId,
        version: i64,
        expected_version: Option<i64>,
        actor: &Actor,
    ) -> AppResult<StoredRecord> {
        let current = self.get(kind, id).await?;
        let old = self
            .store
            .history(id)
            .await?
            .into_iter()
            .find(|h| h.version == version)
            .ok_or(StoreError::VersionNotFound { kind, id, version })?;
        let body = RecordBody::from_data(kind, old.after.data)
            .map_err(|e| StoreError::Corrupt(format!("{kind} {id} version {version}: {e}")))?;
        validate(&body, || format!("{kind} {id} version {version}"))?;
        let record = self
            .store
            .restore_version(
                id,
                version,
                expected_version.unwrap_or(current.version),
                actor,
            )
            .await?;
        self.after_change(id).await;
        Ok(record)
    }

    pub async fn history(&self, kind: RecordKind, id: RecordId) -> AppResult<Vec<HistoryEntry>> {
        self.get(kind, id).await?;
        Ok(self.store.history(id).await?)
    }

    /// Every record in the trash, newest deletion first.
    pub async fn trash(&self) -> AppResult<Vec<StoredRecord>> {
        let query = ListQuery {
            trash: TrashFilter::Trashed,
            limit: u32::MAX,
            ..ListQuery::default()
        };
        let mut items = self.store.list(&query).await?.items;
        items.sort_by(|a, b| b.deleted_at.cmp(&a.deleted_at));
        Ok(items)
    }

    /// Live records per kind, every kind listed (zero where there are none).
    pub async fn stats(&self) -> AppResult<BTreeMap<RecordKind, u64>> {
        let mut counts = self.store.counts().await?;
        for kind in RecordKind::ALL {
            counts.entry(*kind).or_insert(0);
        }
        Ok(counts)
    }
}
