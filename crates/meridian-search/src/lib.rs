//! Meridian's full-text index over records, in Chinese and English, built on tantivy.
//!
//! Chinese text is cut with jieba in search mode, so a two-character word such as 中医 is
//! found inside a longer compound; English text is lowercased and stemmed, so "centre" finds
//! "Centres". The index is derived data: the app can always rebuild it from storage
//! ([`SearchIndex::rebuild`]), and does so when [`SearchIndex::is_empty`] says it is missing.
//!
//! Code map: [`doc`] turns a record into what the index holds, [`schema`] owns the fields
//! and analyzers, [`query`] turns user words and filters into a tantivy query, [`index`]
//! owns the on-disk index, its single writer and its reader.

pub mod doc;
pub mod error;
pub mod index;
pub mod query;
pub mod schema;

pub use doc::SearchDoc;
pub use error::SearchError;
pub use index::{Hit, SearchIndex, SearchResults};
pub use query::SearchQuery;
