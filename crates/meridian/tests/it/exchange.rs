//! `template`, `import` and `export --kind` against the real binary: a filled template
//! imports, a dry run writes nothing, a CSV export moves from SQLite to PostgreSQL and
//! back unchanged, a saved mapping reads a file with its own headers, and a bad file is
//! refused with its row and column named.

use crate::{meridian, ok};
use meridian_test_support::{Backend, TestDb};

fn path(dir: &tempfile::TempDir, name: &str) -> String {
    dir.path().join(name).to_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kind_exported_as_csv_imports_into_the_other_backend_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let lite = TestDb::new(Backend::Sqlite).await;
    ok(&lite, &["demo"]);
    let pg = TestDb::new(Backend::Postgres).await;
    for kind in ["country_group", "organization", "membership"] {
        let first = path(&dir, &format!("{kind}.csv"));
        ok(
            &lite,
            &["export", "--format", "csv", "--kind", kind, "-o", &first],
        );
        let dry = ok(&pg, &["import", &first, "--dry-run"]);
        assert!(dry.contains("(dry run): would create"), "{dry}");
        let said = ok(&pg, &["import", &first]);
        assert!(said.contains("created"), "{said}");
        let second = path(&dir, &format!("{kind}-again.csv"));
        ok(
            &pg,
            &["export", "--format", "csv", "--kind", kind, "-o", &second],
        );
        assert_eq!(
            std::fs::read(&first).unwrap(),
            std::fs::read(&second).unwrap(),
            "{kind}"
        );
    }
    let again = ok(&pg, &["import", &path(&dir, "organization.csv")]);
    assert!(again.contains("0 created, 0 updated"), "{again}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn templates_list_codes_and_a_bad_file_is_refused_naming_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(Backend::Sqlite).await;
    let xlsx = path(&dir, "org.xlsx");
    ok(
        &db,
        &[
            "template",
            "organization",
            "--format",
            "xlsx",
            "--language",
            "en",
            "-o",
            &xlsx,
        ],
    );
    let sheets = meridian_report::inspect::xlsx_cells(&std::fs::read(&xlsx).unwrap()).unwrap();
    assert_eq!(sheets.len(), 2);
    let codes = format!("{:?}", sheets[1]);
    assert!(
        codes.contains("medical_school") && codes.contains("医学院"),
        "{codes}"
    );
    let csv = path(&dir, "org.csv");
    ok(
        &db,
        &["template", "organization", "--format", "csv", "-o", &csv],
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("\u{feff}记录编号,名称（中文）"), "{text}");

    let bad = path(&dir, "bad.csv");
    std::fs::write(
        &bad,
        "Name (English),Type,Founded\nAlpha,university,2019-02-30\n",
    )
    .unwrap();
    let run = meridian(&db.url, &["import", &bad]);
    assert_ne!(run.code, 0);
    assert!(
        run.stdout.contains("row 2, column \"Founded\""),
        "{}",
        run.stdout
    );
    let run = meridian(&db.url, &["import", &bad, "--language", "zh"]);
    assert!(
        run.stdout.contains("第 2 行，“Founded”列"),
        "{}",
        run.stdout
    );
    assert!(ok(&db, &["stats"]).contains("total          0"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_saved_mapping_reads_a_file_with_its_own_headers() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(Backend::Sqlite).await;
    ok(
        &db,
        &[
            "import",
            "--save-mapping",
            "office",
            "--kind",
            "organization",
            "x.csv",
            "--map",
            "单位=name.zh",
            "--map",
            "类别=org_type",
        ],
    );
    let file = path(&dir, "ours.csv");
    std::fs::write(&file, "单位,类别\n甲大学,大学\n").unwrap();
    let said = ok(&db, &["import", &file, "--mapping", "office"]);
    assert!(said.contains("1 created"), "{said}");
}
