//! word/document.xml: the title, then each block in order; charts as inline drawings that
//! point at their chart parts.

use std::fmt::Write as _;

use super::table::{table_xml, TEXT_WIDTH_TWIPS};
use super::xml::{escape, paragraph, styled, DECLARATION};
use crate::model::{Block, Document};

/// Namespaces document.xml uses: text, relationships, and the drawing wrappers around charts.
const NAMESPACES: &str =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
    xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
    xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
    xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
    xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"";

/// English Metric Units per twip (914,400 per inch, 1,440 twips per inch).
const EMU_PER_TWIP: usize = 635;
/// Charts are 9 cm tall: readable, and two fit on an A4 page with text.
const CHART_HEIGHT_EMU: usize = 3_240_000;

/// The document body. `chart_rel_id(n)` is the relationship id of the n-th chart (0-based),
/// whose part the caller writes.
pub(crate) fn document_xml(document: &Document, chart_rel_id: impl Fn(usize) -> String) -> String {
    let mut body = String::new();
    if !document.title.trim().is_empty() {
        body.push_str(&paragraph(&styled("Title"), &document.title, ""));
    }
    if let Some(subtitle) = document
        .subtitle
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        body.push_str(&paragraph(&styled("Subtitle"), subtitle, ""));
    }
    let mut charts = 0;
    let mut ends_with_table = false;
    for block in &document.blocks {
        ends_with_table = false;
        match block {
            Block::Heading { level, text } => {
                let style = format!("Heading{}", (*level).clamp(1, 3));
                body.push_str(&paragraph(&styled(&style), text, ""));
            }
            Block::Paragraph(text) => body.push_str(&paragraph(&styled("BodyText"), text, "")),
            Block::Table(table) => {
                body.push_str(&table_xml(table));
                ends_with_table = table.width() > 0;
            }
            Block::Chart(chart) => {
                body.push_str(&chart_paragraph(
                    charts,
                    &chart_rel_id(charts),
                    &chart.title,
                ));
                charts += 1;
            }
        }
    }
    // Word wants the body to end with a paragraph (it would add one after a final table), and
    // an empty document still needs one to be editable.
    if ends_with_table || body.is_empty() {
        body.push_str("<w:p/>");
    }
    format!("{DECLARATION}<w:document {NAMESPACES}><w:body>{body}{SECTION}</w:body></w:document>")
}

/// A4 portrait with 2.54 cm margins: the paper of international and Chinese reports alike.
const SECTION: &str = "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
    <w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" \
    w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr>";

/// A centred paragraph holding the n-th chart inline, as wide as the text. The chart title is
/// also its alternative text, for screen readers.
fn chart_paragraph(n: usize, rel_id: &str, title: &str) -> String {
    let id = n + 1;
    let width = TEXT_WIDTH_TWIPS * EMU_PER_TWIP;
    let mut out = String::from("<w:p><w:pPr><w:pStyle w:val=\"Figure\"/></w:pPr><w:r><w:drawing>");
    let _ = write!(
        out,
        "<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
         <wp:extent cx=\"{width}\" cy=\"{CHART_HEIGHT_EMU}\"/>\
         <wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>\
         <wp:docPr id=\"{id}\" name=\"Chart {id}\" descr=\"{descr}\"/><wp:cNvGraphicFramePr/>\
         <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">\
         <c:chart r:id=\"{rel_id}\"/></a:graphicData></a:graphic></wp:inline>",
        descr = escape(title)
    );
    out.push_str("</w:drawing></w:r></w:p>");
    out
}
