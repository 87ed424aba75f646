//! The report layer's error type, with a stable snake_case code per variant.

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    #[error("cannot write the spreadsheet: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("cannot write the CSV file: {0}")]
    Csv(#[from] csv::Error),
    #[error("cannot write or read the file: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot write or read the zip container: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// A streamed table longer than one worksheet can hold (1,048,576 rows with the header).
    #[error("the table has more rows than one worksheet holds ({limit})")]
    TooManyRows { limit: u32 },
    /// Only the readers in `inspect` fail this way: the file is not what its name says.
    #[error("the file is not a readable {format}: {reason}")]
    Unreadable {
        format: &'static str,
        reason: String,
    },
}

impl ReportError {
    /// Stable code, also the translation key.
    pub fn code(&self) -> &'static str {
        match self {
            ReportError::Xlsx(_) => "report_xlsx",
            ReportError::Csv(_) => "report_csv",
            ReportError::Io(_) => "report_io",
            ReportError::Zip(_) => "report_zip",
            ReportError::TooManyRows { .. } => "report_too_many_rows",
            ReportError::Unreadable { .. } => "report_unreadable",
        }
    }

    /// For the readers: wraps a parser's message without exposing the parser's types.
    pub(crate) fn unreadable(format: &'static str, reason: impl ToString) -> Self {
        ReportError::Unreadable {
            format,
            reason: reason.to_string(),
        }
    }
}
