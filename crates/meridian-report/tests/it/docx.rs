//! The docx writer: package structure, text in order, chart data, escaping.

use meridian_report::inspect::{docx_chart_values, docx_text};
use meridian_report::{
    write_docx, Block, Cell, Chart, ChartSeries, Column, ColumnKind, Document, SeriesStyle, Table,
};

use crate::package::{assert_well_formed, part, part_names};

const SPECIAL: &str = "<&>\"' R&D <b>not bold</b>";

fn chart(title: &str, actual: &str, target: &str) -> Chart {
    Chart {
        title: title.into(),
        categories: vec!["2022".into(), "2023".into(), "2024 <预计>".into()],
        series: vec![
            ChartSeries {
                name: actual.into(),
                values: vec![Some(10.0), None, Some(30.5)],
                style: SeriesStyle::Bar,
            },
            ChartSeries {
                name: target.into(),
                values: vec![Some(20.0), Some(25.0), Some(1_250_000.0)],
                style: SeriesStyle::Line,
            },
        ],
        unit: "人次".into(),
    }
}

fn report() -> Document {
    Document {
        title: "2024年度卫生合作报告".into(),
        subtitle: Some("Annual report on health cooperation".into()),
        language: "zh-CN".into(),
        blocks: vec![
            Block::Heading {
                level: 1,
                text: "一、总体情况".into(),
            },
            Block::Paragraph("本年度共实施项目 12 个。\n第二行\twith a tab".into()),
            Block::Table(Table {
                title: "表1 项目进展".into(),
                columns: vec![
                    Column::new("项目", ColumnKind::Text),
                    Column::new("人数", ColumnKind::Integer),
                    Column::new("完成率", ColumnKind::Percent),
                    Column::new("金额", ColumnKind::Number),
                ],
                rows: vec![
                    vec![
                        Cell::text(SPECIAL),
                        Cell::Number(12345.0),
                        Cell::Percent(0.85),
                        Cell::Number(1234.567),
                    ],
                    vec![Cell::text("Malaria 疟疾"), Cell::Empty, Cell::Number(0.5)],
                ],
            }),
            Block::Heading {
                level: 2,
                text: "二、进展".into(),
            },
            Block::Chart(chart("服务人次 <2024>", "实际 Actual", SPECIAL)),
            Block::Heading {
                level: 9,
                text: "深层标题".into(),
            },
            Block::Chart(chart("", "second actual", "second target")),
            Block::Paragraph(SPECIAL.into()),
        ],
    }
}

#[test]
fn the_text_holds_title_headings_paragraphs_and_table_cells_in_order() {
    let bytes = write_docx(&report()).unwrap();
    let expected = [
        "2024年度卫生合作报告",
        "Annual report on health cooperation",
        "一、总体情况",
        "本年度共实施项目 12 个。\n第二行\twith a tab",
        "表1 项目进展",
        "项目\t人数\t完成率\t金额",
        &format!("{SPECIAL}\t12,345\t85%\t1,234.57"),
        "Malaria 疟疾\t\t50%\t",
        "二、进展",
        "", // the first chart's paragraph
        "深层标题",
        "", // the second chart's paragraph
        SPECIAL,
    ]
    .join("\n");
    assert_eq!(docx_text(&bytes).unwrap(), expected);
}

#[test]
fn chart_values_round_trip_in_document_order() {
    let bytes = write_docx(&report()).unwrap();
    let values = docx_chart_values(&bytes).unwrap();
    let actual = vec![Some(10.0), None, Some(30.5)];
    let target = vec![Some(20.0), Some(25.0), Some(1_250_000.0)];
    assert_eq!(
        values,
        vec![
            ("实际 Actual".to_owned(), actual.clone()),
            (SPECIAL.to_owned(), target.clone()),
            ("second actual".to_owned(), actual),
            ("second target".to_owned(), target),
        ]
    );
}

#[test]
fn charts_are_native_with_bars_and_lines_on_one_category_axis() {
    let bytes = write_docx(&report()).unwrap();
    let chart = part(&bytes, "word/charts/chart1.xml");
    assert!(chart.contains("<c:barChart>") && chart.contains("<c:lineChart>"));
    assert_eq!(chart.matches("<c:catAx>").count(), 1);
    assert!(
        chart.contains("<c:v>2024 &lt;预计&gt;</c:v>"),
        "categories are cached"
    );
    assert!(
        chart.contains("服务人次 &lt;2024&gt;"),
        "the title is escaped"
    );
    assert!(
        !chart.contains("externalData"),
        "no workbook is embedded or linked"
    );
    let document = part(&bytes, "word/document.xml");
    assert_eq!(document.matches("<c:chart r:id=").count(), 2);
    let types = part(&bytes, "[Content_Types].xml");
    assert!(types.contains("/word/charts/chart2.xml"));
}

#[test]
fn the_package_has_every_part_and_each_is_well_formed() {
    let bytes = write_docx(&report()).unwrap();
    let names = part_names(&bytes);
    for required in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/_rels/document.xml.rels",
        "docProps/core.xml",
        "word/charts/chart1.xml",
        "word/charts/chart2.xml",
    ] {
        assert!(names.iter().any(|n| n == required), "missing {required}");
    }
    for name in &names {
        assert_well_formed(name, &part(&bytes, name));
    }
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:title>2024年度卫生合作报告</dc:title>"));
}

#[test]
fn every_relationship_points_at_a_part_that_exists() {
    let bytes = write_docx(&report()).unwrap();
    let names = part_names(&bytes);
    for (rels, base) in [
        ("_rels/.rels", ""),
        ("word/_rels/document.xml.rels", "word/"),
    ] {
        let xml = part(&bytes, rels);
        for target in xml.split("Target=\"").skip(1) {
            let target = &target[..target.find('"').unwrap()];
            let full = format!("{base}{target}");
            assert!(names.contains(&full), "{rels} points at missing {full}");
        }
    }
}

#[test]
fn table_headers_repeat_on_each_page_and_are_shaded() {
    let bytes = write_docx(&report()).unwrap();
    let document = part(&bytes, "word/document.xml");
    assert_eq!(document.matches("<w:tblHeader/>").count(), 1);
    // Four header cells shaded, none in the body.
    assert_eq!(document.matches("w:fill=\"D9E2F3\"").count(), 4);
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains("w:styleId=\"Heading1\"") && styles.contains("<w:tblBorders>"));
}

#[test]
fn a_chinese_document_sets_chinese_fonts_and_language() {
    let bytes = write_docx(&report()).unwrap();
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains("w:eastAsia=\"zh-CN\""));
    assert!(styles.contains("w:eastAsia=\"SimSun\""));
    assert!(styles.contains("w:eastAsia=\"Microsoft YaHei\""));
    let english = Document {
        language: "en".into(),
        ..report()
    };
    let styles = part(&write_docx(&english).unwrap(), "word/styles.xml");
    assert!(
        !styles.contains("SimSun"),
        "English body text uses the sans-serif"
    );
    assert!(
        !styles.contains("firstLineChars"),
        "no Chinese first-line indent"
    );
}

#[test]
fn a_document_without_blocks_is_still_a_valid_file() {
    for title in ["", "只有标题"] {
        let document = Document {
            title: title.into(),
            subtitle: None,
            blocks: vec![],
            language: "en".into(),
        };
        let bytes = write_docx(&document).unwrap();
        for name in part_names(&bytes) {
            assert_well_formed(&name, &part(&bytes, &name));
        }
        assert_eq!(docx_text(&bytes).unwrap(), title);
        assert!(docx_chart_values(&bytes).unwrap().is_empty());
    }
}

#[test]
fn control_characters_are_dropped_and_the_file_stays_valid() {
    let document = Document {
        title: "标题\u{1}\u{B}".into(),
        subtitle: None,
        blocks: vec![Block::Paragraph("a\u{0}b\u{FFFF}c".into())],
        language: "zh-CN".into(),
    };
    let bytes = write_docx(&document).unwrap();
    assert_well_formed("document.xml", &part(&bytes, "word/document.xml"));
    assert_eq!(docx_text(&bytes).unwrap(), "标题\nabc");
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    assert_eq!(
        write_docx(&report()).unwrap(),
        write_docx(&report()).unwrap()
    );
}

#[test]
fn the_readers_refuse_what_is_not_a_docx() {
    assert!(docx_text(b"not a zip").is_err());
    let xlsx = meridian_report::write_xlsx(&meridian_report::Workbook::default()).unwrap();
    let error = docx_text(&xlsx).unwrap_err();
    assert_eq!(error.code(), "report_unreadable");
}
