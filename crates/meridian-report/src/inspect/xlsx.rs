//! Reading an .xlsx back through calamine: every sheet's cells as text.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

use super::SheetCells;
use crate::error::ReportError;

/// Every sheet in order as (sheet name, rows of cell text). Rows and columns start at A1, so
/// indices match the sheet (blank leading rows and columns are kept as empty strings).
/// Numbers read as Rust prints them: whole numbers without ".0" ("1234", "0.5"); formats are
/// not applied (a 50 % cell reads "0.5"). Empty cells are "".
pub fn xlsx_cells(bytes: &[u8]) -> Result<Vec<SheetCells>, ReportError> {
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).map_err(unreadable)?;
        let mut rows = Vec::new();
        if let (Some((first_row, first_col)), Some((last_row, last_col))) =
            (range.start(), range.end())
        {
            let width = last_col as usize + 1;
            rows = vec![vec![String::new(); width]; last_row as usize + 1];
            for (r, row) in range.rows().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    rows[first_row as usize + r][first_col as usize + c] = text(cell);
                }
            }
        }
        sheets.push((name, rows));
    }
    Ok(sheets)
}

fn text(cell: &Data) -> String {
    match cell {
        // Rust prints 12.0 as "12" and 0.5 as "0.5": no spreadsheet-style trailing ".0".
        Data::Float(v) => v.to_string(),
        Data::Int(v) => v.to_string(),
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn unreadable(e: impl ToString) -> ReportError {
    ReportError::unreadable("xlsx", e)
}
