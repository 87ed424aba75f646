//! What an import found: counts and every problem, classed critical (the file as a whole
//! cannot be read), error (a row cannot be recorded) or warning (noted; the import goes
//! ahead). Any critical problem or error means nothing is written.

use meridian_domain::{Lang, RecordKind};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Critical,
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Critical, Lang::Zh) => "严重",
            (Severity::Error, Lang::Zh) => "错误",
            (Severity::Warning, Lang::Zh) => "警告",
            (Severity::Critical, Lang::En) => "critical",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
        }
    }
}

/// One problem: where (the spreadsheet's row number, header row = 1; the column's header as
/// in the file) and why, in the language asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportProblem {
    pub severity: Severity,
    pub row: Option<usize>,
    pub column: Option<String>,
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub file: String,
    pub kind: Option<RecordKind>,
    /// Data rows read (blank rows left out).
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    /// Rows equal to the record they match: nothing to write.
    pub unchanged: usize,
    /// Whether the records were written (false on a dry run or when refused).
    pub written: bool,
    pub problems: Vec<ImportProblem>,
}

impl ImportReport {
    pub fn refused(&self) -> bool {
        self.problems
            .iter()
            .any(|p| p.severity != Severity::Warning)
    }

    pub(crate) fn push(
        &mut self,
        severity: Severity,
        row: Option<usize>,
        column: Option<&str>,
        code: &str,
        message: String,
    ) {
        self.problems.push(ImportProblem {
            severity,
            row,
            column: column.map(str::to_string),
            code: code.to_string(),
            message,
        });
    }

    /// A one-line summary in `lang`.
    pub fn summary(&self, lang: Lang) -> String {
        let (c, u, s) = (self.created, self.updated, self.unchanged);
        let file = &self.file;
        match (lang, self.written, self.refused()) {
            (Lang::Zh, _, true) => format!("{file}：发现问题，未写入任何记录"),
            (Lang::En, _, true) => format!("{file}: problems found, nothing was written"),
            (Lang::Zh, true, _) => format!("{file}：新建 {c} 条，更新 {u} 条，未变 {s} 条"),
            (Lang::En, true, _) => {
                format!("{file}: {c} created, {u} updated, {s} unchanged")
            }
            (Lang::Zh, false, _) => {
                format!("{file}（试运行）：将新建 {c} 条，更新 {u} 条，未变 {s} 条")
            }
            (Lang::En, false, _) => {
                format!("{file} (dry run): would create {c}, update {u}, leave {s} unchanged")
            }
        }
    }

    /// One line per problem: `row 3, column "Name (Chinese)": error: …`.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        self.problems
            .iter()
            .map(|p| {
                let place = match (lang, p.row, &p.column) {
                    (Lang::Zh, Some(r), Some(c)) => format!("第 {r} 行，“{c}”列："),
                    (Lang::Zh, Some(r), None) => format!("第 {r} 行："),
                    (Lang::Zh, None, Some(c)) => format!("“{c}”列："),
                    (Lang::En, Some(r), Some(c)) => format!("row {r}, column \"{c}\": "),
                    (Lang::En, Some(r), None) => format!("row {r}: "),
                    (Lang::En, None, Some(c)) => format!("column \"{c}\": "),
                    (_, None, None) => String::new(),
                };
                format!("{}{place}{}", prefix(p.severity, lang), p.message)
            })
            .collect()
    }
}

fn prefix(severity: Severity, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("[{}] ", severity.label(lang)),
        Lang::En => format!("{}: ", severity.label(lang)),
    }
}
