//! The search layer's error type, with a stable snake_case code per variant.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("cannot use the search index directory {path}: {source}")]
    Directory {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot open the search index directory {path}: {source}")]
    OpenDirectory {
        path: PathBuf,
        #[source]
        source: tantivy::directory::error::OpenDirectoryError,
    },
    #[error("search index failure: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// A stored document the index cannot read back (an id or kind it does not know).
    #[error("the search index holds an unreadable document: {0}")]
    Corrupt(String),
}

impl SearchError {
    /// Stable code, also the translation key.
    pub fn code(&self) -> &'static str {
        match self {
            SearchError::Directory { .. } => "search_directory",
            SearchError::OpenDirectory { .. } => "search_directory",
            SearchError::Index(_) => "search_index",
            SearchError::Corrupt(_) => "search_corrupt",
        }
    }
}
