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
    /// Any refused sign-in: the same words whether the name is unknown, the password
    /// wrong, or the user disabled or locked out, so nothing is given away.
    #[error("wrong user name or password")]
    LoginFailed,
    #[error(
        "too many sign-in attempts from this address; try again in {retry_after_secs} seconds"
    )]
    TooManyAttempts { retry_after_secs: u64 },
    #[error("the current password is wrong")]
    WrongPassword,
    #[error("no organization has the id, name or acronym {text:?}")]
    UnknownOrganization { text: String },
    #[error("{text:?} names {} organizations ({}); use the record id", candidates.len(), candidates.join(", "))]
    AmbiguousOrganization {
        text: String,
        candidates: Vec<String>,
    },
    #[error("internal error: {0}")]
    Internal(String),
    #[error("{kind} {id}: {message}")]
    WrongKind {
        kind: String,
        id: String,
        message: String,
    },
    /// A step the record's state or the rules do not allow; `code` is its stable key.
    #[error("{message}")]
    NotAllowed { code: &'static str, message: String },
    /// No plan with this id, or no plan at all.
    #[error("there is no {0}")]
    NoPlan(String),
    /// Searching with no search index open.
    #[error("search is not available: no search index is open")]
    SearchUnavailable,
    #[error(transparent)]
    Search(#[from] meridian_search::SearchError),
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
            AppError::LoginFailed => "login_failed",
            AppError::TooManyAttempts { .. } => "too_many_attempts",
            AppError::WrongPassword => "wrong_password",
            AppError::UnknownOrganization { .. } => "unknown_organization",
            AppError::AmbiguousOrganization { .. } => "ambiguous_organization",
            AppError::Internal(_) => "internal",
            AppError::NotAllowed { code, .. } => code,
            AppError::NoPlan(_) => "no_plan",
            AppError::SearchUnavailable => "search_unavailable",
            AppError::Search(e) => e.code(),
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
