//! The index itself: opening it on disk or in memory, the single writer, the reader that
//! searches see, and turning matches into hits with highlighted snippets.
//!
//! Every change commits and then reloads the reader before it returns, so a search made
//! after `upsert` returns sees the change. A commit costs tens of milliseconds (it writes a
//! segment and syncs the directory; ~70 ms on the development machine): use
//! [`SearchIndex::upsert_many`] or [`SearchIndex::rebuild`] for more than a few records. All
//! methods block; async callers run them on a blocking thread.

use crate::doc::SearchDoc;
use crate::error::SearchError;
use crate::query::{filters, text_query, SearchQuery};
use crate::schema::{register_analyzers, Fields};
use meridian_domain::{LocalizedText, RecordId, RecordKind};
use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::query::{BooleanQuery, Query};
use tantivy::schema::Value;
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term,
};

/// Memory the writer may use before it writes a segment, shared by its threads.
const WRITER_MEMORY_BYTES: usize = 96_000_000;
/// Snippet length in bytes: a Chinese character is three bytes, so about 80 characters.
const SNIPPET_BYTES_ZH: usize = 240;
const SNIPPET_BYTES_EN: usize = 200;

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: RecordId,
    pub kind: RecordKind,
    /// BM25; only comparable within one search.
    pub score: f32,
    pub title: LocalizedText,
    /// HTML: the best passage of the Chinese text, matches in `<mark>…</mark>`, everything
    /// else escaped. `None` when no query word is in that text.
    pub snippet_zh: Option<String>,
    pub snippet_en: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResults {
    /// Every matching record, not only those in `hits`.
    pub total: usize,
    /// Best first.
    pub hits: Vec<Hit>,
}

/// The full-text index. Cheap to share behind an `Arc`: searches run in parallel, changes
/// take turns on the one writer.
pub struct SearchIndex {
    index: Index,
    fields: Fields,
    reader: IndexReader,
    /// `None` after a panic while it was held, a failed rollback, or a failed attempt to
    /// create one; the next change creates one.
    writer: Mutex<Option<IndexWriter>>,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating the directory and an empty index if missing. An
    /// index written with another schema (an older Meridian) is emptied, so `is_empty` tells
    /// the app to rebuild it. Only one `SearchIndex` per directory at a time (a lock file
    /// in the directory enforces it, across processes too).
    pub fn open(dir: &Path) -> Result<Self, SearchError> {
        let io_error = |source| SearchError::Directory {
            path: dir.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io_error)?;
        let (schema, fields) = Fields::schema();
        let index = match Index::open_or_create(mmap(dir)?, schema.clone()) {
            Err(tantivy::TantivyError::SchemaError(_)) => {
                remove_index_files(dir).map_err(io_error)?;
                Index::open_or_create(mmap(dir)?, schema)?
            }
            other => other?,
        };
        Self::with_index(index, fields)
    }

    /// An index that lives in memory only (tests, tools).
    pub fn in_memory() -> Result<Self, SearchError> {
        let (schema, fields) = Fields::schema();
        Self::with_index(Index::create_in_ram(schema), fields)
    }

    fn with_index(index: Index, fields: Fields) -> Result<Self, SearchError> {
        register_analyzers(&index);
        let writer = index.writer(WRITER_MEMORY_BYTES)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            index,
            fields,
            reader,
            writer: Mutex::new(Some(writer)),
        })
    }

    /// True when the index holds no document (new, emptied, or never built).
    pub fn is_empty(&self) -> Result<bool, SearchError> {
        Ok(self.reader.searcher().num_docs() == 0)
    }

    /// Number of documents the index holds.
    pub fn len(&self) -> Result<u64, SearchError> {
        Ok(self.reader.searcher().num_docs())
    }

    /// Adds the record, replacing any document with the same id.
    pub fn upsert(&self, doc: &SearchDoc) -> Result<(), SearchError> {
        self.change(|w| self.put(w, doc)).map(|_| ())
    }

    /// Adds or replaces many records in one commit; returns how many.
    pub fn upsert_many(&self, docs: impl Iterator<Item = SearchDoc>) -> Result<usize, SearchError> {
        self.change(|w| {
            let mut n = 0;
            for doc in docs {
                self.put(w, &doc)?;
                n += 1;
            }
            Ok(n)
        })
    }

    /// Replaces everything the index holds with `docs`, in one commit; returns how many.
    pub fn rebuild(&self, docs: impl Iterator<Item = SearchDoc>) -> Result<usize, SearchError> {
        self.change(|w| {
            w.delete_all_documents()?;
            let mut n = 0;
            for doc in docs {
                w.add_document(self.document(&doc))?;
                n += 1;
            }
            Ok(n)
        })
    }

    /// Removes the record's document, if any.
    pub fn remove(&self, id: RecordId) -> Result<(), SearchError> {
        self.change(|w| {
            w.delete_term(self.id_term(id));
            Ok(())
        })
    }

    /// Blocks until the background merges of small segments into larger ones are done, then
    /// shows searches the merged segments. Searches are faster on fewer segments; call this
    /// after a large rebuild when the caller can wait, and before a backup of the directory.
    pub fn wait_for_merges(&self) -> Result<(), SearchError> {
        let mut guard = self.lock_writer()?;
        if let Some(writer) = guard.take() {
            writer.wait_merging_threads()?;
        }
        *guard = Some(self.index.writer(WRITER_MEMORY_BYTES)?);
        self.reader.reload()?;
        Ok(())
    }

    /// Number of segments searches see (each search visits every segment).
    pub fn segment_count(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    /// Runs `ops` on the writer, then commits and reloads the reader; on error, drops
    /// everything `ops` did so the next commit does not publish half a change.
    fn change<T>(
        &self,
        ops: impl FnOnce(&mut IndexWriter) -> Result<T, SearchError>,
    ) -> Result<T, SearchError> {
        let mut guard = self.lock_writer()?;
        let writer = match &mut *guard {
            Some(writer) => writer,
            empty => empty.insert(self.index.writer(WRITER_MEMORY_BYTES)?),
        };
        let result = ops(writer).and_then(|value| {
            writer.commit()?;
            Ok(value)
        });
        match result {
            Ok(value) => {
                self.reader.reload()?;
                Ok(value)
            }
            Err(e) => {
                // The caller hears about `e`; a writer that cannot roll back is dropped
                // (which discards its uncommitted work) and replaced on the next change.
                if writer.rollback().is_err() {
                    *guard = None;
                }
                Err(e)
            }
        }
    }

    /// The writer; after a panic elsewhere while it was held, its uncommitted work is
    /// dropped (with the writer) and the next change creates a new one.
    fn lock_writer(&self) -> Result<MutexGuard<'_, Option<IndexWriter>>, SearchError> {
        Ok(self.writer.lock().unwrap_or_else(|poisoned| {
            self.writer.clear_poison();
            let mut guard = poisoned.into_inner();
            *guard = None;
            guard
        }))
    }

    fn put(&self, writer: &IndexWriter, doc: &SearchDoc) -> Result<(), SearchError> {
        writer.delete_term(self.id_term(doc.id));
        writer.add_document(self.document(doc))?;
        Ok(())
    }

    fn id_term(&self, id: RecordId) -> Term {
        Term::from_field_text(self.fields.id, &id.to_string())
    }

    fn document(&self, doc: &SearchDoc) -> TantivyDocument {
        let f = &self.fields;
        let mut d = TantivyDocument::default();
        d.add_text(f.id, doc.id.to_string());
        d.add_text(f.kind, doc.kind.as_str());
        d.add_text(f.approval, doc.approval.as_str());
        if let Some(unit) = doc.unit {
            d.add_text(f.unit, unit.to_string());
        }
        for country in &doc.countries {
            d.add_text(f.country, country.to_ascii_uppercase());
        }
        if let Some(year) = doc.year {
            d.add_i64(f.year, i64::from(year));
        }
        if let Some(zh) = &doc.title.zh {
            d.add_text(f.title_zh, zh);
        }
        if let Some(en) = &doc.title.en {
            d.add_text(f.title_en, en);
        }
        d.add_text(f.body_zh, &doc.text_zh);
        d.add_text(f.body_en, &doc.text_en);
        d
    }

    /// Ranked matches (BM25, titles boosted), with the count of all matches.
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults, SearchError> {
        let Some(text) = text_query(&self.index, &self.fields, &q.text) else {
            return Ok(SearchResults::default());
        };
        let Some(filters) = filters(&self.fields, q) else {
            return Ok(SearchResults::default());
        };
        let query: Box<dyn Query> = if filters.is_empty() {
            text.box_clone()
        } else {
            let mut clauses = vec![text.box_clone()];
            clauses.extend(filters);
            Box::new(BooleanQuery::intersection(clauses))
        };
        let searcher = self.reader.searcher();
        // Counting and ranking run separately: counting alone computes no scores, and ranking
        // alone may skip what cannot reach the top (together, every match would be scored).
        let total = searcher.search(&*query, &Count)?;
        let limit = q.limit.min(SearchQuery::MAX_LIMIT);
        if limit == 0 || total <= q.offset {
            return Ok(SearchResults {
                total,
                hits: Vec::new(),
            });
        }
        let top = TopDocs::with_limit(limit)
            .and_offset(q.offset)
            .order_by_score();
        let top = searcher.search(&*query, &top)?;
        let snippets = Snippets::new(&searcher, &*text, &self.fields)?;
        let hits = top
            .into_iter()
            .map(|(score, address)| self.hit(&searcher, &snippets, score, address))
            .collect::<Result<_, _>>()?;
        Ok(SearchResults { total, hits })
    }

    fn hit(
        &self,
        searcher: &Searcher,
        snippets: &Snippets,
        score: f32,
        address: DocAddress,
    ) -> Result<Hit, SearchError> {
        let f = &self.fields;
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let id = text(f.id).unwrap_or_default();
        let id = id
            .parse()
            .map_err(|_| SearchError::Corrupt(format!("record id {id:?}")))?;
        let kind = text(f.kind).unwrap_or_default();
        let kind = RecordKind::parse(&kind)
            .ok_or_else(|| SearchError::Corrupt(format!("record kind {kind:?}")))?;
        Ok(Hit {
            id,
            kind,
            score,
            title: LocalizedText::from_options(text(f.title_zh), text(f.title_en)),
            snippet_zh: html(snippets.zh.snippet_from_doc(&doc)),
            snippet_en: html(snippets.en.snippet_from_doc(&doc)),
        })
    }
}

struct Snippets {
    zh: SnippetGenerator,
    en: SnippetGenerator,
}

impl Snippets {
    fn new(searcher: &Searcher, text: &dyn Query, f: &Fields) -> Result<Self, SearchError> {
        let mut zh = SnippetGenerator::create(searcher, text, f.body_zh)?;
        zh.set_max_num_chars(SNIPPET_BYTES_ZH);
        let mut en = SnippetGenerator::create(searcher, text, f.body_en)?;
        en.set_max_num_chars(SNIPPET_BYTES_EN);
        Ok(Snippets { zh, en })
    }
}

fn html(mut snippet: Snippet) -> Option<String> {
    if snippet.is_empty() {
        return None;
    }
    snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
    Some(snippet.to_html())
}

fn mmap(dir: &Path) -> Result<MmapDirectory, SearchError> {
    MmapDirectory::open(dir).map_err(|source| SearchError::OpenDirectory {
        path: dir.to_path_buf(),
        source,
    })
}

/// Deletes the files tantivy keeps in `dir` (its metadata, lock files and segment files,
/// named by a 32-digit hex id) and nothing else, in case the directory was shared.
fn remove_index_files(dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let stem = name.split('.').next().unwrap_or_default();
        let segment = stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit());
        let meta = name == "meta.json" || name == ".managed.json" || name.starts_with(".tantivy");
        if (segment || meta) && entry.file_type()?.is_file() {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}
