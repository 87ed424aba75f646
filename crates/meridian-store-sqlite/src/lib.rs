//! The SQLite backend: opens (and creates) a database file in WAL mode with foreign keys
//! on, applies this crate's migrations, and hands back the shared SQL store.

use meridian_store_sql::{Dialect, SqlStore};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Whether a database URL selects this backend.
pub fn handles(url: &str) -> bool {
    url.starts_with("sqlite:")
}

/// Adds `mode=rwc` so that a missing database file is created on first use.
fn with_create_mode(url: &str) -> String {
    if url.contains("mode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

/// Settings of every connection. Temporary storage in memory: a statement that may have to
/// be undone on its own (any multi-row INSERT inside a larger transaction, every savepoint
/// of an import run) journals the pages it changes, which went to a file under /var/tmp
/// and were almost half of an import's writes.
const CONNECTION_SETUP: &[&str] = &["PRAGMA temp_store = MEMORY"];

/// Settings of the connection batch sessions (import runs) use: as every connection, and no
/// checkpoint when a session commits (the store runs one right after, off the import's
/// path: `Dialect::checkpoint`). Kept to its own pool so that no other write inherits it.
const SESSION_SETUP: &[&str] = &[
    "PRAGMA temp_store = MEMORY",
    "PRAGMA wal_autocheckpoint = 0",
];

/// Opens the database at `url` (`sqlite://path/to/file.db`), migrating it to the latest
/// schema, in WAL mode. sqlx's SQLite defaults turn foreign keys on and wait 5 s on a busy
/// database; the conformance tests check WAL and foreign keys.
pub async fn open(url: &str) -> Result<SqlStore, sqlx::Error> {
    let pool = SqlStore::connect_with(&with_create_mode(url), 4, CONNECTION_SETUP).await?;
    // WAL lets readers work while one writer writes; the mode is kept in the file.
    sqlx::query("PRAGMA journal_mode = WAL")
        .execute(&pool)
        .await?;
    MIGRATOR.run(&pool).await?;
    let sessions = SqlStore::connect_lazy_with(&with_create_mode(url), 1, SESSION_SETUP)?;
    Ok(SqlStore::new(pool, Dialect::SQLITE).with_session_pool(sessions))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_mode_is_added_once() {
        assert_eq!(with_create_mode("sqlite://a.db"), "sqlite://a.db?mode=rwc");
        assert_eq!(
            with_create_mode("sqlite://a.db?mode=ro"),
            "sqlite://a.db?mode=ro"
        );
    }
}
