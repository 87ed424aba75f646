//! Writing rows of the flat layout as they come: CSV (UTF-8 with a byte-order mark, so Excel
//! reads Chinese), .xlsx (meridian-report's constant-memory writer on a thread of its own,
//! fed page by page) and a JSON array; and the templates a person fills in.

use super::layout::Layout;
use meridian_domain::schema::Widget;
use meridian_domain::Lang;
use meridian_report::{Cell, Column, ColumnKind, Sheet as ReportSheet, Table, Workbook};
use std::io::{self, Write};
use std::sync::mpsc::{sync_channel, SyncSender};
use std::thread::JoinHandle;

fn other(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

/// Puts `'` before text a spreadsheet would run as a formula (read back by `read_csv`).
fn defuse(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// Where exported rows go.
pub trait RowSink {
    fn rows(&mut self, rows: Vec<Vec<String>>) -> io::Result<()>;
    /// Finishes the file; nothing is complete before this returns.
    fn finish(self: Box<Self>) -> io::Result<()>;
}

pub struct CsvSink<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> CsvSink<W> {
    pub fn new(mut out: W, headers: &[String]) -> io::Result<Self> {
        out.write_all(b"\xEF\xBB\xBF")?;
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        out.write_record(headers).map_err(other)?;
        Ok(Self { out })
    }
}

impl<W: Write> RowSink for CsvSink<W> {
    fn rows(&mut self, rows: Vec<Vec<String>>) -> io::Result<()> {
        for row in rows {
            self.out
                .write_record(row.iter().map(|c| defuse(c)))
                .map_err(other)?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.out.flush()
    }
}

/// Rows of one sheet, written by meridian-report on its own thread while the caller reads
/// the next page; a bounded channel keeps at most a few pages in memory.
pub struct XlsxSink {
    send: Option<SyncSender<Vec<Vec<String>>>>,
    thread: Option<JoinHandle<Result<u64, String>>>,
}

impl XlsxSink {
    pub fn new<W: Write + Send + 'static>(out: W, sheet: &str, headers: &[String]) -> Self {
        let (send, receive) = sync_channel::<Vec<Vec<String>>>(2);
        let columns: Vec<Column> = headers
            .iter()
            .map(|h| Column::new(h.clone(), ColumnKind::Text))
            .collect();
        let sheet = sheet.to_string();
        let thread = std::thread::spawn(move || {
            let rows = receive.into_iter().flatten().map(|row| {
                row.into_iter()
                    .map(|c| {
                        if c.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(c)
                        }
                    })
                    .collect::<Vec<_>>()
            });
            meridian_report::write_xlsx_rows(out, &sheet, &[], &columns, rows)
                .map_err(|e| e.to_string())
        });
        Self {
            send: Some(send),
            thread: Some(thread),
        }
    }
}

impl RowSink for XlsxSink {
    fn rows(&mut self, rows: Vec<Vec<String>>) -> io::Result<()> {
        match &self.send {
            Some(send) => send
                .send(rows)
                .map_err(|_| other("the xlsx writer stopped")),
            None => Err(other("the xlsx writer is finished")),
        }
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        drop(self.send.take());
        match self.thread.take().map(JoinHandle::join) {
            Some(Ok(Ok(_))) => Ok(()),
            Some(Ok(Err(e))) => Err(other(e)),
            Some(Err(_)) => Err(other("the xlsx writer failed")),
            None => Ok(()),
        }
    }
}

/// A JSON array of records, each `{"id": …, fields…}`, one per line.
pub struct JsonSink<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> JsonSink<W> {
    pub fn new(mut out: W) -> io::Result<Self> {
        out.write_all(b"[")?;
        Ok(Self { out, first: true })
    }

    pub fn record(&mut self, id: &str, data: &serde_json::Value) -> io::Result<()> {
        let mut object = serde_json::Map::new();
        object.insert("id".into(), id.into());
        if let Some(fields) = data.as_object() {
            object.extend(fields.clone());
        }
        self.out
            .write_all(if self.first { b"\n" } else { b",\n" })?;
        self.first = false;
        serde_json::to_writer(&mut self.out, &object).map_err(other)
    }

    pub fn finish(mut self) -> io::Result<()> {
        self.out.write_all(b"\n]\n")?;
        self.out.flush()
    }
}

/// An example value for a column, so a template shows the form of each field.
fn example(widget: &Widget, lang: Option<Lang>) -> String {
    let text = |zh: &str, en: &str| match lang {
        Some(Lang::En) => en.to_string(),
        _ => zh.to_string(),
    };
    match widget {
        Widget::Bilingual | Widget::BilingualArea => text("示例", "Example"),
        Widget::BilingualLines => text("别名一; 别名二", "Alias one; Alias two"),
        Widget::Lines => "a; b".into(),
        Widget::Date => "2024-05-01".into(),
        Widget::Period => "2021/2025".into(),
        Widget::Code(options) => options(Lang::En)
            .first()
            .map(|(c, _)| c.to_string())
            .unwrap_or_default(),
        Widget::Country => "CN".into(),
        Widget::Countries => "CN; KE".into(),
        Widget::Quantity => "more_than 100".into(),
        Widget::Count => "5".into(),
        Widget::Link(_) | Widget::Links(_) => {
            text("机构名称或记录编号", "Organization name or record id")
        }
        Widget::Rows(_) => "{\"…\": \"…\"}".into(),
        Widget::Text | Widget::Area | Widget::Group(_) => String::new(),
    }
}

impl Layout {
    /// The template's example row.
    pub fn example_row(&self) -> Vec<String> {
        self.columns
            .iter()
            .map(|c| match c.leaf {
                0 => String::new(),
                i => example(&self.leaves[i].field.widget, c.lang),
            })
            .collect()
    }

    /// Every code column's allowed codes: (header, code, Chinese label, English label).
    pub fn code_rows(&self, lang: Lang) -> Vec<[String; 4]> {
        let mut rows = Vec::new();
        for c in &self.columns {
            if let Widget::Code(options) = self.leaves[c.leaf].field.widget {
                for ((code, zh), (_, en)) in options(Lang::Zh).into_iter().zip(options(Lang::En)) {
                    rows.push([c.header(lang).into(), code.into(), zh.into(), en.into()]);
                }
            }
        }
        rows
    }

    /// A CSV template: the header row and an example row.
    pub fn csv_template(&self, lang: Lang) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        let mut sink = Box::new(CsvSink::new(&mut out, &self.headers(lang))?);
        sink.rows(vec![self.example_row()])?;
        sink.finish()?;
        Ok(out)
    }

    /// An .xlsx template: a sheet named after the kind with the header and an example row,
    /// and a second sheet listing the allowed codes of every code column.
    pub fn xlsx_template(&self, lang: Lang) -> io::Result<Vec<u8>> {
        let text_columns = |headers: Vec<String>| {
            headers
                .into_iter()
                .map(|h| Column::new(h, ColumnKind::Text))
                .collect()
        };
        let cells = |row: Vec<String>| row.into_iter().map(Cell::Text).collect();
        let codes_header = match lang {
            Lang::Zh => ["列", "代码", "中文", "英文"],
            Lang::En => ["Column", "Code", "Chinese", "English"],
        };
        let book = Workbook {
            sheets: vec![
                ReportSheet {
                    name: self.kind.as_str().into(),
                    heading: vec![],
                    table: Table {
                        title: String::new(),
                        columns: text_columns(self.headers(lang)),
                        rows: vec![cells(self.example_row())],
                    },
                },
                ReportSheet {
                    name: match lang {
                        Lang::Zh => "代码".into(),
                        Lang::En => "codes".into(),
                    },
                    heading: vec![],
                    table: Table {
                        title: String::new(),
                        columns: text_columns(codes_header.map(String::from).to_vec()),
                        rows: self
                            .code_rows(lang)
                            .into_iter()
                            .map(|r| cells(r.to_vec()))
                            .collect(),
                    },
                },
            ],
        };
        meridian_report::write_xlsx(&book).map_err(other)
    }
}
