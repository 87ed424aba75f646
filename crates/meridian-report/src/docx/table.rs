//! A [`Table`] as a Word table: shaded bold header row repeated on every page, numbers
//! formatted and right-aligned, column widths from the contents.

use std::fmt::Write as _;

use super::styles::{table_borders, HEADER_FILL};
use super::xml::{paragraph, styled};
use crate::model::{Cell, ColumnKind, Table};
use crate::text::{display, display_width, is_numeric};

/// Text width of an A4 page with 2.54 cm margins, in twentieths of a point.
pub(crate) const TEXT_WIDTH_TWIPS: usize = 11_906 - 2 * 1_440;
/// Every column gets room for at least this many characters, so short columns stay legible.
const MIN_COLUMN_CHARS: usize = 4;
/// A very long cell wraps rather than starving the other columns of width.
const MAX_COLUMN_CHARS: usize = 40;

/// The table's XML: an optional title paragraph, then the table. A table with no columns and
/// no rows gives just its title: Word refuses a table without rows.
pub(crate) fn table_xml(table: &Table) -> String {
    let mut out = String::new();
    if !table.title.trim().is_empty() {
        out.push_str(&paragraph(&styled("TableTitle"), &table.title, ""));
    }
    let width = table.width();
    if width == 0 {
        return out;
    }
    let widths = column_widths(table, width);
    out.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/>");
    out.push_str("<w:tblW w:w=\"5000\" w:type=\"pct\"/>");
    out.push_str(&table_borders());
    // Header row shading and repetition are direct formatting; the look flags only tell Word's
    // style gallery which parts are special.
    out.push_str(
        "<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" \
         w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
    );
    for w in &widths {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    out.push_str("</w:tblGrid>");
    header_row(&mut out, table, &widths);
    for row in &table.rows {
        body_row(&mut out, table, row, &widths);
    }
    out.push_str("</w:tbl>");
    out
}

/// The header: repeated at the top of every page (`w:tblHeader`) and never split.
fn header_row(out: &mut String, table: &Table, widths: &[usize]) {
    out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (col, width) in widths.iter().enumerate() {
        let header = table.columns.get(col).map_or("", |c| c.header.as_str());
        let right = is_numeric_kind(table.kind(col));
        let shade = format!("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{HEADER_FILL}\"/>");
        cell(
            out,
            *width,
            &shade,
            header,
            right,
            "<w:rPr><w:b/><w:bCs/></w:rPr>",
        );
    }
    out.push_str("</w:tr>");
}

/// A body row, never split across pages; short rows are padded with empty cells, since every
/// row must have a cell for every grid column.
fn body_row(out: &mut String, table: &Table, row: &[Cell], widths: &[usize]) {
    out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
    for (col, width) in widths.iter().enumerate() {
        let value = row.get(col).unwrap_or(&Cell::Empty);
        let text = display(value, table.kind(col));
        cell(out, *width, "", &text, is_numeric(value), "");
    }
    out.push_str("</w:tr>");
}

/// One cell: width, optional shading, one paragraph (Word requires one even when empty).
fn cell(out: &mut String, width: usize, shading: &str, text: &str, right: bool, rpr: &str) {
    let jc = if right { "<w:jc w:val=\"right\"/>" } else { "" };
    let ppr = format!("<w:pPr><w:pStyle w:val=\"TableText\"/>{jc}</w:pPr>");
    let _ = write!(
        out,
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{shading}</w:tcPr>{}</w:tc>",
        paragraph(&ppr, text, rpr)
    );
}

fn is_numeric_kind(kind: ColumnKind) -> bool {
    matches!(
        kind,
        ColumnKind::Integer | ColumnKind::Number | ColumnKind::Percent
    )
}

/// Column widths in twips, shared out across the text width by how much each column needs:
/// its longest text (header or value, Chinese counting double), within bounds.
fn column_widths(table: &Table, width: usize) -> Vec<usize> {
    let mut need = vec![MIN_COLUMN_CHARS; width];
    for (col, column) in table.columns.iter().enumerate() {
        need[col] = need[col].max(display_width(&column.header));
    }
    for row in &table.rows {
        for (col, value) in row.iter().enumerate() {
            let w = display_width(&display(value, table.kind(col)));
            need[col] = need[col].max(w);
        }
    }
    let need: Vec<usize> = need.iter().map(|n| (*n).min(MAX_COLUMN_CHARS)).collect();
    let total: usize = need.iter().sum();
    need.iter()
        .map(|n| (TEXT_WIDTH_TWIPS * n / total).max(1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Column;

    #[test]
    fn widths_fill_the_page_and_follow_the_contents() {
        let table = Table {
            title: String::new(),
            columns: vec![
                Column::new("项目名称", ColumnKind::Text),
                Column::new("n", ColumnKind::Integer),
            ],
            rows: vec![vec![
                Cell::text("中非卫生合作示范项目（第二期）"),
                Cell::Number(3.0),
            ]],
        };
        let widths = column_widths(&table, 2);
        assert!(widths[0] > 3 * widths[1], "{widths:?}");
        let total: usize = widths.iter().sum();
        assert!(total <= TEXT_WIDTH_TWIPS && total + 2 >= TEXT_WIDTH_TWIPS);
    }

    #[test]
    fn numbers_are_right_aligned_and_formatted() {
        let table = Table {
            title: "t".into(),
            columns: vec![Column::new("n", ColumnKind::Integer)],
            rows: vec![vec![Cell::Number(12345.0)]],
        };
        let xml = table_xml(&table);
        assert!(xml.contains(
            "<w:jc w:val=\"right\"/></w:pPr><w:r><w:t xml:space=\"preserve\">12,345</w:t>"
        ));
        assert!(xml.contains("<w:tblHeader/>"));
    }

    #[test]
    fn a_table_without_columns_or_rows_is_only_its_title() {
        let table = Table {
            title: "空表".into(),
            ..Table::default()
        };
        let xml = table_xml(&table);
        assert!(!xml.contains("<w:tbl>"));
        assert!(xml.contains("空表"));
    }
}
