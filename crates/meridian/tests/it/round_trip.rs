//! export → restore into a new database on the other backend → export is byte-identical.

use crate::{meridian, ok};
use meridian_test_support::{Backend, TestDb};

fn export(db: &TestDb, path: &std::path::Path) -> Vec<u8> {
    ok(
        db,
        &["export", "--format", "json", "-o", path.to_str().unwrap()],
    );
    std::fs::read(path).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_restores_from_sqlite_to_postgres_and_back_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let lite = TestDb::new(Backend::Sqlite).await;
    ok(&lite, &["demo"]);
    // Some history and trash, so the round trip carries more than first versions.
    let first = export(&lite, &dir.path().join("first.json"));
    let archive: serde_json::Value = serde_json::from_slice(&first).unwrap();
    let contact = archive["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "contact")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    ok(&lite, &["delete", "contact", &contact]);
    let first = export(&lite, &dir.path().join("first.json"));

    let pg = TestDb::new(Backend::Postgres).await;
    let path = dir.path().join("first.json");
    ok(&pg, &["restore", path.to_str().unwrap()]);
    let second = export(&pg, &dir.path().join("second.json"));
    assert!(first == second, "SQLite → PostgreSQL changed the export");

    let lite_again = TestDb::new(Backend::Sqlite).await;
    ok(
        &lite_again,
        &["restore", dir.path().join("second.json").to_str().unwrap()],
    );
    let third = export(&lite_again, &dir.path().join("third.json"));
    assert!(first == third, "PostgreSQL → SQLite changed the export");
    assert!(
        ok(&lite_again, &["trash"]).contains(&contact),
        "the trash survives the round trip"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restore_refuses_a_database_that_is_not_empty_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(Backend::Sqlite).await;
    ok(&db, &["demo"]);
    let backup = dir.path().join("backup.json");
    let said = ok(&db, &["backup", backup.to_str().unwrap()]);
    assert!(said.starts_with("backup written to"), "{said}");
    let run = meridian(&db.url, &["restore", backup.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("restore only into an empty database, or pass --force"),
        "{}",
        run.stderr
    );
    ok(&db, &["restore", "--force", backup.to_str().unwrap()]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_archive_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let source = TestDb::new(Backend::Sqlite).await;
    ok(&source, &["demo"]);
    let good = export(&source, &dir.path().join("good.json"));
    let text = String::from_utf8(good).unwrap();

    let target = TestDb::new(Backend::Sqlite).await;
    let truncated = dir.path().join("truncated.json");
    std::fs::write(&truncated, &text.as_bytes()[..text.len() / 2]).unwrap();
    let run = meridian(&target.url, &["restore", truncated.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("not a Meridian archive"),
        "{}",
        run.stderr
    );

    // A membership dated in month 13 deep inside an otherwise good archive.
    let bad_date = dir.path().join("bad_date.json");
    let edited = text.replacen("\"joined\":\"2019-11-11\"", "\"joined\":\"2019-13-11\"", 1);
    assert_ne!(
        edited, text,
        "the demo has a membership joined on 2019-11-11"
    );
    std::fs::write(&bad_date, edited).unwrap();
    let run = meridian(&target.url, &["restore", bad_date.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("membership.joined: month 13 does not exist"),
        "{}",
        run.stderr
    );
    assert!(ok(&target, &["stats"]).ends_with("total          0\n"));
}
