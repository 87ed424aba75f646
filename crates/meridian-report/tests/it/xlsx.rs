//! The in-memory xlsx writer, checked through calamine and the sheet XML.

use std::collections::HashMap;

use meridian_report::inspect::xlsx_cells;
use meridian_report::{write_xlsx, Cell, Column, ColumnKind, Sheet, Table, Workbook};
use quick_xml::events::Event;
use quick_xml::Reader;

use crate::package::{assert_well_formed, part, part_names};

fn progress_table() -> Table {
    Table {
        title: "项目一览 Projects".into(),
        columns: vec![
            Column::new("名称 Name", ColumnKind::Text),
            Column::new("人数", ColumnKind::Integer),
            Column::new("金额 USD", ColumnKind::Number),
            Column::new("完成率", ColumnKind::Percent),
            Column::new("日期", ColumnKind::Date),
            Column::new("链接", ColumnKind::Text),
        ],
        rows: vec![
            vec![
                Cell::text("疟疾防控 Malaria control"),
                Cell::Number(1234.0),
                Cell::Number(5678.25),
                Cell::Percent(0.855),
                Cell::text("2024-05"),
                Cell::link("详情", "https://example.org/p/1?a=1&b=2"),
            ],
            vec![
                Cell::text("空值 Empty"),
                Cell::Empty,
                Cell::Number(12.0),
                Cell::Number(0.5),
                // A number in a Date column: shown as is, not "2,024".
                Cell::Number(2024.0),
                Cell::Empty,
            ],
            vec![
                Cell::text("=not a formula"),
                Cell::Number(3.0),
                Cell::Number(-1.5),
                Cell::Percent(1.0),
                Cell::text("2024-06-01"),
                // Excel cannot link a relative URL: the text is kept, without a link.
                Cell::link("相对链接", "/zh/records/1"),
            ],
        ],
    }
}

fn workbook() -> Workbook {
    Workbook {
        sheets: vec![
            Sheet {
                name: "项目进展 2024".into(),
                heading: vec![
                    "中非卫生合作计划 China–Africa Health Plan".into(),
                    "文号：卫合〔2024〕12号".into(),
                    "截至 2024-06-30".into(),
                ],
                table: progress_table(),
            },
            Sheet {
                name: "Plan/Q1: [draft]?".into(),
                heading: vec![],
                table: Table {
                    title: String::new(),
                    columns: vec![Column::new("a", ColumnKind::Integer)],
                    rows: vec![vec![Cell::Number(1.0)]],
                },
            },
            Sheet {
                name: "项目进展 2024".into(),
                ..Sheet::default()
            },
        ],
    }
}

#[test]
fn a_workbook_reopens_with_exact_values_and_valid_unique_sheet_names() {
    let bytes = write_xlsx(&workbook()).unwrap();
    let sheets = xlsx_cells(&bytes).unwrap();
    let names: Vec<_> = sheets.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        ["项目进展 2024", "Plan_Q1_ _draft__", "项目进展 2024 (2)"]
    );

    let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    let blank = row(&["", "", "", "", "", ""]);
    let heading = |text: &str| {
        let mut line = blank.clone();
        line[0] = text.to_owned();
        line
    };
    let expected = vec![
        heading("中非卫生合作计划 China–Africa Health Plan"),
        heading("文号：卫合〔2024〕12号"),
        heading("截至 2024-06-30"),
        heading("项目一览 Projects"),
        blank.clone(),
        row(&["名称 Name", "人数", "金额 USD", "完成率", "日期", "链接"]),
        row(&[
            "疟疾防控 Malaria control",
            "1234",
            "5678.25",
            "0.855",
            "2024-05",
            "详情",
        ]),
        row(&["空值 Empty", "", "12", "0.5", "2024", ""]),
        row(&["=not a formula", "3", "-1.5", "1", "2024-06-01", "相对链接"]),
    ];
    assert_eq!(sheets[0].1, expected);
    assert_eq!(sheets[1].1, vec![row(&["a"]), row(&["1"])]);
    // A sheet with nothing in it still exists.
    assert!(sheets[2].1.is_empty());
}

#[test]
fn every_part_of_the_workbook_is_well_formed_xml() {
    let bytes = write_xlsx(&workbook()).unwrap();
    for name in part_names(&bytes) {
        assert_well_formed(&name, &part(&bytes, &name));
    }
}

#[test]
fn the_header_is_frozen_and_filtered_and_only_absolute_links_are_hyperlinks() {
    let bytes = write_xlsx(&workbook()).unwrap();
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    // Header on row 6 (three heading lines, the title, a blank row): rows from 7 scroll.
    assert!(sheet.contains("topLeftCell=\"A7\""), "{sheet}");
    assert!(sheet.contains("state=\"frozen\""));
    assert!(sheet.contains("<autoFilter ref=\"A6:F9\"/>"), "{sheet}");
    assert_eq!(sheet.matches("<hyperlink ").count(), 1, "{sheet}");
    assert!(sheet.contains("<hyperlink ref=\"F7\""));
    let rels = part(&bytes, "xl/worksheets/_rels/sheet1.xml.rels");
    assert!(
        rels.contains("Target=\"https://example.org/p/1?a=1&amp;b=2\""),
        "{rels}"
    );
}

#[test]
fn numbers_carry_the_format_of_their_column_kind() {
    let bytes = write_xlsx(&workbook()).unwrap();
    let formats = cell_formats(&bytes, "xl/worksheets/sheet1.xml");
    assert_eq!(formats["B7"], "#,##0");
    assert_eq!(formats["C7"], "#,##0.##");
    // A whole number in a Number column: "#,##0.##" would show "12." in Excel.
    assert_eq!(formats["C8"], "#,##0");
    assert_eq!(formats["D7"], "0.0%");
    assert_eq!(formats["D8"], "0%");
    assert_eq!(formats["E7"], "@", "dates stay text");
    assert_eq!(formats["E8"], "General");
}

#[test]
fn columns_are_as_wide_as_their_contents_with_chinese_counting_double() {
    let bytes = write_xlsx(&workbook()).unwrap();
    let widths = column_widths(&part(&bytes, "xl/worksheets/sheet1.xml"));
    // "疟疾防控 Malaria control": 4 Chinese characters (8) + 16 Latin = 24, plus padding.
    assert!(widths[0] >= 26.0, "{widths:?}");
    assert!(widths[0] < 30.0, "{widths:?}");
    // "人数" with the filter arrow is narrower than the Chinese-heavy first column.
    assert!(widths[1] < 12.0, "{widths:?}");
}

#[test]
fn an_empty_workbook_still_opens() {
    let bytes = write_xlsx(&Workbook::default()).unwrap();
    let sheets = xlsx_cells(&bytes).unwrap();
    assert_eq!(sheets.len(), 1);
}

/// Cell reference to number format code, through the style index and styles.xml.
fn cell_formats(bytes: &[u8], sheet: &str) -> HashMap<String, String> {
    let styles = part(bytes, "xl/styles.xml");
    let mut custom = HashMap::new();
    let mut xf_formats = Vec::new();
    let mut in_cell_xfs = false;
    let mut reader = Reader::from_str(&styles);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "numFmt" => {
                    custom.insert(attr(&e, "numFmtId"), attr(&e, "formatCode"));
                }
                "cellXfs" => in_cell_xfs = true,
                "xf" if in_cell_xfs => xf_formats.push(attr(&e, "numFmtId")),
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == "cellXfs" => in_cell_xfs = false,
            Event::Eof => break,
            _ => {}
        }
    }
    let built_in = |id: &str| match id {
        "0" => "General",
        "3" => "#,##0",
        "9" => "0%",
        "10" => "0.00%",
        "49" => "@",
        other => panic!("unexpected built-in format {other}"),
    };
    let xml = part(bytes, sheet);
    let mut reader = Reader::from_str(&xml);
    let mut formats = HashMap::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "c" => {
                let style: usize = e.try_get_attribute("s").unwrap().map_or(0, |a| {
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap()
                        .parse()
                        .unwrap()
                });
                let id = &xf_formats[style];
                let code = custom
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| built_in(id).to_owned());
                formats.insert(attr(&e, "r"), code);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    formats
}

/// Column widths in order, from the sheet's `<col>` elements.
fn column_widths(sheet: &str) -> Vec<f64> {
    let mut reader = Reader::from_str(sheet);
    let mut widths = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "col" => {
                widths.push(attr(&e, "width").parse().unwrap());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    widths
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &str) -> String {
    e.try_get_attribute(name)
        .unwrap()
        .unwrap_or_else(|| panic!("no attribute {name}"))
        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .unwrap()
        .into_owned()
}
