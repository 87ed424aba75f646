//! Test helpers: throwaway SQLite and PostgreSQL databases, builders.
