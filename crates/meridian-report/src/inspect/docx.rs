//! Reading a .docx back: its visible text, and the series of its charts.

use std::collections::HashMap;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::{Package, SeriesValues};
use crate::error::ReportError;

const DOCUMENT: &str = "word/document.xml";
const DOCUMENT_RELS: &str = "word/_rels/document.xml.rels";

/// The visible text of word/document.xml: one line per paragraph outside tables, one line per
/// table row with its cells separated by '\t' (paragraphs inside a cell joined by a space).
/// Lines are joined by '\n'; a line break inside a paragraph reads as '\n' and a tab as '\t'.
pub fn docx_text(bytes: &[u8]) -> Result<String, ReportError> {
    let xml = Package::open(bytes)?.text(DOCUMENT)?;
    let mut reader = Reader::from_str(&xml);
    let mut text = TextState::default();
    loop {
        match reader.read_event().map_err(unreadable)? {
            Event::Start(e) => text.start(e.name().as_ref()),
            Event::Empty(e) => {
                let name = e.name();
                text.start(name.as_ref());
                text.end(name.as_ref());
            }
            Event::End(e) => text.end(e.name().as_ref()),
            Event::Text(t) if text.in_text => text.paragraph.push_str(&t.xml10_content()),
            Event::CData(t) if text.in_text => {
                text.paragraph.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) if text.in_text => text.paragraph.push(resolve(&r)?),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(text.lines.join("\n"))
}

/// Where the text reader is in the document.
#[derive(Default)]
struct TextState {
    lines: Vec<String>,
    paragraph: String,
    cell: Vec<String>,
    row: Vec<String>,
    tables: usize,
    in_run: bool,
    in_text: bool,
}

impl TextState {
    fn start(&mut self, name: &str) {
        match name {
            "w:p" => self.paragraph.clear(),
            "w:tbl" => self.tables += 1,
            "w:r" => self.in_run = true,
            "w:t" => self.in_text = self.in_run,
            // Outside runs, w:tab is a tab stop definition, not a tab character.
            "w:tab" if self.in_run => self.paragraph.push('\t'),
            "w:br" | "w:cr" if self.in_run => self.paragraph.push('\n'),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "w:t" => self.in_text = false,
            "w:r" => self.in_run = false,
            "w:p" => {
                let paragraph = std::mem::take(&mut self.paragraph);
                if self.tables == 0 {
                    self.lines.push(paragraph);
                } else {
                    self.cell.push(paragraph);
                }
            }
            // Nested tables flatten into the cell that holds them.
            "w:tc" if self.tables == 1 => {
                let cell = std::mem::take(&mut self.cell);
                self.row.push(cell.join(" "));
            }
            "w:tr" if self.tables == 1 => {
                let row = std::mem::take(&mut self.row);
                self.lines.push(row.join("\t"));
            }
            "w:tbl" => self.tables = self.tables.saturating_sub(1),
            _ => {}
        }
    }
}

/// Every chart's series in document order, each as (series name, values); a point missing from
/// the cache is `None`.
pub fn docx_chart_values(bytes: &[u8]) -> Result<Vec<SeriesValues>, ReportError> {
    let mut package = Package::open(bytes)?;
    let ids = chart_ids(&package.text(DOCUMENT)?)?;
    let targets = relationship_targets(&package.text(DOCUMENT_RELS)?)?;
    let mut series = Vec::new();
    for id in ids {
        let target = targets
            .get(&id)
            .ok_or_else(|| ReportError::unreadable("docx", format!("no relationship {id}")))?;
        let part = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_owned(),
            None => format!("word/{target}"),
        };
        series.extend(chart_series(&package.text(&part)?)?);
    }
    Ok(series)
}

/// The relationship ids of the charts in document.xml, in order.
fn chart_ids(xml: &str) -> Result<Vec<String>, ReportError> {
    let mut reader = Reader::from_str(xml);
    let mut ids = Vec::new();
    loop {
        match reader.read_event().map_err(unreadable)? {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "c:chart" => {
                ids.extend(attribute(&e, "r:id")?);
            }
            Event::Eof => return Ok(ids),
            _ => {}
        }
    }
}

/// Relationship id to target, from a .rels part.
fn relationship_targets(xml: &str) -> Result<HashMap<String, String>, ReportError> {
    let mut reader = Reader::from_str(xml);
    let mut targets = HashMap::new();
    loop {
        match reader.read_event().map_err(unreadable)? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                if let (Some(id), Some(target)) = (attribute(&e, "Id")?, attribute(&e, "Target")?) {
                    targets.insert(id, target);
                }
            }
            Event::Eof => return Ok(targets),
            _ => {}
        }
    }
}

/// Which part of a `c:ser` the chart reader is in.
#[derive(PartialEq)]
enum Section {
    Other,
    Name,
    Values,
}

/// The series of one chart part: names from `c:tx`, values from the `c:val` cache.
fn chart_series(xml: &str) -> Result<Vec<SeriesValues>, ReportError> {
    let mut reader = Reader::from_str(xml);
    let mut series = Vec::new();
    let (mut name, mut values) = (String::new(), Vec::new());
    let (mut section, mut point, mut in_value) = (Section::Other, 0_usize, false);
    let mut text = String::new();
    loop {
        match reader.read_event().map_err(unreadable)? {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "c:ser" => (name, values) = (String::new(), Vec::new()),
                "c:tx" => section = Section::Name,
                "c:val" => section = Section::Values,
                "c:ptCount" if section == Section::Values => {
                    let count = attribute(&e, "val")?.unwrap_or_default();
                    values = vec![None; count.parse().map_err(unreadable)?];
                }
                "c:pt" => {
                    point = attribute(&e, "idx")?
                        .unwrap_or_default()
                        .parse()
                        .map_err(unreadable)?
                }
                "c:v" => (in_value, text) = (true, String::new()),
                _ => {}
            },
            Event::Text(t) if in_value => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_value => text.push(resolve(&r)?),
            Event::End(e) => match e.name().as_ref() {
                "c:v" => {
                    in_value = false;
                    match section {
                        Section::Name if name.is_empty() => name = text.clone(),
                        Section::Values => {
                            let value = text.trim().parse().map_err(unreadable)?;
                            if point >= values.len() {
                                values.resize(point + 1, None);
                            }
                            values[point] = Some(value);
                        }
                        _ => {}
                    }
                }
                "c:tx" | "c:val" => section = Section::Other,
                "c:ser" => series.push((std::mem::take(&mut name), std::mem::take(&mut values))),
                _ => {}
            },
            Event::Eof => return Ok(series),
            _ => {}
        }
    }
}

/// The unescaped value of attribute `name`, if present.
fn attribute(e: &BytesStart<'_>, name: &str) -> Result<Option<String>, ReportError> {
    match e.try_get_attribute(name).map_err(unreadable)? {
        Some(a) => Ok(Some(
            a.normalized_value(XmlVersion::Implicit1_0)
                .map_err(unreadable)?
                .into_owned(),
        )),
        None => Ok(None),
    }
}

/// The character an entity reference stands for (quick-xml reports references apart from text).
fn resolve(r: &BytesRef<'_>) -> Result<char, ReportError> {
    if let Some(c) = r.resolve_char_ref().map_err(unreadable)? {
        return Ok(c);
    }
    match r.as_ref() {
        "amp" => Ok('&'),
        "lt" => Ok('<'),
        "gt" => Ok('>'),
        "quot" => Ok('"'),
        "apos" => Ok('\''),
        other => Err(ReportError::unreadable(
            "docx",
            format!("unknown entity &{other};"),
        )),
    }
}

fn unreadable(e: impl ToString) -> ReportError {
    ReportError::unreadable("docx", e)
}
