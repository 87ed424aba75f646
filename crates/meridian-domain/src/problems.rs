//! Validation problems. Validation collects every problem at once; each names the field
//! (`membership.joined`) and a reason that can be told in Chinese or English.

use crate::text::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a field is wrong. The snake_case tag is stable and doubles as a translation key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    /// Neither a Chinese nor an English text was given.
    Required,
    MonthOutOfRange {
        month: u32,
    },
    DayOutOfRange {
        year: i32,
        month: u32,
        day: u32,
    },
    YearOutOfRange {
        year: i32,
    },
    NotADate {
        text: String,
    },
    EndBeforeStart,
    Negative {
        value: f64,
    },
    NotFinite,
    TooFew {
        min: usize,
        found: usize,
    },
    Duplicate {
        value: String,
    },
    UnknownCountry {
        code: String,
    },
    UnknownCode {
        code: String,
    },
    SameRecord,
    /// A link names a record that does not exist (or is in the trash).
    MissingRecord {
        id: String,
    },
    /// A link names a record of the wrong kind.
    WrongKind {
        id: String,
        expected: String,
        found: String,
    },
    BadFormat {
        expected: String,
    },
    TooLong {
        max: usize,
    },
    TooShort {
        min: usize,
    },
    /// A user name outside the allowed form.
    BadUserName,
    /// An organization that is not (yet) a reporting unit.
    NotAUnit {
        id: String,
    },
    /// A file that cannot be read as what it claims to be, told by its reader in each
    /// language (a parser's own words may stay in English inside the Chinese text).
    Unreadable {
        en: String,
        zh: String,
    },
}

impl Reason {
    pub fn code(&self) -> &'static str {
        match self {
            Reason::Required => "required",
            Reason::MonthOutOfRange { .. } => "month_out_of_range",
            Reason::DayOutOfRange { .. } => "day_out_of_range",
            Reason::YearOutOfRange { .. } => "year_out_of_range",
            Reason::NotADate { .. } => "not_a_date",
            Reason::EndBeforeStart => "end_before_start",
            Reason::Negative { .. } => "negative",
            Reason::NotFinite => "not_finite",
            Reason::TooFew { .. } => "too_few",
            Reason::Duplicate { .. } => "duplicate",
            Reason::UnknownCountry { .. } => "unknown_country",
            Reason::UnknownCode { .. } => "unknown_code",
            Reason::SameRecord => "same_record",
            Reason::MissingRecord { .. } => "missing_record",
            Reason::WrongKind { .. } => "wrong_kind",
            Reason::BadFormat { .. } => "bad_format",
            Reason::TooLong { .. } => "too_long",
            Reason::TooShort { .. } => "too_short",
            Reason::BadUserName => "bad_user_name",
            Reason::NotAUnit { .. } => "not_a_unit",
            Reason::Unreadable { .. } => "unreadable",
        }
    }

    /// The reason in words a person can act on, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.describe_en(),
            Lang::Zh => self.describe_zh(),
        }
    }

    fn describe_en(&self) -> String {
        match self {
            Reason::Required => "is required in Chinese or English".into(),
            Reason::MonthOutOfRange { month } => format!("month {month} does not exist"),
            Reason::DayOutOfRange { year, month, day } => {
                format!("day {day} does not exist in {year}-{month:02}")
            }
            Reason::YearOutOfRange { year } => format!("year {year} is out of range (1-9999)"),
            Reason::NotADate { text } => {
                format!("\"{text}\" is not a date (use 2019, 2019-05 or 2019-05-11)")
            }
            Reason::EndBeforeStart => "ends before it starts".into(),
            Reason::Negative { value } => format!("{value} is negative; it must be zero or more"),
            Reason::NotFinite => "is not a finite number".into(),
            Reason::TooFew { min, found } => format!("needs at least {min}, found {found}"),
            Reason::Duplicate { value } => format!("\"{value}\" is given twice"),
            Reason::UnknownCountry { code } => {
                format!("\"{code}\" is not an ISO 3166-1 country code")
            }
            Reason::UnknownCode { code } => format!("\"{code}\" is not an allowed code"),
            Reason::SameRecord => "links a record to itself".into(),
            Reason::MissingRecord { id } => format!("record {id} does not exist"),
            Reason::WrongKind {
                id,
                expected,
                found,
            } => {
                format!("record {id} is a {found}, expected {expected}")
            }
            Reason::BadFormat { expected } => format!("is not in the expected form ({expected})"),
            Reason::TooLong { max } => format!("is longer than {max} characters"),
            Reason::TooShort { min } => format!("is shorter than {min} characters"),
            Reason::BadUserName => {
                "must be 2-64 letters, digits, dots, underscores or hyphens".into()
            }
            Reason::NotAUnit { id } => format!("organization {id} is not a reporting unit"),
            Reason::Unreadable { en, .. } => en.clone(),
        }
    }

    fn describe_zh(&self) -> String {
        match self {
            Reason::Required => "必须填写中文或英文".into(),
            Reason::MonthOutOfRange { month } => format!("月份 {month} 不存在"),
            Reason::DayOutOfRange { year, month, day } => {
                format!("{year}年{month}月没有第 {day} 日")
            }
            Reason::YearOutOfRange { year } => format!("年份 {year} 超出范围（1–9999）"),
            Reason::NotADate { text } => {
                format!("“{text}”不是日期（请用 2019、2019-05 或 2019-05-11）")
            }
            Reason::EndBeforeStart => "结束早于开始".into(),
            Reason::Negative { value } => format!("{value} 为负数，必须大于或等于零"),
            Reason::NotFinite => "不是有效数字".into(),
            Reason::TooFew { min, found } => format!("至少需要 {min} 个，现有 {found} 个"),
            Reason::Duplicate { value } => format!("“{value}”重复"),
            Reason::UnknownCountry { code } => format!("“{code}”不是 ISO 3166-1 国家代码"),
            Reason::UnknownCode { code } => format!("“{code}”不是允许的代码"),
            Reason::SameRecord => "不能关联记录自身".into(),
            Reason::MissingRecord { id } => format!("记录 {id} 不存在"),
            Reason::WrongKind {
                id,
                expected,
                found,
            } => {
                format!("记录 {id} 的类型是 {found}，应为 {expected}")
            }
            Reason::BadFormat { expected } => format!("格式不正确（应为 {expected}）"),
            Reason::TooLong { max } => format!("超过 {max} 个字符"),
            Reason::TooShort { min } => format!("少于 {min} 个字符"),
            Reason::BadUserName => "须为 2–64 个字母、数字、点、下划线或连字符".into(),
            Reason::NotAUnit { id } => format!("机构 {id} 不是填报单位"),
            Reason::Unreadable { zh, .. } => zh.clone(),
        }
    }
}

/// One problem: the field (`kind.field[index].sub`) and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    #[serde(flatten)]
    pub reason: Reason,
}

impl FieldError {
    pub fn describe(&self, lang: Lang) -> String {
        let sep = if lang == Lang::Zh { "：" } else { ": " };
        format!("{}{sep}{}", self.field, self.reason.describe(lang))
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

/// Every problem found in one record. Empty means valid.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Problems {
    pub errors: Vec<FieldError>,
}

impl Problems {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, field: impl Into<String>, reason: Reason) {
        self.errors.push(FieldError {
            field: field.into(),
            reason,
        });
    }

    pub fn extend(&mut self, other: Problems) {
        self.errors.extend(other.errors);
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// `Ok(())` when there is nothing to report.
    pub fn into_result(self) -> Result<(), Problems> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }

    pub fn describe(&self, lang: Lang) -> Vec<String> {
        self.errors.iter().map(|e| e.describe(lang)).collect()
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En).join("; "))
    }
}

impl std::error::Error for Problems {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_error_names_field_and_reason_in_both_languages() {
        let e = FieldError {
            field: "membership.joined".into(),
            reason: Reason::MonthOutOfRange { month: 13 },
        };
        assert_eq!(
            e.describe(Lang::En),
            "membership.joined: month 13 does not exist"
        );
        assert_eq!(e.describe(Lang::Zh), "membership.joined：月份 13 不存在");
    }
}
