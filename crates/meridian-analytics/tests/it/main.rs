//! Figures against a small world counted by hand.

// A panic in a test is a failed test with its location; helpers may unwrap too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixture;
mod kept;
mod measures;
mod progress;
