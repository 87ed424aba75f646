//! Personal API tokens: each belongs to one user and acts with that user's roles. Only the
//! SHA-256 of the secret is kept, so a copy of the database gives nobody a working token.

use crate::users::User;
use crate::StoreResult;
use async_trait::async_trait;
use meridian_domain::user::UserId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: String,
    pub user_id: UserId,
    /// What the user called it ("reporting script").
    pub name: String,
    /// The secret's first characters, so a person can tell tokens apart.
    pub prefix: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

/// A token to keep: `hash` is the SHA-256 (hex) of the secret handed to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiToken {
    pub id: String,
    pub user_id: UserId,
    pub name: String,
    pub prefix: String,
    pub hash: String,
    pub created_at: String,
}

#[async_trait]
pub trait TokenStore: Send + Sync {
    async fn create_token(&self, new: NewApiToken) -> StoreResult<ApiToken>;
    /// A user's tokens, newest first, revoked ones included.
    async fn tokens_of(&self, user: UserId) -> StoreResult<Vec<ApiToken>>;
    /// Revokes one of the user's tokens; `NotFound` when the user has no such token.
    async fn revoke_token(&self, user: UserId, id: &str, at: &str) -> StoreResult<ApiToken>;
    /// The live (not revoked) token with this hash, with its user.
    async fn token_by_hash(&self, hash: &str) -> StoreResult<Option<(ApiToken, User)>>;
    async fn touch_token(&self, id: &str, at: &str) -> StoreResult<()>;
}
