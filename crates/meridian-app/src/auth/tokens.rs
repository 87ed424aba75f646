//! Personal API tokens: a user makes, lists and revokes their own; a token acts with its
//! user's roles and unit, and stops working when revoked or when the user is disabled.
//! The secret (`mrd_` and 64 hex digits) is shown once; only its SHA-256 is kept.

use super::{clock::stamp, display_name, hex, random_token, token_hash, SignedIn};
use crate::{App, AppError, AppResult};
use meridian_domain::user::Principal;
use meridian_store::{ApiToken, NewApiToken};

/// What every token's secret starts with, so a leaked one is easy to recognise.
pub const TOKEN_PREFIX: &str = "mrd_";

/// A token just made: `secret` is handed to the user and kept nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewToken {
    pub token: ApiToken,
    pub secret: String,
}

fn looks_like_secret(secret: &str) -> bool {
    secret
        .strip_prefix(TOKEN_PREFIX)
        .is_some_and(|rest| rest.len() == 64 && rest.bytes().all(|b| b.is_ascii_hexdigit()))
}

impl App {
    /// Makes a token for the signed-in user. The name says what it is for.
    pub async fn create_token(&self, owner: &Principal, name: &str) -> AppResult<NewToken> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(AppError::NotAllowed {
                code: "token_name",
                message: "give the token a name of 1 to 100 characters".into(),
            });
        }
        let secret = format!("{TOKEN_PREFIX}{}", random_token());
        let mut id = [0u8; 8];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut id);
        let token = self
            .store
            .create_token(NewApiToken {
                id: hex(&id),
                user_id: owner.user_id,
                name: name.to_string(),
                prefix: secret[..TOKEN_PREFIX.len() + 6].to_string(),
                hash: token_hash(&secret),
                created_at: stamp(self.auth.clock.now()),
            })
            .await?;
        Ok(NewToken { token, secret })
    }

    /// The user's tokens, newest first, revoked ones included.
    pub async fn tokens(&self, owner: &Principal) -> AppResult<Vec<ApiToken>> {
        Ok(self.store.tokens_of(owner.user_id).await?)
    }

    /// Revokes one of the user's own tokens.
    pub async fn revoke_token(&self, owner: &Principal, id: &str) -> AppResult<ApiToken> {
        let at = stamp(self.auth.clock.now());
        Ok(self.store.revoke_token(owner.user_id, id, &at).await?)
    }

    /// The user a bearer token acts for, or `None` when it is unknown, revoked, or its
    /// user is disabled.
    pub async fn token_user(&self, secret: &str) -> AppResult<Option<SignedIn>> {
        if !looks_like_secret(secret) {
            return Ok(None);
        }
        let Some((token, user)) = self.store.token_by_hash(&token_hash(secret)).await? else {
            return Ok(None);
        };
        if user.is_disabled() {
            return Ok(None);
        }
        let now = stamp(self.auth.clock.now());
        // Marking use once a minute is enough to show whether a token is still in use.
        if token
            .last_used_at
            .as_deref()
            .is_none_or(|last| last.get(..16) != now.get(..16))
        {
            self.store.touch_token(&token.id, &now).await?;
        }
        Ok(Some(SignedIn {
            principal: self.principal(&user).await?,
            csrf: String::new(),
            display_name: display_name(&user),
            language: user.language,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_well_formed_secrets_are_looked_up() {
        assert!(looks_like_secret(&format!("mrd_{}", "a1".repeat(32))));
        assert!(!looks_like_secret(&"a1".repeat(32)), "no prefix");
        assert!(!looks_like_secret("mrd_short"));
        assert!(!looks_like_secret(&format!("mrd_{}", "zz".repeat(32))));
    }
}
