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

/// Pages of 8 KB for a new database file (SQLite's default is 4 KB; an existing file keeps
/// its own): an import writes each changed page to the log with a system call, and a
/// record's content (often over a kilobyte) fits a page more often. An IATI import ran
/// about a twentieth faster (docs/benchmarks.md). It must come before anything writes the
/// file, so every connection sets it on opening.
const PAGE_SIZE: &str = "PRAGMA page_size = 8192";

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
    let pool = SqlStore::connect_with(&url, 4, &[PAGE_SIZE, TEMP_STORE_MEMORY]).await?;
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
    use sqlx::migrate::Migrator;
    use sqlx::Row;

    /// Migration 0006 rebuilds `history` (SQLite cannot drop a NOT NULL): the rows written
    /// before it, their numbering and the numbering of rows after it must survive.
    #[tokio::test]
    async fn the_history_rebuild_keeps_every_row_and_its_numbering() {
        let pool = SqlStore::connect_with("sqlite::memory:", 1, &[])
            .await
            .unwrap();
        let before_0006 = Migrator {
            migrations: MIGRATOR
                .migrations
                .iter()
                .filter(|m| m.version < 6)
                .cloned()
                .collect(),
            ..Migrator::DEFAULT
        };
        before_0006.run(&pool).await.unwrap();
        let insert = "INSERT INTO history (seq, record_id, kind, version, action, actor, at, \
             before_state, after_state) VALUES (?, 'r', 'organization', ?, 'update', 'a', 't', ?, ?)";
        for (seq, version) in [(7, 1), (9, 2)] {
            sqlx::query(insert)
                .bind(seq)
                .bind(version)
                .bind(format!("{{\"v\":{}}}", version - 1))
                .bind(format!("{{\"v\":{version}}}"))
                .execute(&pool)
                .await
                .unwrap();
        }
        MIGRATOR.run(&pool).await.unwrap();

        let rows =
            sqlx::query("SELECT seq, version, before_state, after_state FROM history ORDER BY seq")
                .fetch_all(&pool)
                .await
                .unwrap();
        let kept: Vec<(i64, i64, String, String)> = rows
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
            .collect();
        assert_eq!(
            kept,
            [
                (7, 1, r#"{"v":0}"#.into(), r#"{"v":1}"#.into()),
                (9, 2, r#"{"v":1}"#.into(), r#"{"v":2}"#.into())
            ]
        );
        // A create's after state may now be left out; numbering goes on past the old rows.
        sqlx::query(
            "INSERT INTO history (record_id, kind, version, action, actor, at) \
             VALUES ('s', 'organization', 1, 'create', 'a', 't')",
        )
        .execute(&pool)
        .await
        .unwrap();
        let next: i64 = sqlx::query("SELECT seq FROM history WHERE record_id = 's'")
            .fetch_one(&pool)
            .await
            .unwrap()
            .get(0);
        assert_eq!(next, 10);
    }

    #[test]
    fn create_mode_is_added_once() {
        assert_eq!(with_create_mode("sqlite://a.db"), "sqlite://a.db?mode=rwc");
        assert_eq!(
            with_create_mode("sqlite://a.db?mode=ro"),
            "sqlite://a.db?mode=ro"
        );
    }
}
