//! A [`Table`] drawn as a grid: shaded bold header row repeated at the top of every page the
//! table reaches, numbers formatted and right-aligned as in Word, column widths from the
//! contents, text wrapped inside its cell, links clickable.

use super::canvas::{Align, Color};
use super::flow::{Flow, TextStyle, FULL_HEIGHT, LEFT, TEXT_WIDTH};
use super::fonts::{text_width, Font};
use super::wrap::wrap;
use crate::docx::styles::{HEADER_FILL, TABLE_BORDER};
use crate::model::{Cell, ColumnKind, Table};
use crate::text::{display, is_numeric};

const CELL: TextStyle = TextStyle {
    font: Font::regular(9.0),
    color: 0x1A1A1A,
    leading: 11.5,
};
const HEADER: TextStyle = TextStyle {
    font: Font::bold(9.0),
    ..CELL
};
const CAPTION: TextStyle = TextStyle {
    font: Font::bold(10.5),
    color: 0x1A1A1A,
    leading: 15.0,
};
/// Links in the colour Word gives hyperlinks.
const LINK_COLOR: Color = 0x0563C1;
const PAD_X: f64 = 4.0;
const PAD_Y: f64 = 3.0;
const GRID_LINE: f64 = 0.5;
/// Every column gets room for a few digits, so short columns stay legible.
const MIN_COLUMN: f64 = 28.0;
/// A long text wraps rather than starving the other columns of width (about 40 characters).
const MAX_COLUMN: f64 = 200.0;
/// Space before a table (and its caption) and after it.
const BEFORE: f64 = 12.0;
const AFTER: f64 = 10.0;

/// One cell ready to draw: its wrapped lines and how they look.
struct CellText {
    lines: Vec<String>,
    style: TextStyle,
    align: Align,
    fill: Option<Color>,
    uri: Option<String>,
}

/// The grid's columns: left edges and widths in points.
struct Grid {
    xs: Vec<f64>,
    widths: Vec<f64>,
    header: Vec<CellText>,
    header_height: f64,
}

pub(crate) fn table(flow: &mut Flow, table: &Table) {
    flow.space(BEFORE);
    let caption = if table.title.trim().is_empty() {
        Vec::new()
    } else {
        wrap(&table.title, CAPTION.font, TEXT_WIDTH)
    };
    let caption_height = caption.len() as f64 * CAPTION.leading;
    let columns = table.width();
    if columns == 0 {
        flow.lines(&caption, CAPTION, LEFT, TEXT_WIDTH, Align::Left, 0.0);
        flow.space(AFTER);
        return;
    }
    let widths = column_widths(table, columns);
    let xs = widths
        .iter()
        .scan(LEFT, |x, w| {
            let left = *x;
            *x += w;
            Some(left)
        })
        .collect();
    let header: Vec<CellText> = (0..columns)
        .map(|col| header_cell(table, col, widths[col]))
        .collect();
    let header_height = height(line_count(&header));
    let grid = Grid {
        xs,
        widths,
        header,
        header_height,
    };
    // The caption, the header and the start of the first row stay together.
    let first_row = table.rows.first().map_or(0.0, |row| {
        height(line_count(&body_cells(table, row, &grid)).min(3))
    });
    flow.ensure(caption_height + 3.0 + header_height + first_row);
    if !caption.is_empty() {
        flow.lines(&caption, CAPTION, LEFT, TEXT_WIDTH, Align::Left, 0.0);
        flow.advance(3.0);
    }
    draw_slice(flow, &grid, &grid.header, 0, line_count(&grid.header));
    for row in &table.rows {
        body_row(flow, &grid, &body_cells(table, row, &grid));
    }
    flow.space(AFTER);
}

fn header_cell(table: &Table, col: usize, width: f64) -> CellText {
    let text = table.columns.get(col).map_or("", |c| c.header.as_str());
    let align = if is_numeric_kind(table.kind(col)) {
        Align::Right
    } else {
        Align::Left
    };
    CellText {
        lines: wrap(text, HEADER.font, width - 2.0 * PAD_X),
        style: HEADER,
        align,
        fill: Some(hex(HEADER_FILL)),
        uri: None,
    }
}

/// A row's cells, padded with empty cells to the grid's width.
fn body_cells(table: &Table, row: &[Cell], grid: &Grid) -> Vec<CellText> {
    grid.widths
        .iter()
        .enumerate()
        .map(|(col, width)| {
            let value = row.get(col).unwrap_or(&Cell::Empty);
            let uri = match value {
                Cell::Link { url, .. } => simple_uri(url),
                _ => None,
            };
            let style = if uri.is_some() {
                TextStyle {
                    color: LINK_COLOR,
                    ..CELL
                }
            } else {
                CELL
            };
            CellText {
                lines: wrap(
                    &display(value, table.kind(col)),
                    style.font,
                    width - 2.0 * PAD_X,
                ),
                style,
                align: if is_numeric(value) {
                    Align::Right
                } else {
                    Align::Left
                },
                fill: None,
                uri,
            }
        })
        .collect()
}

/// A body row: on this page if it fits, else on the next under a repeated header. A row too
/// tall for any page is split line by line, so no text is ever cut off.
fn body_row(flow: &mut Flow, grid: &Grid, cells: &[CellText]) {
    let total = line_count(cells);
    let fit_fresh = fitting_lines(FULL_HEIGHT - grid.header_height);
    let mut start = 0;
    // True right after a page break: the row then takes at least a line, so the loop always
    // moves on even under a header that fills a whole page.
    let mut fresh = false;
    loop {
        let rest = total - start;
        let mut fit = fitting_lines(flow.room());
        if fresh {
            fit = fit.max(1);
        }
        if rest <= fit {
            draw_slice(flow, grid, cells, start, rest);
            return;
        }
        if !fresh && (fit == 0 || rest <= fit_fresh) {
            continue_on_next_page(flow, grid);
            fresh = true;
            continue;
        }
        draw_slice(flow, grid, cells, start, fit);
        start += fit;
        continue_on_next_page(flow, grid);
        fresh = true;
    }
}

fn continue_on_next_page(flow: &mut Flow, grid: &Grid) {
    flow.new_page();
    draw_slice(flow, grid, &grid.header, 0, line_count(&grid.header));
}

/// Lines `start..start + count` of every cell of a row, in one band of cells with its grid.
fn draw_slice(flow: &mut Flow, grid: &Grid, cells: &[CellText], start: usize, count: usize) {
    let band = height(count);
    let top = flow.y();
    let bottom = top - band;
    let canvas = flow.canvas();
    for ((x, w), cell) in grid.xs.iter().zip(&grid.widths).zip(cells) {
        if let Some(fill) = cell.fill {
            canvas.fill_rect(*x, bottom, *w, band, fill);
        }
    }
    let mut links = Vec::new();
    for ((x, w), cell) in grid.xs.iter().zip(&grid.widths).zip(cells) {
        let end = (start + count).min(cell.lines.len());
        let lines = cell.lines.get(start..end).unwrap_or_default();
        for (i, line) in lines.iter().enumerate() {
            let baseline = cell
                .style
                .baseline(top - PAD_Y - i as f64 * cell.style.leading);
            canvas.aligned_text(
                x + PAD_X,
                w - 2.0 * PAD_X,
                baseline,
                line,
                cell.style.font,
                cell.style.color,
                cell.align,
            );
        }
        if let Some(uri) = cell.uri.as_ref().filter(|_| !lines.is_empty()) {
            links.push(([*x, bottom, x + w, top], uri.clone()));
        }
    }
    let grid_color = hex(TABLE_BORDER);
    for (x, w) in grid.xs.iter().zip(&grid.widths) {
        canvas.stroke_rect(*x, bottom, *w, band, GRID_LINE, grid_color);
    }
    for (rect, uri) in links {
        flow.link(rect, uri);
    }
    flow.advance(band);
}

/// Lines in the row's tallest cell; an empty row still takes one line.
fn line_count(cells: &[CellText]) -> usize {
    cells
        .iter()
        .map(|c| c.lines.len())
        .max()
        .unwrap_or(0)
        .max(1)
}

fn height(lines: usize) -> f64 {
    lines as f64 * CELL.leading + 2.0 * PAD_Y
}

/// How many lines of a row fit in `room` points.
fn fitting_lines(room: f64) -> usize {
    let lines = ((room - 2.0 * PAD_Y + 0.01) / CELL.leading).floor();
    if lines > 0.0 {
        lines as usize
    } else {
        0
    }
}

fn is_numeric_kind(kind: ColumnKind) -> bool {
    matches!(
        kind,
        ColumnKind::Integer | ColumnKind::Number | ColumnKind::Percent
    )
}

/// Column widths in points, shared out across the text width by how much each column needs:
/// its widest line (header or value), within bounds.
fn column_widths(table: &Table, columns: usize) -> Vec<f64> {
    let widest = |text: &str, font: Font| {
        text.lines()
            .map(|line| text_width(line, font))
            .fold(0.0, f64::max)
            + 2.0 * PAD_X
    };
    let mut need = vec![MIN_COLUMN; columns];
    for (col, column) in table.columns.iter().enumerate() {
        need[col] = need[col].max(widest(&column.header, HEADER.font));
    }
    for row in &table.rows {
        for (col, value) in row.iter().enumerate() {
            let w = widest(&display(value, table.kind(col)), CELL.font);
            need[col] = need[col].max(w);
        }
    }
    let need: Vec<f64> = need.iter().map(|n| n.min(MAX_COLUMN)).collect();
    let total: f64 = need.iter().sum();
    need.iter().map(|n| TEXT_WIDTH * n / total).collect()
}

/// The address for a link annotation, when it is a plain web or mail address: other schemes
/// (javascript:, file:) stay text. Characters a PDF URI may not hold are percent-encoded.
fn simple_uri(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    if !["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
    {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for byte in url.bytes() {
        if byte.is_ascii_graphic() {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    Some(out)
}

/// The Word writer's colours ("D9E2F3") as numbers.
fn hex(color: &str) -> Color {
    Color::from_str_radix(color, 16).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Column;

    #[test]
    fn widths_fill_the_text_width_and_follow_the_contents() {
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
        assert!(widths[0] > 3.0 * widths[1], "{widths:?}");
        assert!((widths.iter().sum::<f64>() - TEXT_WIDTH).abs() < 1e-6);
    }

    #[test]
    fn only_web_and_mail_addresses_become_links() {
        assert_eq!(
            simple_uri(" https://example.org/a b/中 "),
            Some("https://example.org/a%20b/%E4%B8%AD".to_owned())
        );
        assert!(simple_uri("mailto:a@example.org").is_some());
        assert_eq!(simple_uri("javascript:alert(1)"), None);
        assert_eq!(simple_uri("https://"), None);
        assert_eq!(simple_uri("example.org"), None);
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_without_losing_lines() {
        let long = "word ".repeat(3000);
        let table = Table {
            title: "t".into(),
            columns: vec![Column::new("h", ColumnKind::Text)],
            rows: vec![vec![Cell::text(long.clone())], vec![Cell::text("after")]],
        };
        let mut flow = Flow::new();
        super::table(&mut flow, &table);
        let pages = flow.finish();
        assert!(pages.len() >= 3, "{} pages", pages.len());
        let words: usize = pages
            .into_iter()
            .map(|p| String::from_utf8(p.canvas.into_bytes()).unwrap())
            .map(|ops| ops.matches("word").count())
            .sum();
        assert_eq!(words, 3000);
    }
}
