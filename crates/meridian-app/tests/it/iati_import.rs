//! IATI import: every file of the shared corpus (../shared/data/iati-activities, all
//! folders) imports or is refused with a reason; counts match the files; a file that is
//! not well-formed (as xmllint judges it) writes nothing; export → import into an empty
//! database → export gives the same activities, and importing again changes nothing.

use super::iati::{assert_valid, export, shared};
use meridian_app::{App, AppError};
use meridian_domain::RecordKind;
use meridian_store::Actor;
use meridian_test_support::{both_backends, Backend, TestDb};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn well_formed(path: &Path) -> bool {
    Command::new("xmllint")
        .arg("--noout")
        .arg(path)
        .output()
        .expect("xmllint (libxml2-utils) is installed")
        .status
        .success()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_corpus_file_imports_or_is_refused_with_a_reason() {
    let db = TestDb::new(Backend::Sqlite).await;
    let app = App::new(db.open().await);
    let actor = Actor::new("test");
    let mut all = Vec::new();
    files(&shared("iati-activities"), &mut all);
    all.sort();
    assert!(
        all.len() > 100,
        "the corpus is at {}",
        shared("iati-activities").display()
    );
    let (mut imported, mut refused, mut created) = (0, 0, 0);
    for path in &all {
        let bytes = std::fs::read(path).unwrap();
        let before = app.store().record_total().await.unwrap();
        let name = path.display().to_string();
        match app.import_iati(&bytes[..], &name, &actor, false).await {
            Ok(report) => {
                imported += 1;
                assert!(
                    well_formed(path),
                    "{name} is not well-formed XML, yet was imported"
                );
                assert_eq!(
                    report.activities,
                    meridian_test_support::count_iati_activities(&bytes),
                    "{name}: activities counted"
                );
                let accounted =
                    report.created + report.updated + report.unchanged + report.skipped.len();
                assert_eq!(
                    accounted, report.activities,
                    "{name}: every activity accounted for"
                );
                for s in &report.skipped {
                    assert!(
                        !s.problems.errors.is_empty(),
                        "{name}: skipped #{} has a reason",
                        s.position
                    );
                }
                created += report.created;
            }
            Err(AppError::Invalid { record, problems }) => {
                refused += 1;
                assert!(
                    record.contains(&name) && !problems.errors.is_empty(),
                    "{name}: {problems}"
                );
                let after = app.store().record_total().await.unwrap();
                assert_eq!(before, after, "{name} was refused and wrote nothing");
            }
            Err(e) => panic!("{name}: unexpected error {e}"),
        }
        if !well_formed(path) {
            let after = app.store().record_total().await.unwrap();
            assert_eq!(before, after, "{name} is not well-formed: nothing written");
        }
    }
    assert!(
        imported > 100 && refused >= 6,
        "imported {imported}, refused {refused}"
    );
    assert!(
        created > 3000,
        "the corpus gives thousands of projects, got {created}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_known_activity_comes_in_with_its_facts_and_a_second_import_changes_nothing() {
    let db = TestDb::new(Backend::Sqlite).await;
    let app = App::new(db.open().await);
    let actor = Actor::new("test");
    let path = shared("iati-activities/legacy-1.0x/iati-datastore-fixture__CD.xml");
    let bytes = std::fs::read(&path).unwrap();
    let first = app
        .import_iati(&bytes[..], "CD.xml", &actor, false)
        .await
        .unwrap();
    assert_eq!(first.version.as_deref(), Some("1.01"));
    assert!(first.created > 100, "{first:?}");
    let wb = shared("iati-activities/legacy-1.0x/iati-schemas-testdata__worldbank.xml");
    let wb = app
        .import_iati(
            &std::fs::read(wb).unwrap()[..],
            "worldbank.xml",
            &actor,
            true,
        )
        .await
        .unwrap();
    let blank = |s: &&meridian_app::SkippedActivity| {
        s.problems
            .errors
            .iter()
            .any(|e| e.reason.code() == "unknown_country")
    };
    assert!(
        wb.skipped.iter().any(|s| blank(&s)),
        "blank recipient-country codes are reported: {wb:?}"
    );
    let projects = app
        .store()
        .list(&meridian_store::ListQuery {
            kind: Some(meridian_domain::RecordKind::Project),
            ..Default::default()
        })
        .await
        .unwrap();
    let one = projects.items.first().expect("projects were created");
    assert_eq!(one.approval, meridian_domain::Approval::Draft);
    let history = app.store().history(one.id).await.unwrap();
    assert_eq!(history[0].comment.as_deref(), Some("IATI import: CD.xml"));
    let dry = app
        .import_iati(&bytes[..], "CD.xml", &actor, true)
        .await
        .unwrap();
    assert_eq!(
        (dry.created, dry.organizations_created),
        (0, 0),
        "matched, not duplicated: {dry:?}"
    );
    let total = app.store().record_total().await.unwrap();
    let again = app
        .import_iati(&bytes[..], "CD.xml", &actor, false)
        .await
        .unwrap();
    assert_eq!((again.created, again.updated), (0, 0));
    assert_eq!(again.unchanged, first.created);
    assert_eq!(app.store().record_total().await.unwrap(), total);
}

both_backends!(
    export_import_export_gives_the_same_activities,
    |db: TestDb| async move {
        let app = App::new(db.open().await);
        app.load_demo().await.unwrap();
        let (count, first) = export(&app).await;
        let empty = TestDb::new(db.backend).await;
        let copy = App::new(empty.open().await);
        let report = copy
            .import_iati(first.as_bytes(), "demo.xml", &Actor::new("test"), false)
            .await
            .unwrap();
        assert!(report.skipped.is_empty(), "{:?}", report.skipped);
        assert_eq!(report.created as u64, count);
        let (again, second) = export(&copy).await;
        assert_eq!(again, count);
        assert_valid(&second);
        let blocks = |xml: &str| {
            let body = xml.trim_end().strip_suffix("</iati-activities>").unwrap();
            let mut b: Vec<String> = body
                .split("<iati-activity>")
                .map(|s| s.trim().to_string())
                .collect();
            let head = b.remove(0);
            b.sort();
            (head, b)
        };
        let (head1, acts1) = blocks(&first);
        let (head2, acts2) = blocks(&second);
        assert_eq!(head1, head2);
        assert_eq!(acts1.len() as u64, count);
        for (a, b) in acts1.iter().zip(&acts2) {
            assert_eq!(a, b);
        }
        let twice = copy
            .import_iati(second.as_bytes(), "demo.xml", &Actor::new("test"), false)
            .await
            .unwrap();
        assert_eq!(
            (twice.created, twice.updated, twice.unchanged),
            (0, 0, report.created)
        );
    }
);

both_backends!(
    files_imported_in_one_run_give_what_one_import_per_file_gives,
    |db: TestDb| async move {
        let mut paths = Vec::new();
        files(
            &shared("iati-activities/dportal-covid19-2021-06"),
            &mut paths,
        );
        paths.retain(|p| p.extension().is_some_and(|e| e == "xml"));
        paths.sort();
        paths.truncate(4);
        let mut read: Vec<(String, Vec<u8>)> = paths
            .iter()
            .map(|p| (p.display().to_string(), std::fs::read(p).unwrap()))
            .collect();
        // A broken file among them is refused alone.
        read.insert(
            2,
            (
                "broken.xml".into(),
                b"<iati-activities><iati-activity>".to_vec(),
            ),
        );
        let files: Vec<(&str, &[u8])> = read.iter().map(|(n, b)| (n.as_str(), &b[..])).collect();
        let actor = Actor::new("test");

        let app = App::new(db.open().await);
        let together = app
            .import_iati_files(read.clone(), &actor, false)
            .await
            .unwrap();
        let twin = TestDb::new(db.backend).await;
        let separate = App::new(twin.open().await);
        let mut each = Vec::new();
        for (name, bytes) in &files {
            each.push(separate.import_iati(*bytes, name, &actor, false).await);
        }
        let summary = |r: &Result<meridian_app::IatiImportReport, AppError>| match r {
            Ok(r) => format!(
                "{} activities: {} created, {} updated, {} unchanged, {} skipped, {} organizations",
                r.activities,
                r.created,
                r.updated,
                r.unchanged,
                r.skipped.len(),
                r.organizations_created
            ),
            Err(e) => format!("refused: {e}"),
        };
        let together: Vec<String> = together.iter().map(summary).collect();
        let each: Vec<String> = each.iter().map(summary).collect();
        assert_eq!(together, each);
        assert!(together[2].starts_with("refused"), "{together:?}");
        assert_eq!(app.stats().await.unwrap(), separate.stats().await.unwrap());

        let again = app.import_iati_files(read, &actor, false).await.unwrap();
        for report in again.iter().filter_map(|r| r.as_ref().ok()) {
            assert_eq!(
                (report.created, report.updated, report.organizations_created),
                (0, 0, 0),
                "{report:?}"
            );
        }
    }
);

/// An IATI file of activities (identifier, title), each reported by and naming one
/// organization.
fn activities_file(activities: &[(&str, &str)]) -> Vec<u8> {
    let org = r#"ref="XM-TEST-ORG" type="10"><narrative>Test Health Institute</narrative>"#;
    let mut xml = String::from(r#"<iati-activities version="2.03">"#);
    for (identifier, title) in activities {
        xml.push_str(&format!(
            "<iati-activity><iati-identifier>{identifier}</iati-identifier>\
             <reporting-org {org}</reporting-org>\
             <title><narrative>{title}</narrative></title>\
             <participating-org role=\"1\" {org}</participating-org>\
             <activity-status code=\"2\"/></iati-activity>"
        ));
    }
    xml.push_str("</iati-activities>");
    xml.into_bytes()
}

both_backends!(
    a_file_the_store_refuses_takes_back_what_the_next_file_was_matched_against,
    |db: TestDb| async move {
        let app = App::new(db.open().await);
        // The database itself refuses a record whose content carries a marker: a refusal
        // the import's own checks cannot foresee.
        db.refuse_records_containing("REFUSE-ME").await;
        // The second file is matched while the first is being written, against what the
        // first would store: its organization, and its activity as a project to update.
        let files = vec![
            (
                "first.xml".to_string(),
                activities_file(&[("XM-TEST-A1", "REFUSE-ME water supply")]),
            ),
            (
                "second.xml".to_string(),
                activities_file(&[
                    ("XM-TEST-B1", "Rural clinic"),
                    ("XM-TEST-A1", "Water supply"),
                ]),
            ),
        ];
        let reports = app
            .import_iati_files(files, &Actor::new("test"), false)
            .await
            .unwrap();
        assert!(
            matches!(&reports[0], Err(e) if e.to_string().contains("refused by the test database")),
            "{:?}",
            reports[0]
        );
        let second = reports[1].as_ref().expect("the second file is stored");
        assert_eq!(
            (second.created, second.updated, second.organizations_created),
            (2, 0, 1),
            "{second:?}"
        );
        let stats = app.stats().await.unwrap();
        assert_eq!(
            (
                stats[&RecordKind::Project],
                stats[&RecordKind::Organization]
            ),
            (2, 1)
        );
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_over_100_mb_is_refused_unread_in_both_languages() {
    let db = TestDb::new(Backend::Sqlite).await;
    let app = App::new(db.open().await);
    let actor = Actor::new("test");
    let limit = 100 * 1024 * 1024;
    // A stream that would go on well past the limit: refused once the limit is passed.
    let huge = std::io::repeat(b' ').take(limit + 4096);
    let refused = app
        .import_iati(huge, "huge.xml", &actor, false)
        .await
        .unwrap_err();
    let en = refused.describe(meridian_domain::Lang::En).join(" ");
    let zh = refused.describe(meridian_domain::Lang::Zh).join(" ");
    assert!(
        en.contains("huge.xml") && en.contains(&limit.to_string()),
        "{en}"
    );
    assert!(zh.contains("超过上限"), "{zh}");
    // The same through a run of files: that file alone is refused.
    let small = b"<iati-activities version=\"2.03\"></iati-activities>".to_vec();
    let big = vec![b' '; limit as usize + 1];
    let files = vec![
        ("small.xml".to_string(), small),
        ("big.xml".to_string(), big),
    ];
    let reports = app.import_iati_files(files, &actor, false).await.unwrap();
    assert!(reports[0].is_ok(), "{:?}", reports[0]);
    let big_refused = reports[1].as_ref().unwrap_err().to_string();
    assert!(big_refused.contains("big.xml"), "{big_refused}");
    assert_eq!(app.store().record_total().await.unwrap(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_given_by_path_are_read_on_the_way_and_a_missing_or_huge_one_is_refused_alone() {
    let db = TestDb::new(Backend::Sqlite).await;
    let app = App::new(db.open().await);
    let actor = Actor::new("test");
    let dir = tempfile::tempdir().unwrap();
    // Over the limit by its size on disk (a sparse file): refused before it is read.
    let huge = dir.path().join("huge.xml");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(100 * 1024 * 1024 + 1)
        .unwrap();
    let real = shared("iati-activities/legacy-1.0x/iati-datastore-fixture__single_activity.xml");
    let files = vec![
        ("missing.xml".to_string(), dir.path().join("missing.xml")),
        ("huge.xml".to_string(), huge),
        ("single.xml".to_string(), real.clone()),
    ];
    let reports = app.import_iati_files(files, &actor, false).await.unwrap();
    let refusal = |i: usize| match &reports[i] {
        Err(e) => (
            e.to_string(),
            e.describe(meridian_domain::Lang::Zh).join(" "),
        ),
        Ok(r) => panic!("file {i} was imported: {r:?}"),
    };
    let (en, zh) = refusal(0);
    assert!(
        en.contains("missing.xml") && en.contains("could not be read"),
        "{en}"
    );
    assert!(zh.contains("无法读取文件"), "{zh}");
    let (en, zh) = refusal(1);
    assert!(en.contains("huge.xml") && en.contains("104857600"), "{en}");
    assert!(zh.contains("超过上限"), "{zh}");
    let single = reports[2].as_ref().expect("the readable file is imported");
    assert_eq!(
        single.activities,
        meridian_test_support::count_iati_activities(&std::fs::read(real).unwrap())
    );
    assert_eq!(single.created, single.activities - single.skipped.len());
}
