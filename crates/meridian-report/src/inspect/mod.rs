//! Small readers for generated files, so tests in other crates can check a report's contents
//! without knowing OOXML: the visible text and chart data of a .docx, the cells of an .xlsx.
//!
//! They read what this crate writes and ordinary Word and Excel files, but are no general
//! document parsers: text boxes, footnotes and headers are not read.

mod docx;
mod pdf;
mod xlsx;

pub use docx::{docx_chart_values, docx_text};
pub use pdf::pdf_text;
pub use xlsx::xlsx_cells;

use std::io::{Cursor, Read};

use zip::ZipArchive;

use crate::error::ReportError;

/// One chart series read back: its name and its values (`None` where the chart has a gap).
pub type SeriesValues = (String, Vec<Option<f64>>);

/// One worksheet read back: its name and its rows of cell text.
pub type SheetCells = (String, Vec<Vec<String>>);

/// No part of a report comes near this; a larger one is a broken or hostile file.
const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;

/// The package's parts, read on demand.
pub(crate) struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
}

impl<'a> Package<'a> {
    pub(crate) fn open(bytes: &'a [u8]) -> Result<Self, ReportError> {
        Ok(Package {
            zip: ZipArchive::new(Cursor::new(bytes))?,
        })
    }

    /// The part `name` as text; a missing part is an unreadable file.
    pub(crate) fn text(&mut self, name: &str) -> Result<String, ReportError> {
        let part = self.zip.by_name(name).map_err(|e| match e {
            zip::result::ZipError::FileNotFound => {
                ReportError::unreadable("docx", format!("the part {name} is missing"))
            }
            other => ReportError::Zip(other),
        })?;
        let mut text = String::new();
        part.take(MAX_PART_BYTES).read_to_string(&mut text)?;
        Ok(text)
    }
}
