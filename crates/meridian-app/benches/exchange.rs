//! Benchmark: import N generated organization rows from one CSV file (read, matched,
//! validated, written in one transaction), then export them as CSV and as .xlsx.
//!
//! cargo bench -p meridian-app --bench exchange -- [ROWS] [DATABASE_URL]
//! Defaults: 100,000 rows into a temporary SQLite file. Prints MB/s and records/s for the
//! import, records/s for each export, and the peak resident memory (VmHWM).

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use common::*;

use meridian_app::{App, ImportOptions, TableFormat};
use meridian_domain::{Lang, RecordKind};
use meridian_store::Actor;
use std::fmt::Write as _;
use std::time::Instant;

fn generated_csv(rows: usize) -> Vec<u8> {
    let mut out = String::from("名称（中文）,Name (English),Type,Country,Founded,Acronyms\n");
    for i in 0..rows {
        let _ = writeln!(
            out,
            "机构{i},Organization {i},university,CN,{}-{:02},O{i}; P{i}",
            1900 + i % 120,
            1 + i % 12
        );
    }
    out.into_bytes()
}

async fn export(app: &App, format: TableFormat, path: &std::path::Path) -> (u64, f64) {
    let started = Instant::now();
    let file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let n = app
        .export_kind(RecordKind::Organization, format, Lang::Zh, file)
        .await
        .unwrap();
    (n, started.elapsed().as_secs_f64())
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let rows: usize = args.first().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let url = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| format!("sqlite://{}", dir.path().join("bench.db").display()));
    let app = App::new(open(&url).await);
    let csv = generated_csv(rows);
    let mb = csv.len() as f64 / 1e6;
    let options = ImportOptions {
        file_name: "generated.csv".into(),
        kind: Some(RecordKind::Organization),
        lang: Some(Lang::En),
        limits: meridian_interop::tabular::Limits {
            max_file_bytes: u64::MAX,
            ..Default::default()
        },
        ..ImportOptions::default()
    };
    let started = Instant::now();
    let report = app
        .import_file(csv, &options, &Actor::new("bench"))
        .await
        .unwrap();
    let secs = started.elapsed().as_secs_f64();
    assert!(report.written, "{:?}", report.problems.first());
    println!(
        "import:   {rows} rows, {mb:.1} MB in {secs:.1} s = {:.1} MB/s, {:.0} records/s",
        mb / secs,
        rows as f64 / secs
    );
    for (format, name) in [(TableFormat::Csv, "csv"), (TableFormat::Xlsx, "xlsx")] {
        let path = dir.path().join(format!("export.{name}"));
        let (n, secs) = export(&app, format, &path).await;
        let size = std::fs::metadata(&path).unwrap().len() as f64 / 1e6;
        println!(
            "export {name}: {n} records, {size:.1} MB in {secs:.1} s = {:.0} records/s",
            n as f64 / secs
        );
    }
    println!("peak RSS: {:.0} MiB", peak_rss_mib());
}
