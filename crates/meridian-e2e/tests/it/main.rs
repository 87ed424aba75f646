//! End-to-end tests in a real browser: the `meridian` binary the workspace build produced
//! (`target/<profile>/meridian`), serving a throwaway SQLite database, driven through
//! headless Chromium by chromedriver (fantoccini). Screenshots of the main pages are
//! written to `target/e2e-screenshots/`.
//!
//! Needs the Debian packages `chromium chromium-driver fonts-wqy-microhei` (`.ci/run`
//! installs them); without chromedriver the tests fail, they are never skipped.
//!
//! The binary is taken as it is found: a workspace run (`cargo nextest run --workspace`)
//! builds it first; `cargo nextest run -p meridian-e2e` alone does not, so build it
//! (`cargo build -p meridian`) after changing Meridian. When it is missing the test builds
//! it. `MERIDIAN_BIN` names another binary.

// A panic in a test is a failed test with its location; helpers may unwrap too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod browser;
mod figures;
mod flow;
mod harness;
mod import;
mod portal;
