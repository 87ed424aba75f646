//! The one SQL implementation of the storage traits, shared by the SQLite and PostgreSQL backends through sqlx's Any driver.
