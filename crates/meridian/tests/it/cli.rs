//! The commands a person runs: demo, stats, history, trash, undelete, and their errors.

use crate::{meridian, ok};
use meridian_test_support::{both_backends, Backend, TestDb};

fn stats(db: &TestDb) -> String {
    ok(db, &["stats"])
}

both_backends!(demo_twice_gives_the_same_stats, |db: TestDb| async move {
    let first = ok(&db, &["demo"]);
    assert!(first.contains("records created"), "{first}");
    let after_first = stats(&db);
    let second = ok(&db, &["demo"]);
    assert!(
        second.starts_with("demo data: 0 records created"),
        "{second}"
    );
    assert_eq!(stats(&db), after_first);
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_gives_the_same_counts_on_sqlite_and_postgres() {
    let lite = TestDb::new(Backend::Sqlite).await;
    let pg = TestDb::new(Backend::Postgres).await;
    ok(&lite, &["demo"]);
    ok(&pg, &["demo"]);
    let counts = stats(&lite);
    assert_eq!(counts, stats(&pg));
    let total: u64 = counts
        .lines()
        .last()
        .unwrap()
        .split_whitespace()
        .last()
        .unwrap()
        .parse()
        .unwrap();
    assert!(total > 200, "the demo holds the seeds' facts: {counts}");
}

/// Id of the first organization listed in a JSON export whose English name is `name`.
fn organization_id(db: &TestDb, name: &str) -> String {
    let export: serde_json::Value =
        serde_json::from_str(&ok(db, &["export", "--format", "json"])).unwrap();
    export["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "organization" && r["data"]["name"]["en"] == name)
        .unwrap_or_else(|| panic!("{name} is in the demo"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

both_backends!(
    a_deleted_record_waits_in_the_trash_and_comes_back,
    |db: TestDb| async move {
        ok(&db, &["demo"]);
        let id = organization_id(&db, "Nanjing Medical University");
        let refused = meridian(&db.url, &["delete", "organization", &id]);
        assert_eq!(refused.code, 1);
        assert!(
            refused.stderr.contains("is still linked from membership"),
            "{}",
            refused.stderr
        );

        let before = stats(&db);
        let contact = {
            let export: serde_json::Value =
                serde_json::from_str(&ok(&db, &["export", "--format", "json"])).unwrap();
            export["records"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["kind"] == "contact")
                .unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        };
        ok(&db, &["delete", "contact", &contact]);
        assert_ne!(stats(&db), before);
        let trash = ok(&db, &["trash"]);
        assert!(
            trash.contains(&contact) && trash.contains("Office of Cooperation and Development"),
            "{trash}"
        );
        ok(&db, &["undelete", &contact]);
        assert_eq!(stats(&db), before);
        assert!(ok(&db, &["trash"]).trim().is_empty());
        let history = ok(&db, &["history", "contact", &contact]);
        let actions: Vec<&str> = history
            .lines()
            .map(|l| l.split_whitespace().nth(1).unwrap())
            .collect();
        assert_eq!(actions, vec!["create", "delete", "undelete"], "{history}");
        assert!(
            history.lines().nth(1).unwrap().contains("moved to trash"),
            "{history}"
        );
    }
);

both_backends!(
    an_earlier_version_can_be_restored_from_the_cli,
    |db: TestDb| async move {
        ok(&db, &["demo"]);
        let id = organization_id(&db, "Nanjing Medical University");
        let shown: serde_json::Value =
            serde_json::from_str(&ok(&db, &["show", "organization", &id])).unwrap();
        assert_eq!(shown["version"], 1);
        let reverted = ok(&db, &["revert", "organization", &id, "1"]);
        assert!(reverted.contains("now at version 2"), "{reverted}");
        let history = ok(&db, &["history", "organization", &id]);
        assert!(
            history
                .lines()
                .nth(1)
                .unwrap()
                .contains("restored version 1"),
            "{history}"
        );
    }
);

#[test]
fn mistakes_get_messages_a_person_can_act_on() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("m.db").display());
    let run = meridian(&url, &["history", "organisation", "x"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "unknown record kind \"organisation\"; kinds are: country_group, organization"
        ),
        "{}",
        run.stderr
    );
    let run = meridian(&url, &["history", "organization", "not-an-id"]);
    assert!(
        run.stderr.contains("\"not-an-id\" is not a record id"),
        "{}",
        run.stderr
    );
    let run = meridian(
        &url,
        &[
            "history",
            "organization",
            "0192f5d4-0000-7000-8000-000000000000",
        ],
    );
    assert!(
        run.stderr
            .contains("record 0192f5d4-0000-7000-8000-000000000000 does not exist"),
        "{}",
        run.stderr
    );
    let run = meridian("mysql://localhost/x", &["stats"]);
    assert!(
        run.stderr.contains(
            "unsupported database URL mysql://localhost/x: use sqlite://FILE or postgres://"
        ),
        "{}",
        run.stderr
    );
    let run = meridian("postgres://nobody:secret@127.0.0.1:1/x", &["stats"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("cannot open the PostgreSQL database postgres://nobody:***@127.0.0.1:1/x"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("secret"));
}

both_backends!(
    report_progress_writes_files_that_open_again,
    |db: TestDb| async move {
        ok(&db, &["demo"]);
        let dir = tempfile::tempdir().unwrap();
        let xlsx = dir.path().join("progress.xlsx");
        let said = ok(
            &db,
            &[
                "report",
                "progress",
                "--format",
                "xlsx",
                "--language",
                "en",
                "-o",
                xlsx.to_str().unwrap(),
            ],
        );
        assert!(said.starts_with("wrote "), "{said}");
        let sheets = meridian_report::inspect::xlsx_cells(&std::fs::read(&xlsx).unwrap()).unwrap();
        assert_eq!(sheets[0].0, "Overview");
        let overview = &sheets[0].1;
        let row = overview
            .iter()
            .find(|r| {
                r.first().map(String::as_str)
                    == Some("Build a batch of national TCM service export bases")
                    || r.first().map(String::as_str) == Some("National TCM service export bases")
            })
            .unwrap_or_else(|| panic!("{overview:?}"));
        assert!(row.contains(&"17".to_string()), "baseline 17: {row:?}");
        assert!(row.contains(&"No numeric target".to_string()), "{row:?}");

        let docx = dir.path().join("progress.docx");
        ok(
            &db,
            &[
                "report",
                "progress",
                "--format",
                "docx",
                "-o",
                docx.to_str().unwrap(),
            ],
        );
        let text = meridian_report::inspect::docx_text(&std::fs::read(&docx).unwrap()).unwrap();
        assert!(text.contains("国中医药国际发〔2021〕6号"), "{text}");
        assert!(
            text.contains("建设一批国家中医药服务出口基地"),
            "the target as worded"
        );

        let pdf = dir.path().join("progress.pdf");
        ok(
            &db,
            &[
                "report",
                "progress",
                "--format",
                "pdf",
                "--language",
                "en",
                "-o",
                pdf.to_str().unwrap(),
            ],
        );
        let text = meridian_report::inspect::pdf_text(&std::fs::read(&pdf).unwrap()).unwrap();
        // Cells wrap inside their columns; the sentences after each table do not.
        assert!(text.contains("国中医药国际发〔2021〕6号"), "{text}");
        assert!(text.contains("Reporting completeness"), "{text}");
        let flowing = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flowing.contains("Publish 30 international TCM standards; target period 2021–2025; baseline 64 standards (2016–2020)."),
            "{text}"
        );

        let json = dir.path().join("progress.json");
        ok(
            &db,
            &[
                "report",
                "progress",
                "--format",
                "json",
                "-o",
                json.to_str().unwrap(),
            ],
        );
        let value: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
        assert_eq!(value["indicators"].as_array().unwrap().len(), 9);
    }
);

both_backends!(
    the_portal_exports_as_static_files,
    |db: TestDb| async move {
        ok(&db, &["demo"]);
        let dir = tempfile::tempdir().unwrap();
        let said = ok(&db, &["portal", "export", dir.path().to_str().unwrap()]);
        assert!(said.starts_with("portal exported to"), "{said}");
        let read = |p: &str| {
            std::fs::read_to_string(dir.path().join(p)).unwrap_or_else(|e| panic!("{p}: {e}"))
        };
        let nmu = meridian_domain::RecordId::named("org:nmu");
        let page = read(&format!("portal/en/institutions/{nmu}/index.html"));
        assert!(page.contains("Nov 11, 2019, Founding Member"), "NMU's page");
        assert!(read("portal/zh/index.html").contains("南京医科大学"));
        assert!(read("portal/en/partners.csv").contains("Johns Hopkins University"));
        assert!(
            read(&format!("portal/en/institutions/{nmu}/organizations.csv"))
                .contains("Nov 11, 2019")
        );
        assert!(read("portal/sitemap.xml").contains("/portal/zh/plan"));
        assert!(
            dir.path().join("static/vendor/echarts.min.js").exists(),
            "assets included"
        );
        assert!(dir.path().join("static/app.css").exists());
    }
);
