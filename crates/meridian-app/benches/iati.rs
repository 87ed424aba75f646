//! Benchmark: IATI import throughput on the shared corpus's D-Portal pages
//! (../shared/data/iati-activities/dportal-covid19-2021-06, 28 files, 31 MB), read as
//! one run: first parse only (the streaming reader, nothing kept), then everything
//! stored (a fresh SQLite database, one transaction per file).
//!
//! cargo bench -p meridian-app --bench iati -- [DIR]
//! Prints MB/s and activities/s for each phase, and records/s stored.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use meridian_app::App;
use meridian_interop::iati::read_activities;
use meridian_store::Actor;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

fn corpus(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the IATI corpus directory")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_000_000.0
}

#[tokio::main]
async fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            meridian_test_support::shared_data("iati-activities/dportal-covid19-2021-06")
        });
    let files = corpus(&dir);
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    println!("{} files, {:.1} MB", files.len(), mb(bytes));

    for round in 0..3 {
        let start = Instant::now();
        let mut activities = 0;
        for (_, data) in &files {
            activities += read_activities(&data[..], |_| {}).unwrap().activities;
        }
        let s = start.elapsed().as_secs_f64();
        println!(
            "parse only (round {round}): {:.3} s, {:.0} MB/s, {:.0} activities/s",
            s,
            mb(bytes) / s,
            activities as f64 / s
        );
    }

    let tmp = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", tmp.path().join("bench.db").display());
    let app = App::new(Arc::new(
        meridian_store_sqlite::open(&url)
            .await
            .expect("open sqlite"),
    ));
    let actor = Actor::new("bench");
    let start = Instant::now();
    let (mut activities, mut records) = (0, 0);
    for (path, data) in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let report = app
            .import_iati(&data[..], &name, &actor, false)
            .await
            .unwrap();
        activities += report.activities;
        records += report.created + report.updated + report.organizations_created;
    }
    let s = start.elapsed().as_secs_f64();
    println!(
        "stored (SQLite): {:.3} s, {:.1} MB/s, {:.0} activities/s, {:.0} records/s ({records} records)",
        s,
        mb(bytes) / s,
        activities as f64 / s,
        records as f64 / s
    );
}
