//! Spreadsheets (.xlsx) through rust_xlsxwriter: a whole [`Workbook`] in memory, or one large
//! table streamed row by row in constant memory.

mod cells;
mod layout;
mod names;
mod stream;

pub use stream::write_xlsx_rows;

use rust_xlsxwriter::Workbook as XlsxWorkbook;

use crate::error::ReportError;
use crate::model::Workbook;
use cells::Formats;
use layout::SheetLayout;

/// Writes `workbook` as .xlsx bytes: one worksheet per sheet, in order.
///
/// Sheet names are made valid and unique (see [`Sheet::name`](crate::Sheet::name)). Each sheet
/// has its heading lines in bold, the table title, a bold header row that stays in view
/// (frozen pane) with an autofilter, columns sized to their contents (Chinese characters count
/// double) and number formats by column kind. An empty workbook still opens (one blank sheet).
pub fn write_xlsx(workbook: &Workbook) -> Result<Vec<u8>, ReportError> {
    let mut book = XlsxWorkbook::new();
    let formats = Formats::new();
    let names = names::sheet_names(workbook.sheets.iter().map(|s| s.name.as_str()));
    for (sheet, name) in workbook.sheets.iter().zip(names) {
        let out = book.add_worksheet();
        out.set_name(name)?;
        let table = &sheet.table;
        let mut layout =
            SheetLayout::start(out, &formats, &sheet.heading, &table.title, &table.columns)?;
        for row in &table.rows {
            layout.push_row(out, &formats, row)?;
        }
        layout.finish(out)?;
    }
    Ok(book.save_to_buffer()?)
}
