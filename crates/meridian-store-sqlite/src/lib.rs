//! SQLite backend: connection setup (WAL, foreign keys) and migrations.
