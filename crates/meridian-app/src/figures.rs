//! Figures: the in-memory analytics projection (`meridian_analytics::Analytics`), built
//! from storage on first use and kept in step with every write, like the search index.
//!
//! Every page, report, headline and command that shows a count, a breakdown or a plan's
//! progress asks it through [`App::analytics`], so they never disagree. Building takes a
//! scan of every live record; writes made while it is being built wait for it (they take
//! the same turn) and are applied after, so none is missed.

use crate::{App, AppError, AppResult};
use meridian_analytics::{Analytics, Entry};
use meridian_domain::RecordId;
use meridian_store::{NewRecord, StoreError, StoredRecord};
use std::sync::RwLock;

/// Records read per page when building.
const PAGE: u32 = 5_000;

#[derive(Default)]
pub(crate) struct Figures {
    held: RwLock<Option<Analytics>>,
    /// Held while building and while applying a change.
    turn: tokio::sync::Mutex<()>,
    /// Counts every change to the records, so that what is derived from them elsewhere
    /// (the portal's page cache, the plan progress below) knows when it is stale.
    changes: std::sync::atomic::AtomicU64,
    /// The last plan progress computed: (plan asked for, day, change count) and the answer.
    pub(crate) progress: std::sync::Mutex<Option<ProgressKept>>,
}

pub(crate) type ProgressKept = (
    (Option<RecordId>, i64, u64),
    std::sync::Arc<meridian_analytics::PlanProgress>,
);

fn entry(record: &StoredRecord) -> Entry<'_> {
    Entry {
        id: record.id,
        approval: record.approval,
        unit: record.unit,
        body: &record.body,
    }
}

impl App {
    /// Answers a question from the figures, building them first if needed.
    pub async fn analytics<R>(&self, question: impl FnOnce(&Analytics) -> R) -> AppResult<R> {
        // A restore may drop the figures between building and reading: build again.
        for _ in 0..3 {
            self.build_figures().await?;
            let held = self.figures.held.read().unwrap_or_else(|e| e.into_inner());
            if let Some(analytics) = held.as_ref() {
                return Ok(question(analytics));
            }
        }
        Err(AppError::Internal(
            "the figures were dropped three times while being read".into(),
        ))
    }

    async fn build_figures(&self) -> AppResult<()> {
        if self.figures_built() {
            return Ok(());
        }
        let _turn = self.figures.turn.lock().await;
        if self.figures_built() {
            return Ok(());
        }
        let mut analytics = Analytics::new();
        let mut cursor = None;
        loop {
            let page = self.store.scan_records(cursor, PAGE).await?;
            let Some(last) = page.last() else { break };
            cursor = Some((last.kind(), last.id));
            for record in page.iter().filter(|r| !r.is_deleted()) {
                analytics.upsert(entry(record));
            }
        }
        // Each plan asked once now, so that its computed indicators' tallies are made as
        // part of the build and kept from then on (`meridian-analytics`'s `tally.rs`): the
        // first page to ask after a change reads tallies instead of scanning.
        let today = crate::today().last_day();
        let plans: Vec<RecordId> = analytics.plans().map(|p| p.id).collect();
        for plan in plans {
            analytics.plan_progress(plan, today);
        }
        tracing::info!(records = analytics.len(), "figures built");
        *self.figures.held.write().unwrap_or_else(|e| e.into_inner()) = Some(analytics);
        Ok(())
    }

    pub(crate) fn figures_built(&self) -> bool {
        self.figures
            .held
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
    }

    /// After a change to one record: takes in what the store now holds for it.
    async fn refresh_figures(&self, id: RecordId) {
        let _turn = self.figures.turn.lock().await;
        if !self.figures_built() {
            return;
        }
        let record = match self.store.get(id).await {
            Ok(record) if !record.is_deleted() => Some(record),
            Ok(_) | Err(StoreError::NotFound { .. }) => None,
            Err(error) => {
                // The figures would drift from the database: drop them, the next question
                // builds them again.
                tracing::warn!(%error, "figures dropped after a failed read of {id}");
                *self.figures.held.write().unwrap_or_else(|e| e.into_inner()) = None;
                return;
            }
        };
        let mut held = self.figures.held.write().unwrap_or_else(|e| e.into_inner());
        if let Some(analytics) = held.as_mut() {
            match &record {
                Some(record) => analytics.upsert(entry(record)),
                None => analytics.remove(id),
            }
        }
    }

    /// How many changes the records have seen since this process started: equal numbers
    /// mean nothing changed in between.
    pub fn changes(&self) -> u64 {
        self.figures
            .changes
            .load(std::sync::atomic::Ordering::SeqCst)
    }

    pub(crate) fn note_change(&self) {
        self.figures
            .changes
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }

    /// After a change to one record: keeps every derived view (figures, search) in step.
    pub(crate) async fn after_change(&self, id: RecordId) {
        // Counted after the figures took the change in, so that anything kept under the
        // old count was computed from figures no newer than it.
        self.refresh_figures(id).await;
        self.note_change();
        self.reindex(id).await;
    }

    /// After `create_many` (ids already given): takes the new records in.
    pub(crate) async fn figures_created(&self, new: &[NewRecord]) {
        let _turn = self.figures.turn.lock().await;
        let mut held = self.figures.held.write().unwrap_or_else(|e| e.into_inner());
        if let Some(analytics) = held.as_mut() {
            for record in new {
                if let Some(id) = record.id {
                    analytics.upsert(Entry {
                        id,
                        approval: record.approval,
                        unit: record.unit,
                        body: &record.body,
                    });
                }
            }
        }
    }

    /// After a change to the whole database (a restore): the next question rebuilds.
    pub(crate) async fn forget_figures(&self) {
        let _turn = self.figures.turn.lock().await;
        *self.figures.held.write().unwrap_or_else(|e| e.into_inner()) = None;
        self.note_change();
    }
}
