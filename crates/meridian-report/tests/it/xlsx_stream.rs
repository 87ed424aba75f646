//! The streaming xlsx writer: many rows in constant memory, and its limits.

use meridian_report::inspect::xlsx_cells;
use meridian_report::{write_xlsx_rows, Cell, Column, ColumnKind, ReportError};

use crate::package::part;

const ROWS: u64 = 100_000;

fn columns() -> Vec<Column> {
    vec![
        Column::new("编号 No.", ColumnKind::Integer),
        Column::new("名称", ColumnKind::Text),
        Column::new("完成率", ColumnKind::Percent),
    ]
}

/// Rows made on demand, as a database cursor would give them.
fn rows() -> impl Iterator<Item = Vec<Cell>> {
    (1..=ROWS).map(|n| {
        let name = if n % 1000 == 0 {
            Cell::link(format!("项目 {n}"), format!("https://example.org/p/{n}"))
        } else {
            Cell::text(format!("项目 {n}"))
        };
        vec![
            Cell::Number(n as f64),
            name,
            Cell::Percent(n as f64 / ROWS as f64),
        ]
    })
}

#[test]
fn a_hundred_thousand_streamed_rows_reopen_complete() {
    let mut bytes = Vec::new();
    let heading = vec!["大表 Large export".to_owned()];
    let written = write_xlsx_rows(&mut bytes, "导出/Export", &heading, &columns(), rows()).unwrap();
    assert_eq!(written, ROWS);

    let sheets = xlsx_cells(&bytes).unwrap();
    assert_eq!(sheets.len(), 1);
    let (name, cells) = &sheets[0];
    assert_eq!(name, "导出_Export");
    // Heading, blank row, header, then the rows.
    assert_eq!(cells.len() as u64, 3 + ROWS);
    assert_eq!(cells[0][0], "大表 Large export");
    assert_eq!(cells[2], ["编号 No.", "名称", "完成率"]);
    assert_eq!(cells[3], ["1", "项目 1", "0.00001"]);
    assert_eq!(cells[2 + 1000], ["1000", "项目 1000", "0.01"]);
    assert_eq!(cells.last().unwrap(), &["100000", "项目 100000", "1"]);

    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(&format!("<autoFilter ref=\"A3:C{}\"/>", 3 + ROWS)));
    assert_eq!(sheet.matches("<hyperlink ").count() as u64, ROWS / 1000);
}

#[test]
fn more_rows_than_a_worksheet_holds_is_an_error_not_a_broken_file() {
    let mut bytes = Vec::new();
    let endless = std::iter::repeat_with(Vec::new);
    let error =
        write_xlsx_rows(&mut bytes, "x", &[], &columns(), endless.take(1_048_576)).unwrap_err();
    assert!(
        matches!(error, ReportError::TooManyRows { limit: 1_048_576 }),
        "{error}"
    );
    assert!(bytes.is_empty(), "nothing is written on failure");
}

#[test]
fn the_last_row_excel_allows_still_fits() {
    let mut bytes = Vec::new();
    let rows = std::iter::repeat_with(Vec::new).take(1_048_575);
    let written = write_xlsx_rows(&mut bytes, "x", &[], &columns(), rows).unwrap();
    assert_eq!(written, 1_048_575);
}
