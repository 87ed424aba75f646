//! The CSV writer, read back with the csv crate.

use meridian_report::{write_csv, Cell, Column, ColumnKind, Table};

fn table() -> Table {
    Table {
        title: "not written".into(),
        columns: vec![
            Column::new("名称", ColumnKind::Text),
            Column::new("说明, with comma", ColumnKind::Text),
            Column::new("人数", ColumnKind::Integer),
            Column::new("完成率", ColumnKind::Percent),
        ],
        rows: vec![
            vec![
                Cell::text("卫生合作"),
                Cell::text("含\"引号\" and \"quotes\""),
                Cell::Number(1234.5),
                Cell::Percent(0.5),
            ],
            vec![
                Cell::text("多行\nsecond line"),
                Cell::link("链接文字", "https://example.org"),
                Cell::Empty,
                Cell::Number(0.855),
            ],
            vec![Cell::text("=SUM(A1)"), Cell::Number(f64::NAN)],
        ],
    }
}

#[test]
fn csv_round_trips_with_bom_quotes_commas_newlines_and_chinese() {
    let mut bytes = Vec::new();
    write_csv(&table(), &mut bytes).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "Excel needs the BOM to read UTF-8"
    );

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..]);
    let records: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    assert_eq!(
        records,
        vec![
            row(&["名称", "说明, with comma", "人数", "完成率"]),
            row(&["卫生合作", "含\"引号\" and \"quotes\"", "1234.5", "50%"]),
            row(&["多行\nsecond line", "链接文字", "", "85.5%"]),
            // Formula-like text is defused; the short row is padded to the header's width.
            row(&["'=SUM(A1)", "", "", ""]),
        ]
    );
}

#[test]
fn csv_quotes_only_what_needs_quoting_and_ends_lines_with_crlf() {
    let mut bytes = Vec::new();
    write_csv(&table(), &mut bytes).unwrap();
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let first_line = text.split("\r\n").next().unwrap();
    assert_eq!(first_line, "名称,\"说明, with comma\",人数,完成率");
}
