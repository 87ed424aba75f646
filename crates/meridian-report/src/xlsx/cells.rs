//! One cell into a worksheet: the value, its number format and, for links, the hyperlink.

use rust_xlsxwriter::{
    ColNum, Color, Format, FormatAlign, FormatBorder, RowNum, Url, Worksheet, XlsxError,
};

use crate::model::{Cell, ColumnKind};
use crate::text::{finite, is_whole_at_two_decimals, is_whole_percent};

/// Excel refuses longer cell text; a longer text is cut and ends with "…".
const MAX_CELL_CHARS: usize = 32_767;

/// Excel stops honouring hyperlinks past this many on one sheet; later links become text.
pub(crate) const MAX_LINKS_PER_SHEET: u32 = 65_530;

/// The formats a report sheet uses, created once per workbook.
pub(crate) struct Formats {
    pub(crate) bold: Format,
    pub(crate) header: Format,
    /// Numeric columns' headers sit right, above their right-aligned numbers (as in Word).
    pub(crate) header_numeric: Format,
    pub(crate) text: Format,
    general: Format,
    integer: Format,
    number: Format,
    percent: Format,
    percent_tenths: Format,
    link: Format,
}

impl Formats {
    pub(crate) fn new() -> Self {
        Formats {
            bold: Format::new().set_bold(),
            // Same shading as the Word tables, so both reports look alike.
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xD9E2F3))
                .set_border_bottom(FormatBorder::Thin),
            header_numeric: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xD9E2F3))
                .set_border_bottom(FormatBorder::Thin)
                .set_align(FormatAlign::Right),
            // "@" keeps text such as "2024-05" from being turned into a date when edited.
            text: Format::new().set_num_format("@"),
            general: Format::new(),
            integer: Format::new().set_num_format("#,##0"),
            number: Format::new().set_num_format("#,##0.##"),
            percent: Format::new().set_num_format("0%"),
            percent_tenths: Format::new().set_num_format("0.0%"),
            link: Format::new().set_hyperlink(),
        }
    }

    /// The format for a number in a column of `kind`. Whole values use "#,##0" even in Number
    /// columns: "#,##0.##" would show 12 as "12." in Excel. Text and Date columns show numbers
    /// as they are (a year is "2024", not "2,024").
    fn for_number(&self, value: f64, kind: ColumnKind) -> &Format {
        match kind {
            ColumnKind::Percent => self.for_percent(value),
            ColumnKind::Integer => &self.integer,
            ColumnKind::Number if is_whole_at_two_decimals(value) => &self.integer,
            ColumnKind::Number => &self.number,
            ColumnKind::Text | ColumnKind::Date => &self.general,
        }
    }

    /// "0%" unless the value needs its one decimal ("85.5%"), as in Word.
    fn for_percent(&self, fraction: f64) -> &Format {
        if is_whole_percent(fraction) {
            &self.percent
        } else {
            &self.percent_tenths
        }
    }
}

/// Writes `cell` at (`row`, `col`). `links` counts the sheet's hyperlinks so far.
pub(crate) fn write_cell(
    sheet: &mut Worksheet,
    formats: &Formats,
    (row, col): (RowNum, ColNum),
    cell: &Cell,
    kind: ColumnKind,
    links: &mut u32,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(text) => {
            sheet.write_string_with_format(row, col, fit(text), &formats.text)?;
        }
        Cell::Number(v) => {
            if let Some(v) = finite(*v) {
                sheet.write_number_with_format(row, col, v, formats.for_number(v, kind))?;
            }
        }
        Cell::Percent(v) => {
            if let Some(v) = finite(*v) {
                sheet.write_number_with_format(row, col, v, formats.for_percent(v))?;
            }
        }
        Cell::Link { text, url } => write_link(sheet, formats, (row, col), text, url, links)?,
    }
    Ok(())
}

/// A hyperlink, or plain text when Excel cannot take it: a relative or unknown-scheme URL, one
/// longer than Excel's 2,080 characters, or past the sheet's hyperlink limit. A report with a
/// link shown as text beats no report.
fn write_link(
    sheet: &mut Worksheet,
    formats: &Formats,
    (row, col): (RowNum, ColNum),
    text: &str,
    url: &str,
    links: &mut u32,
) -> Result<(), XlsxError> {
    if *links < MAX_LINKS_PER_SHEET {
        let link = Url::new(url).set_text(fit(text));
        match sheet.write_url_with_format(row, col, link, &formats.link) {
            Ok(_) => {
                *links += 1;
                return Ok(());
            }
            Err(XlsxError::UnknownUrlType(_) | XlsxError::MaxUrlLengthExceeded) => {}
            Err(other) => return Err(other),
        }
    }
    sheet.write_string_with_format(row, col, fit(text), &formats.text)?;
    Ok(())
}

/// The text cut to Excel's cell limit (counted in UTF-16 units, as Excel counts).
pub(crate) fn fit(text: &str) -> String {
    // A UTF-8 byte count bounds the UTF-16 count, so most texts skip the exact count.
    if text.len() <= MAX_CELL_CHARS || text.encode_utf16().count() <= MAX_CELL_CHARS {
        return text.to_owned();
    }
    let mut units = 0;
    let mut out = String::new();
    for c in text.chars() {
        units += c.len_utf16();
        // One unit stays free for the ellipsis.
        if units >= MAX_CELL_CHARS {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn over_long_text_is_cut_to_excels_limit() {
        let long = "卫".repeat(40_000);
        let cut = fit(&long);
        assert_eq!(cut.encode_utf16().count(), MAX_CELL_CHARS);
        assert!(cut.ends_with('…'));
        assert_eq!(fit("短"), "短");
        let exact = "卫".repeat(MAX_CELL_CHARS);
        assert_eq!(fit(&exact), exact);
    }
}
