//! What can go wrong in storage, phrased so a person can act on it.

use meridian_domain::{Problems, RecordId, RecordKind};
use std::fmt;

/// A live record that links to the one being deleted.
#[derive(Debug, Clone, PartialEq)]
pub struct Referrer {
    pub kind: RecordKind,
    pub id: RecordId,
    pub field: String,
}

impl fmt::Display for Referrer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ({})", self.kind, self.id, self.field)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("record {id} does not exist")]
    NotFound { id: RecordId },
    #[error("{kind} {id} version {version} does not exist")]
    VersionNotFound {
        kind: RecordKind,
        id: RecordId,
        version: i64,
    },
    #[error("{kind} {id} was changed by someone else: you edited version {expected}, it is now at version {found}; reload it and apply your change again")]
    Conflict {
        kind: RecordKind,
        id: RecordId,
        expected: i64,
        found: i64,
    },
    #[error("{kind} {id} is in the trash; undelete it first")]
    InTrash { kind: RecordKind, id: RecordId },
    #[error("{kind} {id} is not in the trash")]
    NotInTrash { kind: RecordKind, id: RecordId },
    #[error("{kind} {id} already exists")]
    AlreadyExists { kind: RecordKind, id: RecordId },
    #[error("{kind} {id} is still linked from {}; remove those links first", list(.by))]
    Referenced {
        kind: RecordKind,
        id: RecordId,
        by: Vec<Referrer>,
    },
    /// `record` names the record ("membership 0192…"); every problem is listed.
    #[error("{record}: {problems}")]
    Invalid { record: String, problems: Problems },
    #[error("the database is not empty ({records} records); restore only into an empty database, or pass --force to replace its contents")]
    NotEmpty { records: u64 },
    #[error("a user named {name:?} exists already")]
    UserExists { name: String },
    #[error("there is no user {0:?}")]
    UnknownUser(String),
    #[error("organization {org} is not a reporting unit")]
    UnknownUnit { org: RecordId },
    #[error("organization {org} is a reporting unit already")]
    UnitExists { org: RecordId },
    #[error("you have no API token {0:?}")]
    UnknownToken(String),
    #[error("stored data is unreadable: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Backend(String),
}

fn list(by: &[Referrer]) -> String {
    let shown: Vec<String> = by.iter().take(5).map(|r| r.to_string()).collect();
    let more = by.len().saturating_sub(5);
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

impl StoreError {
    /// Stable snake_case code, also the translation key.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NotFound { .. } => "not_found",
            StoreError::VersionNotFound { .. } => "version_not_found",
            StoreError::Conflict { .. } => "conflict",
            StoreError::InTrash { .. } => "in_trash",
            StoreError::NotInTrash { .. } => "not_in_trash",
            StoreError::AlreadyExists { .. } => "already_exists",
            StoreError::Referenced { .. } => "referenced",
            StoreError::Invalid { .. } => "invalid",
            StoreError::NotEmpty { .. } => "not_empty",
            StoreError::UserExists { .. } => "user_exists",
            StoreError::UnknownUser(_) => "unknown_user",
            StoreError::UnknownUnit { .. } => "unknown_unit",
            StoreError::UnitExists { .. } => "unit_exists",
            StoreError::UnknownToken(_) => "unknown_token",
            StoreError::Corrupt(_) => "corrupt",
            StoreError::Backend(_) => "backend",
        }
    }
}
