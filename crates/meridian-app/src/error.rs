//! Errors of the use-case layer: invalid input (every problem, each naming its field),
//! storage refusals, and unreadable archives.

use meridian_domain::{Lang, Problems};
use meridian_interop::archive::ArchiveError;
use meridian_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The record (named by `record`, e.g. "organization 0190…" or "new organization")
    /// has problems; every one is listed.
    #[error("{record} was not saved: {problems}")]
    Invalid { record: String, problems: Problems },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Archive(#[from] ArchiveError),
    #[error("{0}")]
    Demo(String),
    #[error("{kind} {id}: {message}")]
    WrongKind {
        kind: String,
        id: String,
        message: String,
    },
}

impl AppError {
    /// Stable snake_case code, also the translation key.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Invalid { .. } => "invalid",
            AppError::Store(e) => e.code(),
            AppError::Archive(_) => "bad_archive",
            AppError::Demo(_) => "demo",
            AppError::WrongKind { .. } => "wrong_kind",
        }
    }

    /// The validation problems behind this error, if it is one.
    pub fn problems(&self) -> Option<&Problems> {
        match self {
            AppError::Invalid { problems, .. } => Some(problems),
            AppError::Store(StoreError::Invalid { problems, .. }) => Some(problems),
            _ => None,
        }
    }

    /// The problems as lines in `lang`, or the error itself.
    pub fn describe(&self, lang: Lang) -> Vec<String> {
        match self.problems() {
            Some(p) => p.describe(lang),
            None => vec![self.to_string()],
        }
    }
}
