//! The storage conformance suite: every test runs once on SQLite and once on PostgreSQL.

mod conformance;
mod links;
mod lists_and_archives;
mod validation;
