//! The web application, driven over HTTP in-process (no browser): every page renders,
//! forms save and report errors in the user's language, review, history and trash work.

// A panic in a test is a failed test with its location; helpers may unwrap too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod access;
mod api;
mod assets;
mod catalogs;
mod figures;
mod import;
mod pages;
mod portal;
mod search;
mod support;
