//! Meridian's report files: neutral report data (tables, sheets, charts, documents) written as
//! .xlsx, .csv and .docx, plus small readers ([`inspect`]) for checking generated files in tests.
//!
//! This crate knows file formats only: it depends on no other Meridian crate, and callers
//! compute every figure before handing it over, so a number reads the same in every format.

mod csv_out;
mod docx;
mod error;
pub mod inspect;
mod model;
mod pdf;
mod text;
mod xlsx;

pub use csv_out::write_csv;
pub use docx::write_docx;
pub use error::ReportError;
pub use model::{
    Block, Cell, Chart, ChartSeries, Column, ColumnKind, Document, SeriesStyle, Sheet, Table,
    Workbook,
};
pub use pdf::write_pdf;
pub use xlsx::{write_xlsx, write_xlsx_rows};
