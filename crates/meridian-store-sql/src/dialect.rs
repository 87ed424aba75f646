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
}

impl Dialect {
    pub const SQLITE: Dialect = Dialect {
        name: "sqlite",
        write_lock: Some("UPDATE write_lock SET n = n + 1 WHERE id = 1"),
        for_update: "",
    };

    pub const POSTGRES: Dialect = Dialect {
        name: "postgres",
        write_lock: None,
        for_update: " FOR UPDATE",
    };
}
