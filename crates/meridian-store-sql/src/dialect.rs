//! The differences between the SQL dialects that the shared code must respect.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    pub name: &'static str,
    /// Run first in every writing transaction. SQLite needs it: a transaction that reads
    /// before it writes fails with SQLITE_BUSY_SNAPSHOT if another writer got in between,
    /// so writers take the database's write lock up front (waiting on busy_timeout).
    pub write_lock: Option<&'static str>,
    /// Appended to a SELECT that reads a row about to be changed.
    pub for_update: &'static str,
    /// Run when a batch session (an import run) starts, and when it ends. SQLite keeps a
    /// transaction's changed pages in its page cache (2 MB by default) and, once that is
    /// full, writes them out to the log and reads them back while the transaction goes on:
    /// a run's transaction holds tens of megabytes, so the session lets the cache grow to
    /// hold them, and gives the memory back when it ends.
    pub session_start: Option<&'static str>,
    pub session_end: Option<&'static str>,
    /// Run on the main pool, in the background, after a batch session commits. SQLite's
    /// committing connection copies the log into the database file when the log has grown
    /// past 1,000 pages (a checkpoint: for an import run, about a fifth of its time). The
    /// sessions' own connections are set up not to (`wal_autocheckpoint = 0`), and this
    /// runs it right after, off the import's path; the commit itself was already durable
    /// in the log.
    pub checkpoint: Option<&'static str>,
}

impl Dialect {
    pub const SQLITE: Dialect = Dialect {
        name: "sqlite",
        write_lock: Some("UPDATE write_lock SET n = n + 1 WHERE id = 1"),
        for_update: "",
        session_start: Some("PRAGMA cache_size = -262144"),
        session_end: Some("PRAGMA cache_size = -2000"),
        checkpoint: Some("PRAGMA wal_checkpoint(PASSIVE)"),
    };

    pub const POSTGRES: Dialect = Dialect {
        name: "postgres",
        write_lock: None,
        for_update: " FOR UPDATE",
        session_start: None,
        session_end: None,
        checkpoint: None,
    };
}
