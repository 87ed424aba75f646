//! One very large table streamed into a single-sheet .xlsx without holding its rows.

use std::io::Write;

use rust_xlsxwriter::Workbook as XlsxWorkbook;

use super::cells::Formats;
use super::layout::SheetLayout;
use super::names::sheet_name as valid_sheet_name;
use crate::error::ReportError;
use crate::model::{Cell, Column};

/// Writes one sheet named `sheet_name` (made valid as in [`write_xlsx`](crate::write_xlsx))
/// with `heading` lines, a header row from `columns` and every row `rows` yields, to `out`.
/// Returns the number of table rows written.
///
/// Uses rust_xlsxwriter's constant-memory worksheet: each row goes to a temporary file as soon
/// as the next one starts, and the zip is streamed to `out`, so a million-row export holds one
/// row at a time (plus one small record per hyperlink, as Excel stores links apart from cells).
/// Temporary files go to the system's temporary directory. More rows than a worksheet holds
/// fail with [`ReportError::TooManyRows`] before anything is written to `out`.
pub fn write_xlsx_rows<W, I>(
    out: W,
    sheet_name: &str,
    heading: &[String],
    columns: &[Column],
    rows: I,
) -> Result<u64, ReportError>
where
    W: Write + Send,
    I: IntoIterator<Item = Vec<Cell>>,
{
    let mut book = XlsxWorkbook::new();
    let formats = Formats::new();
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name(valid_sheet_name(sheet_name))?;
    let mut layout = SheetLayout::start(sheet, &formats, heading, "", columns)?;
    let mut count = 0;
    for row in rows {
        layout.push_row(sheet, &formats, &row)?;
        count += 1;
    }
    layout.finish(sheet)?;
    book.save_to_writer(out)?;
    Ok(count)
}
