//! The PDF writer, checked with independent readers: `qpdf --check` for the file structure and
//! poppler's `pdftotext` (through `inspect::pdf_text`) for the text, pages and reading order.
//! Both come from Debian packages (qpdf, poppler-utils, poppler-data) that CI installs;
//! without pdftotext these tests fail rather than skip.

use std::process::Command;

use meridian_report::inspect::pdf_text;
use meridian_report::{
    write_pdf, Block, Cell, Chart, ChartSeries, Column, ColumnKind, Document, SeriesStyle, Table,
};

const TITLE: &str = "2024年度卫生合作报告";
const SUBTITLE: &str = "Annual report on health cooperation";
const PARAGRAPH: &str =
    "本年度共实施卫生合作项目 12 个，覆盖非洲、东南亚和太平洋岛国的 18 个国家。\
    The China Academy of Chinese Medical Sciences (CACMS) trained 1,234 health workers in 2021年 \
    and opened three traditional medicine centres with its partners, while the remaining projects \
    continued as planned despite delays in procurement and travel.";
const HEADERS: [&str; 5] = [
    "项目 Project",
    "人数 People",
    "完成率 Rate",
    "金额 Amount",
    "链接",
];

fn rows() -> Vec<Vec<Cell>> {
    let mut rows = vec![vec![
        Cell::text("中医药合作中心"),
        Cell::Number(1234.0),
        Cell::Percent(0.85),
        Cell::Number(1234.567),
        Cell::link("CACMS", "https://www.cacms.ac.cn/"),
    ]];
    for i in 1..80 {
        rows.push(vec![
            Cell::text(format!("Project {i} 项目")),
            Cell::Number(f64::from(i) * 100.0),
            Cell::Percent(f64::from(i) / 80.0),
            Cell::Number(f64::from(i) * 10.5),
            Cell::Empty,
        ]);
    }
    rows
}

fn chart() -> Chart {
    Chart {
        title: "服务人次 Services".into(),
        categories: vec!["2022".into(), "2023".into(), "2024 (预计)".into()],
        series: vec![
            ChartSeries {
                name: "实际 Actual".into(),
                values: vec![Some(10.0), None, Some(30.5)],
                style: SeriesStyle::Bar,
            },
            ChartSeries {
                name: "Other".into(),
                values: vec![Some(5.0), Some(8.0), Some(12.0)],
                style: SeriesStyle::Bar,
            },
            ChartSeries {
                name: "目标 Target".into(),
                values: vec![Some(20.0), Some(25.0), Some(40.0)],
                style: SeriesStyle::Line,
            },
        ],
        unit: "人次".into(),
    }
}

fn report() -> Document {
    Document {
        title: TITLE.into(),
        subtitle: Some(SUBTITLE.into()),
        language: "zh-CN".into(),
        blocks: vec![
            Block::Heading {
                level: 1,
                text: "一、总体情况".into(),
            },
            Block::Paragraph(PARAGRAPH.into()),
            Block::Heading {
                level: 2,
                text: "Project progress 项目进展".into(),
            },
            Block::Table(Table {
                title: "表1 项目进展".into(),
                columns: vec![
                    Column::new(HEADERS[0], ColumnKind::Text),
                    Column::new(HEADERS[1], ColumnKind::Integer),
                    Column::new(HEADERS[2], ColumnKind::Percent),
                    Column::new(HEADERS[3], ColumnKind::Number),
                    Column::new(HEADERS[4], ColumnKind::Text),
                ],
                rows: rows(),
            }),
            Block::Heading {
                level: 2,
                text: "二、进展".into(),
            },
            Block::Chart(chart()),
            Block::Paragraph("结束 The end 😀".into()),
        ],
    }
}

/// Runs `qpdf --check` on the bytes. Skipped with a note where qpdf is not installed, except
/// in CI (`CI` set), which installs it.
fn assert_qpdf_check(bytes: &[u8], name: &str) {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, bytes).unwrap();
    match Command::new("qpdf").arg("--check").arg(&path).output() {
        Ok(output) => {
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(
                output.status.success() && !stdout.contains("WARNING"),
                "qpdf --check {}: {stdout}{}",
                path.display(),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        Err(e) if std::env::var_os("CI").is_none() => {
            eprintln!("qpdf --check skipped ({e}): install the Debian package qpdf");
        }
        Err(e) => panic!("qpdf is needed in CI (Debian package qpdf): {e}"),
    }
}

/// The page count from the form feeds pdftotext ends each page with.
fn pages(text: &str) -> usize {
    text.matches('\u{c}').count()
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_file_passes_qpdf_check() {
    assert_qpdf_check(&write_pdf(&report()).unwrap(), "report.pdf");
}

#[test]
fn the_text_reads_back_in_order_in_chinese_and_english() {
    let text = pdf_text(&write_pdf(&report()).unwrap()).unwrap();
    let mut at = 0;
    for expected in [
        TITLE,
        SUBTITLE,
        "一、总体情况",
        "本年度共实施卫生合作项目",
        "Project progress 项目进展",
        "表1 项目进展",
        "项目 Project",
        "中医药合作中心",
        "Project 79 项目",
        "二、进展",
        "服务人次 Services",
        "实际 Actual",
        "结束 The end ?",
    ] {
        let found = text[at..]
            .find(expected)
            .unwrap_or_else(|| panic!("{expected:?} not found after byte {at} in:\n{text}"));
        at += found + expected.len();
    }
}

#[test]
fn a_long_paragraph_wraps_and_keeps_every_word() {
    let text = pdf_text(&write_pdf(&report()).unwrap()).unwrap();
    assert!(squash(&text).contains(&squash(PARAGRAPH)), "{text}");
    assert!(
        !text.lines().any(|line| line.contains(PARAGRAPH)),
        "the paragraph is on more than one line"
    );
    assert!(text.contains("2021年"), "mixed scripts stay in order");
}

#[test]
fn table_cells_are_formatted_and_the_header_repeats_on_each_page() {
    let text = pdf_text(&write_pdf(&report()).unwrap()).unwrap();
    for cell in [
        "中医药合作中心",
        "1,234",
        "85%",
        "1,234.57",
        "CACMS",
        "7,900",
        "50%",
    ] {
        assert!(text.contains(cell), "{cell:?} missing in:\n{text}");
    }
    let page_count = pages(&text);
    assert!(page_count >= 3, "80 rows and a chart need several pages");
    let table_pages = text
        .split('\u{c}')
        .filter(|page| page.contains("Project 40 项目") || page.contains("中医药合作中心"))
        .count();
    assert!(table_pages >= 1);
    for header in HEADERS {
        assert!(
            text.matches(header).count() >= 2,
            "{header:?} is repeated on the next page"
        );
    }
    // Each page that continues the table starts with its header.
    for page in text
        .split('\u{c}')
        .filter(|p| p.contains("Project 60 项目"))
    {
        assert!(page.find("项目 Project") < page.find("Project 60 项目"));
    }
}

#[test]
fn every_page_is_numbered_with_the_page_count() {
    let text = pdf_text(&write_pdf(&report()).unwrap()).unwrap();
    let count = pages(&text);
    for (n, page) in text.split('\u{c}').take(count).enumerate() {
        let footer = format!("{} / {count}", n + 1);
        assert!(page.contains(&footer), "page {} lacks {footer:?}", n + 1);
    }
}

#[test]
fn fonts_are_referenced_not_embedded() {
    let bytes = write_pdf(&report()).unwrap();
    let raw = String::from_utf8_lossy(&bytes);
    assert!(bytes.starts_with(b"%PDF-1.7\n"));
    for expected in [
        "/Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H",
        "/Subtype /CIDFontType0",
        "/Registry (Adobe) /Ordering (GB1) /Supplement 4",
        "/BaseFont /Helvetica /Encoding /WinAnsiEncoding",
        "/BaseFont /Helvetica-Bold",
        "/Lang (zh-CN)",
        "/Producer (Meridian)",
        "/URI (https://www.cacms.ac.cn/)",
    ] {
        assert!(raw.contains(expected), "{expected:?} missing");
    }
    assert!(!raw.contains("/FontFile"), "no font program is embedded");
    assert!(bytes.len() < 200_000, "{} bytes", bytes.len());
}

#[test]
fn accented_latin_names_and_chinese_quotes_read_back_exactly() {
    // Latin-1 letters are drawn with Helvetica: the Chinese font has no "ç" or "ö" at all.
    let names = [
        "Côte d’Ivoire",
        "São Tomé and Príncipe",
        "Türkiye",
        "Curaçao",
        "“中医药”合作 · 约翰·史密斯",
        "Ménière’s disease — “quoted” €5",
    ];
    let document = Document {
        title: "Länder 国家".into(),
        subtitle: None,
        language: "en".into(),
        blocks: names
            .iter()
            .map(|n| Block::Paragraph((*n).to_owned()))
            .chain([Block::Table(Table {
                title: String::new(),
                columns: vec![Column::new("Name", ColumnKind::Text)],
                rows: names.iter().map(|n| vec![Cell::text(*n)]).collect(),
            })])
            .collect(),
    };
    let text = pdf_text(&write_pdf(&document).unwrap()).unwrap();
    assert!(text.contains("Länder 国家"));
    for name in names {
        assert!(
            text.matches(name).count() >= 2,
            "{name:?} not read back twice in:\n{text}"
        );
    }
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    assert_eq!(write_pdf(&report()).unwrap(), write_pdf(&report()).unwrap());
}

#[test]
fn an_empty_document_is_a_valid_one_page_file() {
    let document = Document {
        title: String::new(),
        subtitle: None,
        blocks: vec![],
        language: "en".into(),
    };
    let bytes = write_pdf(&document).unwrap();
    assert_qpdf_check(&bytes, "empty.pdf");
    let text = pdf_text(&bytes).unwrap();
    assert_eq!(pages(&text), 1);
    assert_eq!(text.trim(), "1 / 1");
    assert!(String::from_utf8_lossy(&bytes).contains("/Lang (en)"));
}

#[test]
fn odd_tables_and_charts_still_give_a_valid_file() {
    let document = Document {
        title: "Edge cases (a) \\ b".into(),
        subtitle: Some(String::new()),
        language: "en".into(),
        blocks: vec![
            Block::Table(Table {
                title: "only a title".into(),
                ..Table::default()
            }),
            Block::Table(Table {
                title: String::new(),
                columns: vec![Column::new("n", ColumnKind::Number)],
                rows: vec![
                    vec![Cell::Number(f64::NAN), Cell::text("past the headers")],
                    vec![],
                    vec![Cell::text("x".repeat(500))],
                ],
            }),
            Block::Chart(Chart::default()),
            Block::Chart(Chart {
                title: "no values".into(),
                categories: vec!["a".into(), "b".into()],
                series: vec![ChartSeries {
                    name: "empty".into(),
                    values: vec![None, None],
                    style: SeriesStyle::Line,
                }],
                unit: String::new(),
            }),
            Block::Chart(Chart {
                title: "negative".into(),
                categories: vec!["a".into()],
                series: vec![ChartSeries {
                    name: "loss".into(),
                    values: vec![Some(-5.0), Some(1e9)],
                    style: SeriesStyle::Bar,
                }],
                unit: "USD".into(),
            }),
            Block::Heading {
                level: 0,
                text: String::new(),
            },
            Block::Paragraph("\u{1}\t\r\n".into()),
        ],
    };
    let bytes = write_pdf(&document).unwrap();
    assert_qpdf_check(&bytes, "edge.pdf");
    let text = pdf_text(&bytes).unwrap();
    for expected in [
        "Edge cases (a) \\ b",
        "only a title",
        "past the headers",
        "no values",
        "empty",
        "loss",
    ] {
        assert!(text.contains(expected), "{expected:?} missing in:\n{text}");
    }
    assert_eq!(squash(&text).matches('x').count(), 500);
}

#[test]
fn pdf_text_refuses_what_is_not_a_pdf() {
    let error = pdf_text(b"not a pdf").unwrap_err();
    assert_eq!(error.code(), "report_unreadable");
}
