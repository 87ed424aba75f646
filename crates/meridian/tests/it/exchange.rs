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

/// The counts of one file's English IATI report line: activities, created, organizations
/// created.
fn iati_counts(out: &str, file: &str) -> (usize, usize, usize) {
    let line = out
        .lines()
        .find(|l| l.starts_with(&format!("{file} (IATI")))
        .unwrap_or_else(|| panic!("no report for {file}: {out}"));
    let number = |word: &str| -> usize {
        let before = &line[..line.find(word).unwrap_or_else(|| panic!("{word}: {line}"))];
        let digits = before.trim_end().rsplit(' ').next().unwrap();
        digits.parse().unwrap_or_else(|_| panic!("{word}: {line}"))
    };
    (
        number(" activities:"),
        number(" created,"),
        number(" organizations created"),
    )
}

/// The live records of a kind, as `stats` prints them.
fn stat(db: &TestDb, kind: &str) -> usize {
    let stats = ok(db, &["stats"]);
    let line = stats
        .lines()
        .find(|l| l.split_whitespace().next() == Some(kind))
        .unwrap_or_else(|| panic!("no {kind} in {stats}"));
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_iati_files_import_together_and_a_refused_one_fails_the_command_after_the_rest() {
    let shared =
        |path: &str| meridian_test_support::shared_data(&format!("iati-activities/{path}"));
    let files = [
        shared("validator-test-files/multi-activity-one-with-errors.xml"),
        shared("ocha-fixtures/foodsecurity-dportal-fixture.xml"),
    ];
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let paths: Vec<&str> = files.iter().map(|f| f.to_str().unwrap()).collect();
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let db = TestDb::new(backend).await;
        let dry = ok(&db, &["import", paths[0], paths[1], "--dry-run"]);
        assert!(dry.contains("(dry run: nothing written)"), "{dry}");
        assert_eq!(stat(&db, "total"), 0, "a dry run writes nothing");

        let done = ok(&db, &["import", paths[0], paths[1]]);
        let (mut projects, mut organizations) = (0, 0);
        for (file, name) in files.iter().zip(&names) {
            let (activities, created, orgs) = iati_counts(&done, name);
            assert_eq!(
                activities,
                meridian_test_support::count_iati_activities(&std::fs::read(file).unwrap()),
                "{name}: {done}"
            );
            assert_eq!(iati_counts(&dry, name), (activities, created, orgs));
            projects += created;
            organizations += orgs;
        }
        assert!(projects > 0, "{done}");
        assert!(
            done.contains("新建机构"),
            "the report is in Chinese too: {done}"
        );
        assert_eq!(stat(&db, "project"), projects, "{done}");
        assert_eq!(stat(&db, "organization"), organizations, "{done}");

        // A broken file is refused whole; the files beside it, IATI or CSV, are still
        // imported and reported, and then the command fails naming it.
        let dir = tempfile::tempdir().unwrap();
        let csv = path(&dir, "partners.csv");
        std::fs::write(
            &csv,
            "名称（中文）,Name (English),Type\n甲大学,Alpha CLI University,university\n",
        )
        .unwrap();
        let single = shared("legacy-1.0x/iati-datastore-fixture__single_activity.xml");
        let broken = shared("legacy-1.0x/iati-datastore-fixture__broken.xml");
        let run = meridian(
            &db.url,
            &[
                "import",
                broken.to_str().unwrap(),
                single.to_str().unwrap(),
                &csv,
            ],
        );
        assert_ne!(run.code, 0, "{}", run.stdout);
        assert!(
            run.stderr.contains("1 of 3 files refused")
                && run.stderr.contains("iati-datastore-fixture__broken.xml"),
            "{}",
            run.stderr
        );
        assert!(
            run.stdout.contains("refused, nothing was written")
                && run.stdout.contains("not well-formed XML"),
            "{}",
            run.stdout
        );
        let (_, created, orgs) =
            iati_counts(&run.stdout, "iati-datastore-fixture__single_activity.xml");
        assert!(
            run.stdout.contains("partners.csv: 1 created"),
            "{}",
            run.stdout
        );
        assert_eq!(stat(&db, "project"), projects + created);
        assert_eq!(stat(&db, "organization"), organizations + orgs + 1);
    }
}
