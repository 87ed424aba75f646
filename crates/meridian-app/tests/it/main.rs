//! Application use cases against real databases (both backends).

// A panic in a test is a failed test with its location; helpers may unwrap too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod auth;
mod demo;
mod exchange;
mod figures;
mod iati;
mod iati_import;
mod search;
mod support;
mod users;
