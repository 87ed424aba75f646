//! `BatchRun`: the batches of one import run (one per file) written in a store session,
//! each all or nothing, committed together at short intervals. One durable commit per
//! interval instead of one per file: on SQLite each commit waits for the disk (an fsync
//! of the write-ahead log), which cost more than writing a small file's rows.
//!
//! A batch is written on a task of its own (`start`), so that the caller can work out
//! the next file's batch while the database writes this one, and learns the outcome when
//! it asks for it (`finish`): the two took turns on one core before.

use crate::{App, AppError, AppResult};
use meridian_store::{Actor, Batch, BatchOutcome, BatchSession, NewRecord, StoreResult};
use std::time::{Duration, Instant};
use tokio::task::JoinHandle;

/// How long a run keeps its transaction open before committing what it has written. The
/// session holds the write lock, so other writers (the web pages, the API) wait up to
/// this long, well within SQLite's 5 s busy timeout.
pub(crate) const COMMIT_INTERVAL: Duration = Duration::from_millis(500);

type Session = Box<dyn BatchSession>;

/// A batch being written: the task hands the session back with the outcome.
type Writing = JoinHandle<(Session, StoreResult<BatchOutcome>)>;

enum State {
    /// No transaction open: none yet, or the last one committed or lost.
    Closed,
    /// A transaction open since the instant, no batch being written.
    Ready(Session, Instant),
    /// A batch being written, with its states for figures and search.
    Writing(Writing, Vec<NewRecord>, Instant),
}

pub(crate) struct BatchRun<'a> {
    app: &'a App,
    state: State,
    /// The states written since the last commit, for figures and search after it.
    after: Vec<NewRecord>,
    /// The open transaction was lost (its writing task failed): what it held is gone,
    /// and the next commit says so.
    lost: Option<String>,
}

impl<'a> BatchRun<'a> {
    /// A run whose session opens on its first batch (a run of refused files takes no lock).
    pub(crate) fn new(app: &'a App) -> Self {
        Self {
            app,
            state: State::Closed,
            after: Vec::new(),
            lost: None,
        }
    }

    /// Writes one batch, all or nothing, within the open session, and waits for it.
    /// Durable only once committed.
    pub(crate) async fn apply(&mut self, batch: Batch, actor: &Actor) -> AppResult<BatchOutcome> {
        self.start(batch, actor).await?;
        self.finish()
            .await
            .unwrap_or_else(|| Err(AppError::Internal("no batch was written".into())))
    }

    /// Starts writing one batch on its own task; `finish` gives its outcome. One batch at
    /// a time: the one before must have been finished.
    pub(crate) async fn start(&mut self, mut batch: Batch, actor: &Actor) -> AppResult<()> {
        let (mut session, opened) = match std::mem::replace(&mut self.state, State::Closed) {
            State::Ready(session, opened) => (session, opened),
            State::Closed => (self.app.store.begin_batches().await?, Instant::now()),
            State::Writing(writing, after, opened) => {
                self.state = State::Writing(writing, after, opened);
                return Err(AppError::Internal(
                    "a batch was started before the one before it was finished".into(),
                ));
            }
        };
        let after = self.app.states_for_views(&mut batch);
        let actor = actor.clone();
        let writing = tokio::spawn(async move {
            let outcome = session.apply(batch, &actor).await;
            (session, outcome)
        });
        self.state = State::Writing(writing, after, opened);
        Ok(())
    }

    /// The outcome of the batch being written, once it is written; `None` when none is.
    pub(crate) async fn finish(&mut self) -> Option<AppResult<BatchOutcome>> {
        let State::Writing(writing, after, opened) =
            std::mem::replace(&mut self.state, State::Closed)
        else {
            return None;
        };
        match writing.await {
            Ok((session, outcome)) => {
                self.state = State::Ready(session, opened);
                if outcome.is_ok() {
                    self.after.extend(after);
                }
                Some(outcome.map_err(AppError::from))
            }
            Err(failed) => {
                // The session went with the task: everything since the last commit is
                // rolled back.
                let e = format!("the import's writing task failed: {failed}");
                self.after.clear();
                self.lost = Some(e.clone());
                Some(Err(AppError::Internal(e)))
            }
        }
    }

    /// Whether the session has been open for `COMMIT_INTERVAL`.
    pub(crate) fn due(&self) -> bool {
        match &self.state {
            State::Closed => false,
            State::Ready(_, opened) | State::Writing(_, _, opened) => {
                opened.elapsed() >= COMMIT_INTERVAL
            }
        }
    }

    /// Makes what was applied durable, then lets figures and search take it in. The
    /// batch being written, if any, must have been finished.
    pub(crate) async fn commit(&mut self) -> AppResult<()> {
        if let Some(e) = self.lost.take() {
            return Err(AppError::Internal(e));
        }
        let session = match std::mem::replace(&mut self.state, State::Closed) {
            State::Closed => return Ok(()),
            State::Ready(session, _) => session,
            State::Writing(writing, after, opened) => {
                self.state = State::Writing(writing, after, opened);
                return Err(AppError::Internal(
                    "a commit was asked for before the batch being written was finished".into(),
                ));
            }
        };
        session.commit().await?;
        self.app
            .views_take_in(std::mem::take(&mut self.after))
            .await;
        Ok(())
    }
}

impl Drop for BatchRun<'_> {
    /// A run given up (the request that started it gone, say) stops the batch being
    /// written instead of leaving its task to finish a write no one will commit; the
    /// session is then dropped, which rolls the transaction back.
    fn drop(&mut self) {
        if let State::Writing(writing, _, _) = &self.state {
            writing.abort();
        }
    }
}
