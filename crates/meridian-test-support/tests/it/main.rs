//! The storage conformance suite: every test runs once on SQLite and once on PostgreSQL.

// A panic in a test is a failed test with its location; helpers may unwrap too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod batch;
mod conformance;
mod links;
mod lists_and_archives;
mod tokens;
mod users;
mod validation;
