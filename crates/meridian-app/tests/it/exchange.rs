//! Spreadsheet exchange: per-kind exports (CSV, .xlsx, JSON) import into an empty
//! database and export again unchanged; malformed files are refused naming row and column
//! with nothing written; re-imports update; dry runs write nothing.

use meridian_app::{App, ImportOptions, ImportReport, Severity, TableFormat};
use meridian_domain::{Lang, RecordKind};
use meridian_interop::tabular::Limits;
use meridian_report::inspect::xlsx_cells;
use meridian_store::{Actor, ListQuery};
use meridian_test_support::{both_backends, TestDb};
use std::path::Path;

/// Kinds in an order where each file's links point at records already imported.
const ORDER: [RecordKind; 15] = [
    RecordKind::CountryGroup,
    RecordKind::Organization,
    RecordKind::Membership,
    RecordKind::Partnership,
    RecordKind::Agreement,
    RecordKind::Project,
    RecordKind::Centre,
    RecordKind::Activity,
    RecordKind::Output,
    RecordKind::Indicator,
    RecordKind::Plan,
    RecordKind::News,
    RecordKind::Figure,
    RecordKind::Contact,
    RecordKind::Inquiry,
];

async fn export(app: &App, kind: RecordKind, format: TableFormat, path: &Path) -> Vec<u8> {
    let file = std::fs::File::create(path).unwrap();
    app.export_kind(kind, format, Lang::Zh, file).await.unwrap();
    std::fs::read(path).unwrap()
}

async fn import(app: &App, name: &str, bytes: Vec<u8>, dry_run: bool) -> ImportReport {
    let options = ImportOptions {
        file_name: name.into(),
        dry_run,
        lang: Some(Lang::En),
        ..ImportOptions::default()
    };
    app.import_file(bytes, &options, &Actor::new("test"))
        .await
        .unwrap()
}

fn extension(format: TableFormat) -> &'static str {
    match format {
        TableFormat::Csv => "csv",
        TableFormat::Xlsx => "xlsx",
        TableFormat::Json => "json",
    }
}

/// Demo data out, into an empty database, out again: the same files (cells for .xlsx,
/// whose zip carries a creation time).
async fn round_trip(db: TestDb, format: TableFormat) {
    let dir = tempfile::tempdir().unwrap();
    let first = App::new(db.open().await);
    first.load_demo().await.unwrap();
    let empty = TestDb::new(db.backend).await;
    let second = App::new(empty.open().await);
    for kind in ORDER {
        let name = format!("{}.{}", kind.as_str(), extension(format));
        let a = export(&first, kind, format, &dir.path().join(format!("a-{name}"))).await;
        let report = import(&second, &name, a.clone(), false).await;
        assert!(!report.refused(), "{name}: {:#?}", report.problems);
        assert_eq!(report.updated + report.unchanged, 0, "{name}");
        let b = export(&second, kind, format, &dir.path().join(format!("b-{name}"))).await;
        if format == TableFormat::Xlsx {
            assert_eq!(xlsx_cells(&a).unwrap(), xlsx_cells(&b).unwrap(), "{name}");
        } else {
            assert_eq!(
                String::from_utf8_lossy(&a),
                String::from_utf8_lossy(&b),
                "{name}"
            );
        }
    }
    assert_eq!(first.stats().await.unwrap(), second.stats().await.unwrap());
}

both_backends!(
    csv_exports_round_trip_through_an_empty_database,
    |db: TestDb| async move { round_trip(db, TableFormat::Csv).await }
);

both_backends!(
    xlsx_exports_round_trip_through_an_empty_database,
    |db: TestDb| async move { round_trip(db, TableFormat::Xlsx).await }
);

both_backends!(
    json_exports_round_trip_through_an_empty_database,
    |db: TestDb| async move { round_trip(db, TableFormat::Json).await }
);

const ORGS: &str = "名称（中文）,Name (English),Type,Founded\n\
    甲大学,Alpha University,university,1990\n\
    乙医院,Beta Hospital,医院,2001-05\n";

async fn count(app: &App, kind: RecordKind) -> u64 {
    app.store()
        .list(&ListQuery::kind(kind))
        .await
        .unwrap()
        .total
}

both_backends!(
    a_reimport_updates_and_a_dry_run_writes_nothing,
    |db: TestDb| async move {
        let app = App::new(db.open().await);
        let dry = import(&app, "orgs.csv", ORGS.as_bytes().to_vec(), true).await;
        assert_eq!((dry.created, dry.written), (2, false), "{:?}", dry.problems);
        assert_eq!(count(&app, RecordKind::Organization).await, 0);
        let first = import(&app, "orgs.csv", ORGS.as_bytes().to_vec(), false).await;
        assert_eq!(
            (first.created, first.written),
            (2, true),
            "{:?}",
            first.problems
        );
        let changed = ORGS.replace("1990", "1991");
        let again = import(&app, "orgs.csv", changed.into_bytes(), false).await;
        assert_eq!((again.created, again.updated, again.unchanged), (0, 1, 1));
        assert_eq!(count(&app, RecordKind::Organization).await, 2);
        let page = app
            .store()
            .list(&ListQuery::kind(RecordKind::Organization))
            .await
            .unwrap();
        let history = app.store().history(page.items[0].id).await.unwrap();
        assert_eq!(
            history[0].comment.as_deref(),
            Some("imported from orgs.csv")
        );
        assert_eq!(page.items[0].approval, meridian_domain::Approval::Draft);
    }
);

fn problem_at(report: &ImportReport, row: Option<usize>, column: &str, code: &str) {
    assert!(
        report.problems.iter().any(|p| p.row == row
            && p.column.as_deref() == Some(column)
            && p.code == code
            && p.severity != Severity::Warning),
        "no {code} at row {row:?}, column {column}: {:#?}",
        report.problems
    );
    assert!(report.refused() && !report.written);
}

both_backends!(
    malformed_files_are_refused_naming_row_and_column,
    |db: TestDb| async move {
        let app = App::new(db.open().await);
        let bad_date = ORGS.replace("2001-05", "2001-13");
        let report = import(&app, "dates.csv", bad_date.into_bytes(), false).await;
        problem_at(&report, Some(3), "Founded", "month_out_of_range");
        let bad_code = ORGS.replace("university", "castle");
        let report = import(&app, "codes.csv", bad_code.into_bytes(), false).await;
        problem_at(&report, Some(2), "Type", "unknown_code");
        let no_type = "名称（中文）,Founded\n甲大学,1990\n";
        let mut options = ImportOptions {
            file_name: "missing.csv".into(),
            kind: Some(RecordKind::Organization),
            lang: Some(Lang::En),
            ..ImportOptions::default()
        };
        let report = app
            .import_file(no_type.as_bytes().to_vec(), &options, &Actor::new("t"))
            .await
            .unwrap();
        problem_at(&report, Some(1), "Type", "missing_column");
        // "名称" in GBK.
        let gbk = vec![0xC3, 0xFB, 0xB3, 0xC6, b'\n', b'x', b'\n'];
        let report = import(&app, "gbk.csv", gbk, false).await;
        assert_eq!(report.problems[0].code, "not_utf8");
        assert!(report.problems[0].message.contains("gbk.csv"));
        options.file_name = "big.csv".into();
        options.limits = Limits {
            max_file_bytes: 10,
            ..Limits::default()
        };
        let report = app
            .import_file(ORGS.as_bytes().to_vec(), &options, &Actor::new("t"))
            .await
            .unwrap();
        assert_eq!(report.problems[0].code, "file_too_large");
        assert_eq!(count(&app, RecordKind::Organization).await, 0);
    }
);

/// A zip whose one entry declares far more than it holds compressed.
fn zip_bomb() -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..20 {
        zip.write_all(&zeros).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

both_backends!(
    a_zip_bomb_is_refused_before_unpacking,
    |db: TestDb| async move {
        let app = App::new(db.open().await);
        let options = ImportOptions {
            file_name: "bomb.xlsx".into(),
            lang: Some(Lang::Zh),
            limits: Limits {
                max_unpacked_bytes: 10 * 1024 * 1024,
                ..Limits::default()
            },
            ..ImportOptions::default()
        };
        let report = app
            .import_file(zip_bomb(), &options, &Actor::new("t"))
            .await
            .unwrap();
        assert_eq!(report.problems[0].code, "zip_bomb", "{:?}", report.problems);
        assert!(report.problems[0].message.contains("bomb.xlsx"));
    }
);

both_backends!(
    a_write_failing_half_way_leaves_the_database_unchanged,
    |db: TestDb| async move {
        let app = App::new(db.open().await);
        // Row 3 links to a record that does not exist: the rows before it are read and
        // planned, and the store finds the missing link inside the one transaction.
        let missing = "0192f5d4-0000-7000-8000-000000000001";
        let file = format!(
            "名称（中文）,Name (English),Type,Part of\n\
         甲大学,Alpha University,university,\n\
         乙医院,Beta Hospital,hospital,\n\
         丙医院,Gamma Hospital,hospital,{missing}\n"
        );
        let report = import(&app, "parents.csv", file.into_bytes(), false).await;
        assert!(
            report.refused() && !report.written,
            "{:#?}",
            report.problems
        );
        assert!(
            report
                .problems
                .iter()
                .any(|p| p.code == "missing_record" && p.row == Some(4)),
            "{:#?}",
            report.problems
        );
        assert_eq!(count(&app, RecordKind::Organization).await, 0);
    }
);
