//! PostgreSQL backend: connection setup and migrations.
