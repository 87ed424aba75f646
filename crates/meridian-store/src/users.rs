//! Storage contract for users, reporting units and sign-in sessions. Timestamps are the
//! same UTC RFC 3339 text as records'; the ones that decide expiry and lockout are passed
//! in by the caller, so its clock (not the database's) is the one that counts.

use crate::StoreResult;
use async_trait::async_trait;
use meridian_domain::user::{Role, UnitKind, UserId};
use meridian_domain::{Lang, RecordId};

/// A user as stored, password hash included: never hand this to a front end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    /// Lower case; unique.
    pub name: String,
    pub display_name: Option<String>,
    pub role: Role,
    /// The reporting unit (an organization record id).
    pub unit: RecordId,
    /// PHC string (`$argon2id$…`).
    pub password_hash: String,
    pub language: Lang,
    pub disabled_at: Option<String>,
    /// Failed sign-ins since the last success or lockout.
    pub failed_logins: i64,
    pub locked_until: Option<String>,
    pub last_login_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl User {
    pub fn is_disabled(&self) -> bool {
        self.disabled_at.is_some()
    }
}

/// A user to create; the store makes the id and timestamps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub name: String,
    pub display_name: Option<String>,
    pub role: Role,
    pub unit: RecordId,
    pub password_hash: String,
    pub language: Lang,
}

/// Fields to change on a user; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserChange {
    pub display_name: Option<Option<String>>,
    pub role: Option<Role>,
    pub unit: Option<RecordId>,
    pub language: Option<Lang>,
    /// `Some(Some(at))` disables, `Some(None)` enables.
    pub disabled_at: Option<Option<String>>,
    pub password_hash: Option<String>,
    pub failed_logins: Option<i64>,
    pub locked_until: Option<Option<String>>,
    pub last_login_at: Option<Option<String>>,
}

/// A reporting unit: an organization record, with the administration it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub org: RecordId,
    pub parent: Option<RecordId>,
    pub kind: UnitKind,
    pub created_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewUnit {
    pub org: RecordId,
    pub parent: Option<RecordId>,
    pub kind: UnitKind,
}

/// A sign-in session. `id` is the SHA-256 (hex) of the cookie's token, so a copy of the
/// database gives nobody a working cookie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub id: String,
    pub user_id: UserId,
    pub csrf: String,
    pub created_at: String,
    pub expires_at: String,
    pub last_seen_at: String,
}

#[async_trait]
pub trait UserStore: Send + Sync {
    /// `UserExists` if the name is taken, `UnknownUnit` if the unit is not a reporting unit.
    async fn create_user(&self, new: NewUser) -> StoreResult<User>;
    /// `UnknownUser` if there is none.
    async fn user(&self, id: UserId) -> StoreResult<User>;
    async fn user_by_name(&self, name: &str) -> StoreResult<Option<User>>;
    /// Every user, by name.
    async fn list_users(&self) -> StoreResult<Vec<User>>;
    async fn update_user(&self, id: UserId, change: UserChange) -> StoreResult<User>;
    /// Counts one failed sign-in in one statement (safe against concurrent attempts). The
    /// `lock_after`th failure sets `locked_until` and starts the count again.
    async fn record_failed_login(
        &self,
        id: UserId,
        lock_after: i64,
        locked_until: &str,
    ) -> StoreResult<User>;

    /// `UnitExists`, `NotFound` for a missing organization, `UnknownUnit` for a parent
    /// that is not a unit.
    async fn add_unit(&self, new: NewUnit) -> StoreResult<Unit>;
    /// `UnknownUnit` if the organization is not a unit.
    async fn unit(&self, org: RecordId) -> StoreResult<Unit>;
    async fn list_units(&self) -> StoreResult<Vec<Unit>>;
    /// The unit and every unit below it, at any depth (the unit first).
    async fn unit_subtree(&self, org: RecordId) -> StoreResult<Vec<RecordId>>;

    async fn create_session(&self, session: SessionRecord) -> StoreResult<()>;
    /// The session with its user, in one query.
    async fn session(&self, id: &str) -> StoreResult<Option<(SessionRecord, User)>>;
    async fn touch_session(
        &self,
        id: &str,
        last_seen_at: &str,
        expires_at: &str,
    ) -> StoreResult<()>;
    async fn delete_session(&self, id: &str) -> StoreResult<()>;
    /// Returns how many were removed.
    async fn delete_user_sessions(&self, user: UserId) -> StoreResult<u64>;
    /// Sessions whose `expires_at` is at or before `now`; returns how many were removed.
    async fn delete_expired_sessions(&self, now: &str) -> StoreResult<u64>;
}
