//! What the tables hold of one record, read from its stored JSON (`RecordBody::to_data`)
//! rather than each kind's fields, so a field added to a kind can be counted and filtered
//! without touching this crate. The rules:
//!
//! - **Dates.** A top-level string in ISO form (`2019`, `2019-05`, `2019-05-11`) is a date
//!   field under its own name; a top-level period object gives `name.start` and `name.end`.
//!   Each is kept as the days it may mean (a year is its 365 days). The record's *main date*
//!   is the first of [`MAIN_DATE_FIELDS`] it has (the same order search uses for its year).
//! - **Countries.** Two-letter codes under `country`, `countries`, `members` or
//!   `member_countries`, at any depth.
//! - **Attributes.** Other top-level strings of at most 80 characters, top-level lists of
//!   such strings, and booleans (`"true"`/`"false"`): codes such as `kind`, `status`,
//!   `org_type`, and short texts such as an indicator's `code`.
//! - **Links.** Every link the record declares (`RecordBody::references`), under its field
//!   path with list positions dropped (`participants[2].organization` →
//!   `participants.organization`).

pub use meridian_domain::MAIN_DATE_FIELDS;
use meridian_domain::{PartialDate, RecordBody, RecordId};
use serde_json::Value;

const COUNTRY_KEYS: &[&str] = &["country", "countries", "members", "member_countries"];

/// Longest string kept as an attribute; longer ones are prose, not values to count by.
const ATTRIBUTE_MAX_CHARS: usize = 80;

/// The days a date may mean, first and last (day numbers from `civil_day`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub first: i64,
    pub last: i64,
}

impl Span {
    /// No date.
    pub const NONE: Span = Span {
        first: i64::MAX,
        last: i64::MIN,
    };

    pub fn of(date: &PartialDate) -> Span {
        Span {
            first: date.first_day(),
            last: date.last_day(),
        }
    }

    pub fn is_none(&self) -> bool {
        self.first > self.last
    }
}

/// One record as the tables take it in.
#[derive(Debug, Default)]
pub(crate) struct Projected {
    pub countries: Vec<String>,
    pub dates: Vec<(String, Span)>,
    pub main_date: Option<Span>,
    pub attributes: Vec<(String, String)>,
    pub links: Vec<(String, RecordId)>,
}

fn iso_date(text: &str) -> Option<PartialDate> {
    let shape_ok = matches!(text.len(), 4 | 7 | 10)
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape_ok {
        return None;
    }
    let date = PartialDate::parse_iso(text).ok()?;
    let mut problems = meridian_domain::Problems::default();
    date.validate("", &mut problems);
    problems.is_empty().then_some(date)
}

fn is_country_code(text: &str) -> bool {
    text.len() == 2 && text.bytes().all(|b| b.is_ascii_uppercase())
}

fn collect_countries(value: &Value, under_country_key: bool, out: &mut Vec<String>) {
    match value {
        Value::String(s)
            if under_country_key && is_country_code(s) && !out.iter().any(|c| c == s) =>
        {
            out.push(s.clone());
        }
        Value::Array(items) => {
            for item in items {
                collect_countries(item, under_country_key, out);
            }
        }
        Value::Object(map) => {
            for (key, v) in map {
                collect_countries(v, COUNTRY_KEYS.contains(&key.as_str()), out);
            }
        }
        _ => {}
    }
}

fn attribute_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.is_empty() && s.chars().count() <= ATTRIBUTE_MAX_CHARS => {
            Some(s.clone())
        }
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn is_record_id(text: &str) -> bool {
    text.len() == 36 && text.parse::<RecordId>().is_ok()
}

pub(crate) fn project(body: &RecordBody) -> Projected {
    let data = body.to_data();
    let mut out = Projected::default();
    collect_countries(&data, false, &mut out.countries);
    if let Value::Object(map) = &data {
        for (key, value) in map {
            if COUNTRY_KEYS.contains(&key.as_str()) {
                continue;
            }
            match value {
                Value::String(s) if is_record_id(s) => {}
                Value::String(s) => match iso_date(s) {
                    Some(date) => out.dates.push((key.clone(), Span::of(&date))),
                    None => {
                        if let Some(text) = attribute_text(value) {
                            out.attributes.push((key.clone(), text));
                        }
                    }
                },
                Value::Object(period)
                    if period.contains_key("start") || period.contains_key("end") =>
                {
                    for end in ["start", "end"] {
                        if let Some(date) =
                            period.get(end).and_then(Value::as_str).and_then(iso_date)
                        {
                            out.dates.push((format!("{key}.{end}"), Span::of(&date)));
                        }
                    }
                }
                Value::Array(items) => {
                    for item in items {
                        if let Some(text) = attribute_text(item).filter(|t| !is_record_id(t)) {
                            out.attributes.push((key.clone(), text));
                        }
                    }
                }
                other => {
                    if let Some(text) = attribute_text(other) {
                        out.attributes.push((key.clone(), text));
                    }
                }
            }
        }
    }
    out.main_date = MAIN_DATE_FIELDS.iter().find_map(|field| {
        out.dates
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, span)| *span)
    });
    for reference in body.references() {
        out.links
            .push((link_field(&reference.field), reference.target));
    }
    out
}

/// `participants[2].organization` → `participants.organization`.
pub(crate) fn link_field(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => in_index = true,
            ']' => in_index = false,
            _ if !in_index => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_positions_leave_link_field_names() {
        assert_eq!(
            link_field("participants[2].organization"),
            "participants.organization"
        );
        assert_eq!(link_field("partner"), "partner");
    }

    #[test]
    fn only_real_iso_dates_are_dates() {
        assert!(iso_date("2019").is_some());
        assert!(iso_date("2019-05").is_some());
        assert!(iso_date("2019-05-11").is_some());
        assert!(iso_date("2019-13").is_none());
        assert!(iso_date("30").is_none());
        assert!(iso_date("ISO 18665").is_none());
    }
}
