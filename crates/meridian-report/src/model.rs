//! The neutral report model: tables, sheets, charts and documents, with no file format in them.
//!
//! Callers (the analytics in `meridian-app`) build these values once; each writer decides how
//! they look in its format, so a figure reads the same in Excel, CSV and Word.

/// One column of a [`Table`]: its header and how its numbers are shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: String,
    pub kind: ColumnKind,
}

impl Column {
    /// Shorthand for building column lists in callers and tests.
    pub fn new(header: impl Into<String>, kind: ColumnKind) -> Self {
        Column {
            header: header.into(),
            kind,
        }
    }
}

/// How a column's values are shown. The value itself lives in [`Cell`]; the kind only picks
/// the display (number format in Excel, text format in Word).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    /// Whole numbers with thousands separators ("1,234").
    Integer,
    /// Up to two decimals with thousands separators ("1,234.57").
    Number,
    /// Fractions shown as percentages (0.85 is "85%").
    Percent,
    /// Dates arrive as text ("2024-05-01" or the partial "2024-05") and stay text, so a partial
    /// date is never invented into a full one.
    Date,
}

/// One value in a table row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// Any number; NaN and infinities are written as empty cells (no format can show them).
    Number(f64),
    /// 0.5 = 50 %
    Percent(f64),
    /// A clickable link in Excel and Word; CSV keeps only the text.
    Link {
        text: String,
        url: String,
    },
}

impl Cell {
    /// Shorthand for the most common cell.
    pub fn text(text: impl Into<String>) -> Self {
        Cell::Text(text.into())
    }

    /// Shorthand for a link cell.
    pub fn link(text: impl Into<String>, url: impl Into<String>) -> Self {
        Cell::Link {
            text: text.into(),
            url: url.into(),
        }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

impl From<f64> for Cell {
    fn from(value: f64) -> Self {
        Cell::Number(value)
    }
}

impl From<i64> for Cell {
    fn from(value: i64) -> Self {
        // Report counts stay far below 2^53, where f64 is exact.
        Cell::Number(value as f64)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(value: Option<T>) -> Self {
        value.map_or(Cell::Empty, Into::into)
    }
}

/// A titled grid of cells under typed columns.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// How many columns the writers lay out: the headers, or more if a row is longer, so that
    /// no value is ever dropped.
    pub fn width(&self) -> usize {
        self.rows
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(0)
            .max(self.columns.len())
    }

    /// The kind of column `index`; columns past the headers are text.
    pub fn kind(&self, index: usize) -> ColumnKind {
        column_kind(&self.columns, index)
    }
}

/// The kind of column `index` in `columns`; columns past the headers are text.
pub(crate) fn column_kind(columns: &[Column], index: usize) -> ColumnKind {
    columns.get(index).map_or(ColumnKind::Text, |c| c.kind)
}

/// One worksheet of a [`Workbook`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// Any text: the writer makes it a valid, unique Excel sheet name.
    pub name: String,
    /// lines above the table (plan title, document number, "as of" date)
    pub heading: Vec<String>,
    pub table: Table,
}

/// A spreadsheet: one worksheet per sheet, in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
}

/// A category chart: bars, optionally with lines (targets) drawn over them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Chart {
    pub title: String,
    pub categories: Vec<String>,
    pub series: Vec<ChartSeries>,
    /// Shown as the value axis title (for example "人次" or "USD"); empty for none.
    pub unit: String,
}

/// One named series of a [`Chart`], one value per category.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSeries {
    pub name: String,
    /// `None` is a gap (no data), which is not the same as zero.
    pub values: Vec<Option<f64>>,
    pub style: SeriesStyle,
}

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesStyle {
    Bar,
    /// Used for targets drawn over bars.
    Line,
}

/// One piece of a [`Document`], in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Levels 1 to 3; other values are clamped into that range.
    Heading {
        level: u8,
        text: String,
    },
    /// Plain text; a '\n' inside becomes a line break, not a new paragraph.
    Paragraph(String),
    Table(Table),
    Chart(Chart),
}

/// A report document (written as .docx).
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    pub subtitle: Option<String>,
    pub blocks: Vec<Block>,
    /// "zh-CN" or "en": the proofing language and the document's metadata language.
    pub language: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_longer_than_the_headers_widens_the_table() {
        let table = Table {
            title: String::new(),
            columns: vec![Column::new("a", ColumnKind::Integer)],
            rows: vec![vec![Cell::Empty, Cell::text("extra")]],
        };
        assert_eq!(table.width(), 2);
        assert_eq!(table.kind(0), ColumnKind::Integer);
        assert_eq!(table.kind(1), ColumnKind::Text);
    }

    #[test]
    fn a_missing_value_becomes_an_empty_cell() {
        assert_eq!(Cell::from(None::<f64>), Cell::Empty);
        assert_eq!(Cell::from(Some(3_i64)), Cell::Number(3.0));
    }
}
