//! The shape of a report sheet, shared by the in-memory and the streaming writer: bold heading
//! lines, a bold header row, the rows, then the frozen pane, autofilter and column widths.

use rust_xlsxwriter::{ColNum, RowNum, Worksheet};

use super::cells::{fit, write_cell, Formats};
use crate::error::ReportError;
use crate::model::{column_kind, Cell, Column, ColumnKind};
use crate::text::{display, display_width};

/// Excel's last row index (1,048,576 rows).
const LAST_ROW: RowNum = 1_048_575;
/// Column widths in Latin characters: narrow enough to show many columns, wide enough to read.
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 60;
/// Room for the autofilter drop-down arrow beside a header.
const FILTER_ARROW: usize = 3;

/// A sheet being written, row by row. Keeps only per-column state, never the rows, so the
/// streaming writer stays in constant memory.
pub(crate) struct SheetLayout {
    columns: Vec<Column>,
    header_row: RowNum,
    next_row: RowNum,
    widths: Vec<usize>,
    links: u32,
}

impl SheetLayout {
    /// Writes the heading lines, the table title (if any) and the header row.
    pub(crate) fn start(
        sheet: &mut Worksheet,
        formats: &Formats,
        heading: &[String],
        title: &str,
        columns: &[Column],
    ) -> Result<Self, ReportError> {
        let mut row: RowNum = 0;
        let title = (!title.trim().is_empty()).then_some(title);
        for line in heading.iter().map(String::as_str).chain(title) {
            sheet.write_string_with_format(row, 0, fit(line), &formats.bold)?;
            row += 1;
        }
        // A blank row keeps Excel from reading the heading as part of the table.
        if row > 0 {
            row += 1;
        }
        let mut widths = Vec::with_capacity(columns.len());
        for (col, column) in columns.iter().enumerate() {
            let format = match column.kind {
                ColumnKind::Integer | ColumnKind::Number | ColumnKind::Percent => {
                    &formats.header_numeric
                }
                ColumnKind::Text | ColumnKind::Date => &formats.header,
            };
            sheet.write_string_with_format(row, col_num(col)?, fit(&column.header), format)?;
            widths.push(display_width(&column.header) + FILTER_ARROW);
        }
        Ok(SheetLayout {
            columns: columns.to_vec(),
            header_row: row,
            next_row: row + 1,
            widths,
            links: 0,
        })
    }

    /// Writes one table row below the previous one.
    pub(crate) fn push_row(
        &mut self,
        sheet: &mut Worksheet,
        formats: &Formats,
        cells: &[Cell],
    ) -> Result<(), ReportError> {
        if self.next_row > LAST_ROW {
            return Err(ReportError::TooManyRows {
                limit: LAST_ROW + 1,
            });
        }
        if cells.len() > self.widths.len() {
            self.widths.resize(cells.len(), 0);
        }
        for (col, cell) in cells.iter().enumerate() {
            let kind = self.kind(col);
            let at = (self.next_row, col_num(col)?);
            write_cell(sheet, formats, at, cell, kind, &mut self.links)?;
            let width = display_width(&display(cell, kind));
            self.widths[col] = self.widths[col].max(width);
        }
        self.next_row += 1;
        Ok(())
    }

    /// Freezes the header, puts the autofilter on the table and sizes the columns.
    pub(crate) fn finish(self, sheet: &mut Worksheet) -> Result<(), ReportError> {
        if self.widths.is_empty() {
            return Ok(());
        }
        let last_col = col_num(self.widths.len() - 1)?;
        sheet.set_freeze_panes(self.header_row + 1, 0)?;
        sheet.autofilter(self.header_row, 0, self.next_row - 1, last_col)?;
        for (col, width) in self.widths.iter().enumerate() {
            // One character of padding each side, as Excel's own autofit leaves.
            let width = (width + 2).clamp(MIN_WIDTH, MAX_WIDTH);
            sheet.set_column_width(col_num(col)?, width as f64)?;
        }
        Ok(())
    }

    fn kind(&self, col: usize) -> ColumnKind {
        column_kind(&self.columns, col)
    }
}

/// A column index as Excel's type; past Excel's 16,384 columns the write itself fails.
fn col_num(col: usize) -> Result<ColNum, ReportError> {
    ColNum::try_from(col)
        .map_err(|_| ReportError::Xlsx(rust_xlsxwriter::XlsxError::RowColumnLimitError))
}
