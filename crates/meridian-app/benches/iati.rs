//! Benchmark: IATI import throughput on the shared corpus's D-Portal pages
//! (../shared/data/iati-activities/dportal-covid19-2021-06, 28 files, 31 MB), read as
//! one run: first parse only (the reader, nothing kept), then everything stored into a
//! fresh database, one transaction per file: once as one `import_iati_files` run (the
//! database scanned once for matching), once as one `import_iati` per file (scanned per
//! file).
//!
//! cargo bench -p meridian-app --bench iati -- [DIR] [postgres] [server] [parse] [run] [per-file]
//! Defaults: the D-Portal folder, temporary SQLite files, every phase (name phases to run
//! only those, e.g. `run` under a profiler), on a current-thread runtime as the `meridian`
//! command's one-shot commands run (`server`: a multi-threaded one, as `meridian serve`,
//! whose upload page imports too). With `postgres`, each stored
//! run gets a throwaway schema on the test server (MERIDIAN_TEST_POSTGRES, else
//! postgres://postgres@127.0.0.1:5432/test), as the tests do.
//! Prints MB/s and activities/s for each phase, and records/s stored.

#![allow(clippy::expect_used, clippy::unwrap_used)]

/// The binary's allocator (crates/meridian/src/main.rs), so the run is measured as it runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use meridian_app::{App, IatiImportReport};
use meridian_interop::iati::read_activities_from;
use meridian_store::Actor;
use meridian_test_support::{Backend, TestDb};
use std::path::{Path, PathBuf};
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

/// The phases that can be named on the command line.
const PHASES: [&str; 3] = ["parse", "run", "per-file"];

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_000_000.0
}

fn main() {
    let server = std::env::args().any(|a| a == "server");
    let mut runtime = if server {
        tokio::runtime::Builder::new_multi_thread()
    } else {
        tokio::runtime::Builder::new_current_thread()
    };
    let runtime = runtime.enable_all().build().expect("a runtime");
    println!(
        "runtime: {}",
        if server {
            "multi-threaded (server)"
        } else {
            "current thread (command line)"
        }
    );
    runtime.block_on(bench());
}

async fn bench() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| {
            !a.starts_with('-') && a != "postgres" && a != "server" && !PHASES.contains(&a.as_str())
        })
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            meridian_test_support::shared_data("iati-activities/dportal-covid19-2021-06")
        });
    let files = corpus(&dir);
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    println!("{} files, {:.1} MB", files.len(), mb(bytes));
    let phases: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| PHASES.contains(&a.as_str()))
        .collect();
    let runs = |phase: &str| phases.is_empty() || phases.iter().any(|p| p == phase);

    for round in 0..3 {
        if !runs("parse") {
            break;
        }
        // The floor: quick-xml's events over the same bytes, nothing looked at.
        let start = Instant::now();
        for (_, data) in &files {
            let mut reader = quick_xml::Reader::from_reader(&data[..]);
            while !matches!(reader.read_event().unwrap(), quick_xml::events::Event::Eof) {}
        }
        let s = start.elapsed().as_secs_f64();
        println!(
            "quick-xml events only (round {round}): {:.3} s, {:.0} MB/s",
            s,
            mb(bytes) / s
        );

        let start = Instant::now();
        let mut activities = 0;
        for (_, data) in &files {
            activities += read_activities_from(data, |_| {}).unwrap().activities;
        }
        let s = start.elapsed().as_secs_f64();
        println!(
            "parse only (round {round}): {:.3} s, {:.0} MB/s, {:.0} activities/s",
            s,
            mb(bytes) / s,
            activities as f64 / s
        );
    }

    let backend = if std::env::args().any(|a| a == "postgres") {
        Backend::Postgres
    } else {
        Backend::Sqlite
    };
    let actor = Actor::new("bench");

    let named: Vec<(String, &[u8])> = files
        .iter()
        .map(|(p, d)| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                &d[..],
            )
        })
        .collect();
    let named: Vec<(&str, &[u8])> = named.iter().map(|(n, d)| (n.as_str(), *d)).collect();
    for round in 0..3 {
        if !runs("run") {
            break;
        }
        let db = TestDb::new(backend).await;
        let app = App::new(db.open().await);
        // The run takes the files' bytes (they move to the parsing thread): copied untimed.
        let owned: Vec<(String, Vec<u8>)> = named
            .iter()
            .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
            .collect();
        let start = Instant::now();
        let reports = app.import_iati_files(owned, &actor, false).await.unwrap();
        let s = start.elapsed().as_secs_f64();
        let reports: Vec<_> = reports.into_iter().map(Result::unwrap).collect();
        let what = format!("stored ({backend:?}, one import_iati_files run, round {round})");
        stored(&what, s, bytes, &reports);
    }

    if !runs("per-file") {
        return;
    }
    let db = TestDb::new(backend).await;
    let app = App::new(db.open().await);
    let start = Instant::now();
    let mut reports = Vec::new();
    for (name, data) in &named {
        reports.push(app.import_iati(*data, name, &actor, false).await.unwrap());
    }
    let s = start.elapsed().as_secs_f64();
    stored(
        &format!("stored ({backend:?}, one import_iati per file)"),
        s,
        bytes,
        &reports,
    );
}

fn stored(what: &str, s: f64, bytes: usize, reports: &[IatiImportReport]) {
    let activities: usize = reports.iter().map(|r| r.activities).sum();
    let records: usize = reports
        .iter()
        .map(|r| r.created + r.updated + r.organizations_created)
        .sum();
    println!(
        "{what}: {:.3} s, {:.1} MB/s, {:.0} activities/s, {:.0} records/s ({records} records)",
        s,
        mb(bytes) / s,
        activities as f64 / s,
        records as f64 / s
    );
}
