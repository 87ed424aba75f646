//! Word documents (.docx) written part by part into a zip: no template file, no office
//! program, and the same document always gives the same bytes.

mod body;
mod chart;
mod package;
pub(crate) mod styles;
mod table;
mod xml;

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::error::ReportError;
use crate::model::{Block, Document};

/// Writes `document` as .docx bytes.
///
/// The title and subtitle come first, then the blocks in order: headings (Word's built-in
/// heading styles, so the navigation pane works), paragraphs, tables (shaded bold header row
/// repeated on every page, numbers right-aligned as "1,234" and "85%") and native Word charts
/// (bars with target lines over them). Page: A4. Fonts: Calibri for Latin text, Microsoft
/// YaHei (headings; SimSun for Chinese body text in "zh-CN" documents) for Chinese.
pub fn write_docx(document: &Document) -> Result<Vec<u8>, ReportError> {
    let charts: Vec<_> = document
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Chart(chart) => Some(chart),
            _ => None,
        })
        .collect();
    let chart_lang = if styles::is_chinese(&document.language) {
        "zh-CN"
    } else {
        "en-US"
    };

    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed timestamp keeps the output reproducible (snapshot tests, identical downloads).
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    let mut part = |name: &str, content: &str| -> Result<(), ReportError> {
        zip.start_file(name, options)?;
        zip.write_all(content.as_bytes())?;
        Ok(())
    };
    // Content types first: some readers look for it at the start of the archive.
    part(
        "[Content_Types].xml",
        &package::content_types_xml(charts.len()),
    )?;
    part("_rels/.rels", &package::package_rels_xml())?;
    part(
        "docProps/core.xml",
        &package::core_xml(&document.title, &document.language),
    )?;
    part("docProps/app.xml", &package::app_xml())?;
    part(
        "word/document.xml",
        &body::document_xml(document, package::chart_rel_id),
    )?;
    part(
        "word/_rels/document.xml.rels",
        &package::document_rels_xml(charts.len()),
    )?;
    part("word/styles.xml", &styles::styles_xml(&document.language))?;
    part("word/settings.xml", &package::settings_xml())?;
    part("word/fontTable.xml", &styles::font_table_xml())?;
    for (n, chart) in charts.iter().enumerate() {
        let name = format!("word/{}", package::chart_target(n));
        part(&name, &chart::chart_xml(chart, chart_lang))?;
    }
    Ok(zip.finish()?.into_inner())
}
