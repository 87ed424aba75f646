//! Signing in and out: argon2id password checks, a lockout per user name (5 failures
//! refuse that name for 15 minutes, even with the right password), a limit per client
//! address (10 attempts a minute), and sessions that expire after 12 hours idle or 7 days
//! in all. The cookie's token is returned once; the database keeps only its SHA-256.
//! Users and units are managed in `admin`; personal API tokens in `tokens`.

mod admin;
mod clock;
mod limiter;
mod password;
mod tokens;

pub use admin::{AddUser, UnitInfo, UserEdit, UserInfo};
pub use clock::{Clock, ManualClock, SystemClock};
pub use tokens::{NewToken, TOKEN_PREFIX};

use crate::{App, AppError, AppResult};
use clock::stamp;
use limiter::Limiter;
use meridian_domain::user::{check_password, Principal};
use meridian_domain::Lang;
use meridian_store::{SessionRecord, User, UserChange};
use sha2::{Digest, Sha256};
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

/// Sign-in policy. The defaults are the documented ones; tests shorten them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthConfig {
    /// A session unused this long ends.
    pub idle: Duration,
    /// A session ends this long after sign-in, however much it is used.
    pub absolute: Duration,
    /// Failed sign-ins in a row that lock a user name...
    pub lock_after: u32,
    /// ...for this long.
    pub lock_for: Duration,
    /// Sign-in attempts one client address may make at once...
    pub ip_attempts: u32,
    /// ...earned back evenly over this long.
    pub ip_window: Duration,
    /// A session's last use is written at most this often, sparing a write per request.
    pub touch_every: Duration,
}

impl Default for AuthConfig {
    fn default() -> Self {
        Self {
            idle: Duration::from_secs(12 * 3600),
            absolute: Duration::from_secs(7 * 24 * 3600),
            lock_after: 5,
            lock_for: Duration::from_secs(15 * 60),
            ip_attempts: 10,
            ip_window: Duration::from_secs(60),
            touch_every: Duration::from_secs(60),
        }
    }
}

/// Sign-in state held by the `App`: policy, clock and the per-address limiter.
pub(crate) struct AuthState {
    config: AuthConfig,
    clock: Arc<dyn Clock>,
    limiter: Limiter,
}

impl AuthState {
    pub(crate) fn new(config: AuthConfig, clock: Arc<dyn Clock>) -> Self {
        Self {
            limiter: Limiter::new(config.ip_attempts, config.ip_window),
            config,
            clock,
        }
    }
}

/// A new session. `token` goes into the cookie and is not kept anywhere else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub token: String,
    pub csrf: String,
    pub principal: Principal,
    pub display_name: String,
    pub language: Lang,
    /// When the session ends if unused (UTC RFC 3339).
    pub expires_at: String,
}

/// The user behind a valid session cookie, with the session's CSRF token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub principal: Principal,
    pub csrf: String,
    pub display_name: String,
    pub language: Lang,
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// 32 random bytes from the operating system, as 64 hex digits.
fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
    hex(&bytes)
}

/// The session id stored for a cookie token.
fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn looks_like_token(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Whether a submitted CSRF token is the session's, compared in constant time.
pub fn csrf_matches(expected: &str, given: &str) -> bool {
    let (a, b) = (expected.as_bytes(), given.as_bytes());
    !a.is_empty() && a.len() == b.len() && a.iter().zip(b).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

fn display_name(user: &User) -> String {
    user.display_name
        .clone()
        .unwrap_or_else(|| user.name.clone())
}

impl App {
    /// Replaces the sign-in policy and clock (tests use a `ManualClock`).
    pub fn with_auth(mut self, config: AuthConfig, clock: Arc<dyn Clock>) -> Self {
        self.auth = Arc::new(AuthState::new(config, clock));
        self
    }

    pub fn auth_config(&self) -> AuthConfig {
        self.auth.config
    }

    /// The user as authorization sees them: their unit and every unit below it.
    pub async fn principal(&self, user: &User) -> AppResult<Principal> {
        Ok(Principal {
            user_id: user.id,
            name: user.name.clone(),
            role: user.role,
            unit: user.unit,
            units_in_scope: self.store.unit_subtree(user.unit).await?,
        })
    }

    /// Signs in. Every refusal but the address limit is the same `LoginFailed`, so the
    /// answer never tells whether a user name exists, is disabled or is locked.
    pub async fn login(&self, name: &str, password: &str, client_ip: IpAddr) -> AppResult<Session> {
        let now = self.auth.clock.now();
        if let Err(retry_after_secs) = self.auth.limiter.take(client_ip, now) {
            tracing::warn!(%client_ip, "sign-in refused: too many attempts from this address");
            return Err(AppError::TooManyAttempts { retry_after_secs });
        }
        let name = name.trim().to_lowercase();
        let user = self.store.user_by_name(&name).await?;
        let hash = user.as_ref().map(|u| u.password_hash.as_str());
        let password_ok = password::verify(password, hash).await?;
        let Some(user) = user else {
            tracing::warn!(%client_ip, name, "sign-in refused: no such user");
            return Err(AppError::LoginFailed);
        };
        let locked = user
            .locked_until
            .as_deref()
            .is_some_and(|u| u > stamp(now).as_str());
        if user.is_disabled() || locked {
            let why = if locked { "locked" } else { "disabled" };
            tracing::warn!(%client_ip, name, "sign-in refused: user {why}");
            return Err(AppError::LoginFailed);
        }
        if !password_ok {
            let until = stamp(now + self.auth.config.lock_for);
            let after = i64::from(self.auth.config.lock_after.max(1));
            let user = self
                .store
                .record_failed_login(user.id, after, &until)
                .await?;
            let locked_now = user.locked_until.as_deref() == Some(until.as_str());
            tracing::warn!(%client_ip, name, locked_now, "sign-in refused: wrong password");
            return Err(AppError::LoginFailed);
        }
        let change = UserChange {
            failed_logins: Some(0),
            locked_until: Some(None),
            last_login_at: Some(Some(stamp(now))),
            ..UserChange::default()
        };
        let user = self.store.update_user(user.id, change).await?;
        tracing::info!(%client_ip, name, "signed in");
        self.start_session(&user).await
    }

    async fn start_session(&self, user: &User) -> AppResult<Session> {
        let now = self.auth.clock.now();
        let config = self.auth.config;
        self.store.delete_expired_sessions(&stamp(now)).await?;
        let token = random_token();
        let expires_at = stamp(now + config.idle.min(config.absolute));
        let record = SessionRecord {
            id: token_hash(&token),
            user_id: user.id,
            csrf: random_token(),
            created_at: stamp(now),
            expires_at: expires_at.clone(),
            last_seen_at: stamp(now),
        };
        let csrf = record.csrf.clone();
        self.store.create_session(record).await?;
        Ok(Session {
            token,
            csrf,
            principal: self.principal(user).await?,
            display_name: display_name(user),
            language: user.language,
            expires_at,
        })
    }

    /// The signed-in user for a cookie token, or `None` if the session has ended (expired,
    /// signed out, or the user was disabled). Extends an idle session's life while it is
    /// used, never past its absolute limit.
    pub async fn session(&self, token: &str) -> AppResult<Option<SignedIn>> {
        if !looks_like_token(token) {
            return Ok(None);
        }
        let id = token_hash(token);
        let Some((session, user)) = self.store.session(&id).await? else {
            return Ok(None);
        };
        let now = self.auth.clock.now();
        if session.expires_at.as_str() <= stamp(now).as_str() {
            self.store.delete_session(&id).await?;
            return Ok(None);
        }
        if user.is_disabled() {
            self.store.delete_user_sessions(user.id).await?;
            return Ok(None);
        }
        let config = self.auth.config;
        let last_seen = clock::parse_stamp(&session.last_seen_at);
        if last_seen.is_none_or(|seen| now - seen >= config.touch_every) {
            let created = clock::parse_stamp(&session.created_at).unwrap_or(now);
            let expires = (now + config.idle).min(created + config.absolute);
            self.store
                .touch_session(&id, &stamp(now), &stamp(expires))
                .await?;
        }
        Ok(Some(SignedIn {
            principal: self.principal(&user).await?,
            csrf: session.csrf,
            display_name: display_name(&user),
            language: user.language,
        }))
    }

    /// Ends the session (an unknown token is not an error).
    pub async fn logout(&self, token: &str) -> AppResult<()> {
        if looks_like_token(token) {
            self.store.delete_session(&token_hash(token)).await?;
        }
        Ok(())
    }

    /// Changes the signed-in user's password after checking the current one. Every session
    /// of the user ends, this one included; the returned session replaces it.
    pub async fn change_password(
        &self,
        user: &Principal,
        old: &str,
        new: &str,
    ) -> AppResult<Session> {
        let stored = self.store.user(user.user_id).await?;
        if stored.is_disabled() {
            return Err(AppError::LoginFailed);
        }
        if !password::verify(old, Some(&stored.password_hash)).await? {
            return Err(AppError::WrongPassword);
        }
        check_password(new)
            .into_result()
            .map_err(|problems| AppError::Invalid {
                record: format!("the password of {}", stored.name),
                problems,
            })?;
        let change = UserChange {
            password_hash: Some(password::hash(new).await?),
            ..UserChange::default()
        };
        let updated = self.store.update_user(stored.id, change).await?;
        self.store.delete_user_sessions(stored.id).await?;
        tracing::info!(name = updated.name, "password changed");
        self.start_session(&updated).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csrf_tokens_compare_whole() {
        let t = random_token();
        assert!(csrf_matches(&t, &t.clone()));
        assert!(!csrf_matches(&t, &t[..63]));
        assert!(!csrf_matches(&t, &random_token()));
        assert!(!csrf_matches("", ""));
    }

    #[test]
    fn tokens_are_64_hex_digits_and_stored_only_as_their_hash() {
        let t = random_token();
        assert!(looks_like_token(&t));
        assert_ne!(token_hash(&t), t);
        assert_eq!(token_hash(&t).len(), 64);
        assert!(!looks_like_token("../../etc/passwd"));
    }
}
