//! Benchmark: insert N generated records through the application (validation, link checks,
//! history) into SQLite or PostgreSQL, then export the whole database as an archive.
//!
//! cargo bench -p meridian-app --bench insert_export -- [RECORDS] [DATABASE_URL]
//! Defaults: 1,000,000 records into a temporary SQLite file. Prints records/s for each
//! phase and the process's peak resident memory (VmHWM).

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use common::*;

use meridian_app::App;
use meridian_domain::{Approval, RecordBody, RecordId, RecordKind};
use meridian_store::{Actor, NewRecord};
use serde_json::json;
use std::time::Instant;

const BATCH: usize = 10_000;

/// Record `i` of the generated mix: one organization in five, then memberships and
/// activities linking to earlier organizations.
fn generated(i: usize, orgs: &[RecordId]) -> (RecordId, RecordBody) {
    let id = RecordId::new();
    let (kind, data) = match i % 5 {
        0 => (
            RecordKind::Organization,
            json!({
            "name": {"zh": format!("机构{i}"), "en": format!("Organization {i}")},
            "org_type": "university", "country": "CN", "acronyms": [format!("O{i}")],
            "introduction": {"en": "A generated organization used for benchmarking."}}),
        ),
        1 | 2 => (
            RecordKind::Membership,
            json!({
            "member": orgs[i % orgs.len()].to_string(), "organization": orgs[(i + 1) % orgs.len()].to_string(),
            "joined": format!("{}-{:02}", 2000 + i % 25, 1 + i % 12), "role": "member", "status": "active"}),
        ),
        _ => (
            RecordKind::Activity,
            json!({
            "title": {"zh": format!("活动{i}"), "en": format!("Lecture abroad {i}")}, "kind": "lecture_abroad",
            "period": {"start": format!("{}", 2000 + i % 25)}, "countries": ["US", "DE"],
            "organizations": [{"organization": orgs[i % orgs.len()].to_string(), "role": "host"}],
            "counts": [{"measure": "lectures", "value": {"value": (i % 500) as f64, "qualifier": "more_than"}}]}),
        ),
    };
    (
        id,
        RecordBody::from_data(kind, data).expect("generated record"),
    )
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let total: usize = args
        .first()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let url = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| format!("sqlite://{}", dir.path().join("bench.db").display()));
    let app = App::new(open(&url).await);
    let actor = Actor::new("bench");

    let started = Instant::now();
    let mut orgs: Vec<RecordId> = Vec::new();
    let mut done = 0;
    while done < total {
        let n = BATCH.min(total - done);
        let mut batch = Vec::with_capacity(n);
        for i in done..done + n {
            // Memberships link two different organizations, so start with two.
            let (id, body) = if orgs.len() < 2 || i % 5 == 0 {
                let (id, body) = generated(i - i % 5, &[RecordId::new()]);
                orgs.push(id);
                (id, body)
            } else {
                generated(i, &orgs)
            };
            batch.push(NewRecord {
                id: Some(id),
                body,
                approval: Approval::Approved,
                unit: None,
            });
        }
        app.create_many(batch, &actor).await.expect("insert batch");
        done += n;
    }
    let insert_secs = started.elapsed().as_secs_f64();

    let path = dir.path().join("export.json");
    let started = Instant::now();
    let exported = app
        .export_archive(std::io::BufWriter::new(
            std::fs::File::create(&path).unwrap(),
        ))
        .await
        .unwrap();
    let export_secs = started.elapsed().as_secs_f64();
    let bytes = std::fs::metadata(&path).unwrap().len();

    println!(
        "backend:  {}",
        if url.starts_with("postgres") {
            "postgresql"
        } else {
            "sqlite"
        }
    );
    println!(
        "insert:   {total} records in {insert_secs:.1} s = {:.0} records/s",
        total as f64 / insert_secs
    );
    println!("export:   {exported} records ({:.0} MiB with history) in {export_secs:.1} s = {:.0} records/s", bytes as f64 / 1048576.0, exported as f64 / export_secs);
    println!("peak RSS: {:.0} MiB", peak_rss_mib());
}
