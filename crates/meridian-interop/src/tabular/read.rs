//! Reading a spreadsheet a person sends: CSV (UTF-8, with or without a byte-order mark) or
//! .xlsx (first sheet), into a header row and rows of cell text. Refuses, before parsing,
//! files over the size limit, other encodings and zip bombs.

use calamine::{Data, Reader, Xlsx};
use std::io::{Cursor, Read, Seek};

/// What the reader refuses beyond; tests lower them.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Largest total an .xlsx may declare its parts unpack to, in bytes.
    pub max_unpacked_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 100 * 1024 * 1024,
            max_unpacked_bytes: 1024 * 1024 * 1024,
        }
    }
}

/// Why a file cannot be read at all, with the file's name in both languages' messages.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FileError {
    #[error(
        "{file} is {size} bytes, over the limit of {limit} bytes; split it into smaller files"
    )]
    TooLarge { file: String, size: u64, limit: u64 },
    #[error("{file} is not UTF-8 text (byte {offset} is not valid UTF-8); save it as \"CSV UTF-8\" and try again")]
    NotUtf8 { file: String, offset: usize },
    #[error(
        "{file} would unpack to {declared} bytes, over the limit of {limit} bytes (a zip bomb?)"
    )]
    ZipBomb {
        file: String,
        declared: u64,
        limit: u64,
    },
    #[error("{file} cannot be read: {reason}")]
    Unreadable { file: String, reason: String },
    #[error("{file} is neither .csv, .xlsx nor .json")]
    UnknownFormat { file: String },
    #[error("{file} has no header row")]
    Empty { file: String },
}

impl FileError {
    pub fn code(&self) -> &'static str {
        match self {
            FileError::TooLarge { .. } => "file_too_large",
            FileError::NotUtf8 { .. } => "not_utf8",
            FileError::ZipBomb { .. } => "zip_bomb",
            FileError::Unreadable { .. } => "unreadable",
            FileError::UnknownFormat { .. } => "unknown_format",
            FileError::Empty { .. } => "empty_file",
        }
    }

    /// The message in Chinese or English.
    pub fn describe(&self, lang: meridian_domain::Lang) -> String {
        if lang == meridian_domain::Lang::En {
            return self.to_string();
        }
        match self {
            FileError::TooLarge { file, size, limit } => {
                format!("{file} 有 {size} 字节，超过上限 {limit} 字节；请拆分为较小的文件")
            }
            FileError::NotUtf8 { file, offset } => {
                format!("{file} 不是 UTF-8 文本（第 {offset} 字节无效）；请另存为“CSV UTF-8”后重试")
            }
            FileError::ZipBomb {
                file,
                declared,
                limit,
            } => format!("{file} 解压后达 {declared} 字节，超过上限 {limit} 字节（疑似压缩炸弹）"),
            FileError::Unreadable { file, reason } => format!("{file} 无法读取：{reason}"),
            FileError::UnknownFormat { file } => format!("{file} 不是 .csv、.xlsx 或 .json 文件"),
            FileError::Empty { file } => format!("{file} 没有标题行"),
        }
    }
}

/// A file's table: its sheet name (xlsx), header row and the rows below it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    pub name: Option<String>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Refuses a file over the limit before anything reads it.
pub fn check_size(file: &str, size: u64, limits: &Limits) -> Result<(), FileError> {
    if size > limits.max_file_bytes {
        return Err(FileError::TooLarge {
            file: file.into(),
            size,
            limit: limits.max_file_bytes,
        });
    }
    Ok(())
}

/// Reads CSV bytes: UTF-8 only, a leading byte-order mark skipped.
pub fn read_csv(file: &str, bytes: &[u8], limits: &Limits) -> Result<Sheet, FileError> {
    check_size(file, bytes.len() as u64, limits)?;
    let text = std::str::from_utf8(bytes).map_err(|e| FileError::NotUtf8 {
        file: file.into(),
        offset: e.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = reader.records().map(|r| {
        r.map(|r| r.iter().map(undefuse).collect::<Vec<_>>())
            .map_err(|e| FileError::Unreadable {
                file: file.into(),
                reason: e.to_string(),
            })
    });
    let headers = rows
        .next()
        .ok_or_else(|| FileError::Empty { file: file.into() })??;
    Ok(Sheet {
        name: None,
        headers,
        rows: rows.collect::<Result<_, _>>()?,
    })
}

/// Undoes the `'` a CSV writer puts before text a spreadsheet would run as a formula.
fn undefuse(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => cell.to_string(),
    }
}

/// Sums the sizes the zip's entries declare, refusing past the limit.
fn check_zip(file: &str, bytes: &[u8], limits: &Limits) -> Result<(), FileError> {
    let unreadable = |e: zip::result::ZipError| FileError::Unreadable {
        file: file.into(),
        reason: e.to_string(),
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut declared: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(unreadable)?;
        declared = declared.saturating_add(entry.size());
    }
    if declared > limits.max_unpacked_bytes {
        return Err(FileError::ZipBomb {
            file: file.into(),
            declared,
            limit: limits.max_unpacked_bytes,
        });
    }
    Ok(())
}

/// Reads the first sheet of an .xlsx file.
pub fn read_xlsx(file: &str, bytes: Vec<u8>, limits: &Limits) -> Result<Sheet, FileError> {
    check_size(file, bytes.len() as u64, limits)?;
    check_zip(file, &bytes, limits)?;
    let unreadable = |reason: String| FileError::Unreadable {
        file: file.into(),
        reason,
    };
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| unreadable(e.to_string()))?;
    sheet_of(&mut book, file)
}

fn sheet_of<R: Read + Seek>(book: &mut Xlsx<R>, file: &str) -> Result<Sheet, FileError> {
    let name = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| FileError::Empty { file: file.into() })?;
    let range = book
        .worksheet_range(&name)
        .map_err(|e| FileError::Unreadable {
            file: file.into(),
            reason: e.to_string(),
        })?;
    let mut rows = range
        .rows()
        .map(|r| r.iter().map(cell_text).collect::<Vec<_>>());
    let headers = rows
        .next()
        .ok_or_else(|| FileError::Empty { file: file.into() })?;
    Ok(Sheet {
        name: Some(name),
        headers,
        rows: rows.collect(),
    })
}

/// A cell as text: whole numbers without a decimal point, dates as ISO dates.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => excel_date(d.as_f64()),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// An Excel serial day (days since 1899-12-30) as `YYYY-MM-DD`.
fn excel_date(serial: f64) -> String {
    // Days from 1970-01-01, then the civil-from-days algorithm (H. Hinnant).
    let z = serial.floor() as i64 - 25_569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serial_days_are_iso_dates() {
        assert_eq!(excel_date(43_466.0), "2019-01-01");
        assert_eq!(excel_date(45_657.5), "2024-12-31");
    }

    #[test]
    fn csv_with_bom_reads_and_gbk_is_refused_naming_the_file() {
        let sheet = read_csv(
            "a.csv",
            "\u{feff}名称,x\n'-5,2\n".as_bytes(),
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(sheet.headers, ["名称", "x"]);
        assert_eq!(sheet.rows, [["-5", "2"]]);
        // "名称" in GBK.
        let gbk = [0xC3, 0xFB, 0xB3, 0xC6, b'\n'];
        let err = read_csv("gbk.csv", &gbk, &Limits::default()).unwrap_err();
        assert!(err.to_string().contains("gbk.csv"), "{err}");
        assert_eq!(err.code(), "not_utf8");
    }
}
