//! `BatchRun`: the batches of one import run (one per file) written in a store session,
//! each all or nothing, committed together at short intervals. One durable commit per
//! interval instead of one per file: on SQLite each commit waits for the disk (an fsync
//! of the write-ahead log), which cost more than writing a small file's rows.

use crate::{App, AppResult};
use meridian_store::{Actor, Batch, BatchOutcome, BatchSession, NewRecord};
use std::time::{Duration, Instant};

/// How long a run keeps its transaction open before committing what it has written. The
/// session holds the write lock, so other writers (the web pages, the API) wait up to
/// this long, well within SQLite's 5 s busy timeout.
pub(crate) const COMMIT_INTERVAL: Duration = Duration::from_millis(500);

pub(crate) struct BatchRun<'a> {
    app: &'a App,
    /// The open session and when it was opened.
    session: Option<(Box<dyn BatchSession>, Instant)>,
    /// The states written since the last commit, for figures and search after it.
    after: Vec<NewRecord>,
}

impl<'a> BatchRun<'a> {
    /// A run whose session opens on its first batch (a run of refused files takes no lock).
    pub(crate) fn new(app: &'a App) -> Self {
        Self {
            app,
            session: None,
            after: Vec::new(),
        }
    }

    /// Writes one batch, all or nothing, within the open session. Durable only once
    /// committed.
    pub(crate) async fn apply(
        &mut self,
        mut batch: Batch,
        actor: &Actor,
    ) -> AppResult<BatchOutcome> {
        let (session, _) = match &mut self.session {
            Some(open) => open,
            None => {
                let session = self.app.store.begin_batches().await?;
                self.session.insert((session, Instant::now()))
            }
        };
        let after = self.app.states_for_views(&mut batch);
        let outcome = session.apply(batch, actor).await?;
        self.after.extend(after);
        Ok(outcome)
    }

    /// Whether the session has been open for `COMMIT_INTERVAL`.
    pub(crate) fn due(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|(_, opened)| opened.elapsed() >= COMMIT_INTERVAL)
    }

    /// Makes what was applied durable, then lets figures and search take it in.
    pub(crate) async fn commit(&mut self) -> AppResult<()> {
        let Some((session, _)) = self.session.take() else {
            return Ok(());
        };
        session.commit().await?;
        self.app
            .views_take_in(std::mem::take(&mut self.after))
            .await;
        Ok(())
    }
}
