//! Search: the optional full-text index, kept in step with every write and rebuilt from
//! storage when it is missing.
//!
//! The database is the truth and the index derived data: after a write succeeds, the write
//! re-indexes what changed, and an index failure is logged, never reported as a failed
//! change. Index work blocks (a commit takes tens of milliseconds), so it runs on tokio's
//! blocking threads, in a task of its own that finishes even when the request that made the
//! change goes away. A one-record change re-reads the record and indexes what the store holds
//! now, one change at a time, so a slow hook for an older version cannot overwrite a newer
//! one; a deleted record leaves the index.

use crate::{App, AppError, AppResult};
use meridian_domain::{RecordId, RecordKind};
use meridian_search::{SearchDoc, SearchError, SearchIndex, SearchQuery, SearchResults};
use meridian_store::{NewRecord, Store, StoreError, StoredRecord};
use std::future::Future;
use std::sync::Arc;

/// Records read per page when rebuilding.
const PAGE: u32 = 2_000;

/// Kinds whose shown title is built from the records they link (`titles.rs`).
const BUILT_TITLES: [RecordKind; 4] = [
    RecordKind::Membership,
    RecordKind::Partnership,
    RecordKind::Contact,
    RecordKind::Figure,
];

/// The index, and the turn that index upkeep takes.
pub(crate) struct Indexer {
    index: Arc<SearchIndex>,
    /// Held from reading what to index to having indexed it.
    turn: tokio::sync::Mutex<()>,
}

fn doc_of(record: &StoredRecord) -> SearchDoc {
    SearchDoc::from_record(record.id, record.approval, record.unit, &record.body)
}

/// Runs blocking index work on a blocking thread.
async fn blocking<T: Send + 'static>(
    index: &Arc<SearchIndex>,
    work: impl FnOnce(&SearchIndex) -> Result<T, SearchError> + Send + 'static,
) -> AppResult<T> {
    let index = Arc::clone(index);
    tokio::task::spawn_blocking(move || work(&index))
        .await
        .map_err(|e| AppError::Internal(format!("search index task failed: {e}")))?
        .map_err(AppError::from)
}

/// Every live record as the index holds it, read in pages.
async fn live_docs(store: &dyn Store) -> AppResult<Vec<SearchDoc>> {
    let mut docs = Vec::new();
    let mut cursor = None;
    loop {
        let page = store.scan_records(cursor, PAGE).await?;
        let Some(last) = page.last() else { break };
        cursor = Some((last.kind(), last.id));
        docs.extend(page.iter().filter(|r| !r.is_deleted()).map(doc_of));
    }
    Ok(docs)
}

/// Replaces the index's content with every live record.
async fn rebuild(store: &dyn Store, indexer: &Indexer) -> AppResult<usize> {
    let _turn = indexer.turn.lock().await;
    let docs = live_docs(store).await?;
    let n = blocking(&indexer.index, move |i| i.rebuild(docs.into_iter())).await?;
    tracing::info!(records = n, "search index rebuilt");
    Ok(n)
}

/// Runs index upkeep as a task of its own and logs a failure.
async fn upkeep(what: String, work: impl Future<Output = AppResult<()>> + Send + 'static) {
    let outcome = tokio::spawn(work)
        .await
        .unwrap_or_else(|e| Err(AppError::Internal(format!("search index task failed: {e}"))));
    if let Err(error) = outcome {
        tracing::warn!(
            %error,
            "the search index missed a change to {what}; it stays behind the database until \
             rebuilt (`meridian search rebuild` while the server is stopped)"
        );
    }
}

impl App {
    /// This app with a search index: every write keeps it up to date from now on.
    pub fn with_search(mut self, index: Arc<SearchIndex>) -> App {
        self.search = Some(Arc::new(Indexer {
            index,
            turn: tokio::sync::Mutex::new(()),
        }));
        self
    }

    /// Whether a search index is open.
    pub fn has_search(&self) -> bool {
        self.search.is_some()
    }

    fn indexer(&self) -> AppResult<&Arc<Indexer>> {
        self.search.as_ref().ok_or(AppError::SearchUnavailable)
    }

    /// Ranked matches for `query`, with titles as lists show them (a membership is named by
    /// its organizations); `SearchUnavailable` when no index is open.
    pub async fn search(&self, query: &SearchQuery) -> AppResult<SearchResults> {
        let query = query.clone();
        let mut results = blocking(&self.indexer()?.index, move |i| i.search(&query)).await?;
        for hit in &mut results.hits {
            if BUILT_TITLES.contains(&hit.kind) {
                if let Ok(record) = self.store.get(hit.id).await {
                    hit.title = self.title_of(&record).await;
                }
            }
        }
        Ok(results)
    }

    /// Replaces the index's content with every live record; returns how many.
    pub async fn rebuild_search(&self) -> AppResult<usize> {
        rebuild(self.store.as_ref(), self.indexer()?).await
    }

    /// Rebuilds the index when it holds nothing (new, or emptied by a newer Meridian);
    /// returns how many records it indexed, 0 when it left a filled index alone.
    pub async fn rebuild_search_if_empty(&self) -> AppResult<usize> {
        if blocking(&self.indexer()?.index, SearchIndex::is_empty).await? {
            self.rebuild_search().await
        } else {
            Ok(0)
        }
    }

    /// Rebuilds the index when it is empty or holds a different number of records than the
    /// database has live, as after `meridian demo` or `meridian restore` ran while the index
    /// was closed; returns how many records it indexed (0: left alone). A change that keeps
    /// the count (an edit made while the index was closed) needs `rebuild_search`.
    pub async fn rebuild_search_if_stale(&self) -> AppResult<usize> {
        let indexed = blocking(&self.indexer()?.index, SearchIndex::len).await?;
        let live: u64 = self.store.counts().await?.values().sum();
        if indexed == 0 || indexed != live {
            self.rebuild_search().await
        } else {
            Ok(0)
        }
    }

    /// After a change to one record: indexes what the store now holds for it, or removes
    /// it from the index when it is in the trash.
    pub(crate) async fn reindex(&self, id: RecordId) {
        let Some(indexer) = self.search.clone() else {
            return;
        };
        let store = Arc::clone(&self.store);
        upkeep(format!("record {id}"), async move {
            let _turn = indexer.turn.lock().await;
            let doc = match store.get(id).await {
                Ok(record) if !record.is_deleted() => Some(doc_of(&record)),
                Ok(_) | Err(StoreError::NotFound { .. }) => None,
                Err(e) => return Err(e.into()),
            };
            blocking(&indexer.index, move |i| match doc {
                Some(doc) => i.upsert(&doc),
                None => i.remove(id),
            })
            .await
        })
        .await;
    }

    /// Before `create_many`: gives every record its id (as the store would) and returns
    /// what the index will hold for them; `None` without an index.
    pub(crate) fn docs_to_index(&self, new: &mut [NewRecord]) -> Option<Vec<SearchDoc>> {
        self.search.as_ref()?;
        let docs = new
            .iter_mut()
            .map(|r| {
                let id = *r.id.get_or_insert_with(RecordId::new);
                SearchDoc::from_record(id, r.approval, r.unit, &r.body)
            })
            .collect();
        Some(docs)
    }

    /// After `create_many`: indexes the new records in one commit.
    pub(crate) async fn index_created(&self, docs: Option<Vec<SearchDoc>>) {
        let (Some(indexer), Some(docs)) = (self.search.clone(), docs) else {
            return;
        };
        upkeep(format!("{} new records", docs.len()), async move {
            let _turn = indexer.turn.lock().await;
            blocking(&indexer.index, move |i| i.upsert_many(docs.into_iter()))
                .await
                .map(|_| ())
        })
        .await;
    }

    /// After a change to the whole database (a restore): rebuilds the index.
    pub(crate) async fn reindex_all(&self) {
        let Some(indexer) = self.search.clone() else {
            return;
        };
        let store = Arc::clone(&self.store);
        upkeep("every record".into(), async move {
            rebuild(store.as_ref(), &indexer).await.map(|_| ())
        })
        .await;
    }
}
