//! End-to-end tests against the compiled `meridian` binary, on SQLite and PostgreSQL.

// A panic in a test is a failed test with its location; helpers may unwrap too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli;
mod exchange;
mod round_trip;
mod search;
mod serve;
mod tidy;
mod users;

use meridian_test_support::TestDb;
use std::process::Command;

/// Output of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `meridian --database URL ARGS…` in a scratch working directory.
pub fn meridian(url: &str, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_meridian"))
        .arg("--database")
        .arg(url)
        .args(args)
        .env_remove("MERIDIAN_DATABASE_URL")
        .current_dir(std::env::temp_dir())
        .output()
        .expect("run meridian");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs and insists on success, returning stdout.
pub fn ok(db: &TestDb, args: &[&str]) -> String {
    let run = meridian(&db.url, args);
    assert_eq!(run.code, 0, "meridian {args:?} failed: {}", run.stderr);
    run.stdout
}
