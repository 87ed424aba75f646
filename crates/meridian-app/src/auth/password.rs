//! Password hashes: argon2id (OWASP's parameters: 19 MiB, 2 passes, 1 lane) with a random
//! salt from the operating system, stored as PHC strings. Hashing runs off the async
//! threads, because it is meant to be slow.

use crate::{AppError, AppResult};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::rngs::OsRng;
use std::sync::OnceLock;

fn argon2() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

fn hash_now(password: &str) -> AppResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("cannot hash a password: {e}")))
}

fn verify_now(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .and_then(|h| argon2().verify_password(password.as_bytes(), &h))
        .is_ok()
}

/// A hash of nothing anyone knows, verified against when the user name is unknown so an
/// unknown name takes as long to refuse as a wrong password.
fn decoy() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        let mut secret = [0u8; 32];
        rand::RngCore::fill_bytes(&mut OsRng, &mut secret);
        hash_now(&crate::auth::hex(&secret)).unwrap_or_default()
    })
}

async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> AppResult<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| AppError::Internal(format!("password hashing stopped: {e}")))
}

pub(crate) async fn hash(password: &str) -> AppResult<String> {
    let password = password.to_string();
    blocking(move || hash_now(&password)).await?
}

/// Whether `password` matches the PHC string; `None` checks against the decoy (false).
pub(crate) async fn verify(password: &str, phc: Option<&str>) -> AppResult<bool> {
    let password = password.to_string();
    let phc = phc.map(str::to_string);
    blocking(move || match phc {
        Some(phc) => verify_now(&password, &phc),
        None => {
            verify_now(&password, decoy());
            false
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_salted_argon2id_and_verify() {
        let a = hash_now("correct horse battery").unwrap();
        let b = hash_now("correct horse battery").unwrap();
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify_now("correct horse battery", &a));
        assert!(!verify_now("correct horse battery!", &a));
        assert!(!verify_now("anything", "not a hash"));
        assert!(!verify_now("", decoy()));
    }
}
