//! Tables as CSV for Excel and scripts alike.

use std::io::Write;

use crate::error::ReportError;
use crate::model::{Cell, ColumnKind, Table};
use crate::text::finite;

/// Excel reads a CSV file as the local ANSI code page unless it starts with this mark; with it,
/// Chinese opens correctly.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes `table` as UTF-8 CSV with a byte-order mark: a header row from the column headers,
/// then one record per row, every record as wide as the widest (short rows are padded).
///
/// Values are written for reading back, not for show:
/// - numbers in full precision without thousands separators ("1234.5"), whatever the column
///   kind, so scripts parse them;
/// - percentages (percent cells, and numbers in Percent columns) as "50%" (0.5 is "50%", 0.855 is "85.5%", at most 6 decimals): Excel reads
///   that back as the number 0.5 formatted as a percentage, and a person reading the file sees
///   the same figure as in the report;
/// - links as their text (the URL is lost; give it a column of its own if it matters);
/// - NaN, infinities and empty cells as empty fields;
/// - text beginning with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`,
///   so spreadsheet programs never run it as a formula (CSV injection).
///
/// The table title is not written: CSV has no place for it.
pub fn write_csv(table: &Table, mut out: impl Write) -> Result<(), ReportError> {
    out.write_all(UTF8_BOM)?;
    let width = table.width();
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let mut record: Vec<String> = table.columns.iter().map(|c| c.header.clone()).collect();
    record.resize(width, String::new());
    writer.write_record(&record)?;
    for row in &table.rows {
        record.clear();
        record.extend(
            row.iter()
                .enumerate()
                .map(|(i, cell)| field(cell, table.kind(i))),
        );
        record.resize(width, String::new());
        writer.write_record(&record)?;
    }
    writer.flush()?;
    Ok(())
}

fn field(cell: &Cell, kind: ColumnKind) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) | Cell::Link { text, .. } => defuse(text),
        // Rust prints the shortest text that reads back as the same f64, without exponent.
        // A plain number in a Percent column is a fraction too, as in the other formats.
        Cell::Number(v) if kind == ColumnKind::Percent => {
            finite(*v).map(percent).unwrap_or_default()
        }
        Cell::Number(v) => finite(*v).map(|v| v.to_string()).unwrap_or_default(),
        Cell::Percent(v) => finite(*v).map(percent).unwrap_or_default(),
    }
}

fn percent(fraction: f64) -> String {
    // Six decimals hide f64 noise (0.07 * 100 is 7.000000000000001) and keep real precision.
    let fixed = format!("{:.6}", fraction * 100.0);
    let trimmed = fixed.trim_end_matches('0').trim_end_matches('.');
    let trimmed = if trimmed == "-0" { "0" } else { trimmed };
    format!("{trimmed}%")
}

/// Prefixes text a spreadsheet would run as a formula.
fn defuse(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_are_written_as_excel_reads_them() {
        assert_eq!(percent(0.5), "50%");
        assert_eq!(percent(0.07), "7%");
        assert_eq!(percent(0.855), "85.5%");
        assert_eq!(percent(-0.0000000001), "0%");
    }

    #[test]
    fn text_that_looks_like_a_formula_is_defused() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("-5"), "'-5");
        assert_eq!(defuse("卫生"), "卫生");
        assert_eq!(field(&Cell::Number(-5.0), ColumnKind::Integer), "-5");
        assert_eq!(field(&Cell::Number(0.25), ColumnKind::Percent), "25%");
    }
}
