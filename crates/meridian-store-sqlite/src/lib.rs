//! The SQLite backend: opens (and creates) a database file in WAL mode with foreign keys
//! on, applies this crate's migrations, and hands back the shared SQL store.

use meridian_store_sql::{Dialect, SessionPool, SqlStore};

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

/// Temporary storage in memory, on every connection: a statement that may have to be
/// undone on its own (any multi-row INSERT inside a larger transaction, every savepoint of
/// an import run) journals the pages it changes, which went to a file under /var/tmp and
/// were almost half of an import's writes.
const TEMP_STORE_MEMORY: &str = "PRAGMA temp_store = MEMORY";

/// The connection of batch sessions (import runs), kept to its own pool so that no other
/// write inherits its settings. It does not checkpoint when it commits: the committing
/// connection otherwise copies the log into the database file once the log passes 1,000
/// pages (for an import run, about a fifth of its time); a passive checkpoint runs on the
/// main pool in the background right after instead (what the commit wrote is durable in
/// the log either way). Around each session the page cache is let grow to hold the run's
/// changed pages (2 MB by default; past that SQLite writes them to the log and reads them
/// back while the transaction goes on) and given back at the end.
fn session_pool(url: &str) -> Result<SessionPool, sqlx::Error> {
    const SETUP: &[&str] = &[TEMP_STORE_MEMORY, "PRAGMA wal_autocheckpoint = 0"];
    Ok(SessionPool {
        pool: SqlStore::connect_lazy_with(url, 1, SETUP)?,
        start: Some("PRAGMA cache_size = -262144"),
        end: Some("PRAGMA cache_size = -2000"),
        after_commit: Some("PRAGMA wal_checkpoint(PASSIVE)"),
    })
}

/// Opens the database at `url` (`sqlite://path/to/file.db`), migrating it to the latest
/// schema, in WAL mode. sqlx's SQLite defaults turn foreign keys on and wait 5 s on a busy
/// database; the conformance tests check WAL and foreign keys.
pub async fn open(url: &str) -> Result<SqlStore, sqlx::Error> {
    let url = with_create_mode(url);
    let pool = SqlStore::connect_with(&url, 4, &[TEMP_STORE_MEMORY]).await?;
    // WAL lets readers work while one writer writes; the mode is kept in the file.
    sqlx::query("PRAGMA journal_mode = WAL")
        .execute(&pool)
        .await?;
    MIGRATOR.run(&pool).await?;
    let sessions = session_pool(&url)?;
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
