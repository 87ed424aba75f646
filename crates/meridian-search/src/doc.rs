//! What the index holds for one record, and how it is read out of a record's content.
//!
//! [`SearchDoc::from_record`] walks the record's stored JSON (`RecordBody::to_data`) rather
//! than each kind's fields, so a field added to a kind is searchable without touching this
//! crate. The rules:
//!
//! - **Text.** A string under a `zh` key goes to `text_zh`, one under an `en` key to
//!   `text_en` (that is every [`LocalizedText`], at any depth). Any other string goes to
//!   both (acronyms, references such as "ISO 18665", names, messages), except a string with
//!   Han characters, which goes to `text_zh` only. Not text: values of code-list fields
//!   ([`CODE_KEYS`]: kind, status, role…), record ids, ISO dates and web addresses. Pieces
//!   are joined with newlines, in the order the JSON lists them.
//! - **Countries.** Strings under `country`, `countries`, `members` or `member_countries`
//!   (at any depth) that are two uppercase ASCII letters; duplicates dropped.
//! - **Year.** The year of the first of these top-level dates the record has, in this
//!   order: `joined`, `signed`, `effective`, `published`, `designated`, `issued`,
//!   `period.start`, `since`, `founded`, `received`, `period.end`. A partial date's year is
//!   both its earliest and latest year, so "2020-05" gives 2020. The year filter matches this
//!   one year exactly; a project running 2021–2025 has year 2021.

use meridian_domain::{Approval, LocalizedText, PartialDate, RecordBody, RecordId, RecordKind};
use serde_json::{Map, Value};

/// What the index holds for one record.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchDoc {
    pub id: RecordId,
    pub kind: RecordKind,
    pub approval: Approval,
    /// The reporting unit (organization) that owns the record, for per-unit filtering.
    pub unit: Option<RecordId>,
    pub title: LocalizedText,
    pub text_zh: String,
    pub text_en: String,
    /// ISO 3166-1 alpha-2 codes, uppercase.
    pub countries: Vec<String>,
    pub year: Option<i32>,
}

/// Fields whose string values are codes from a closed list, not words anyone writes.
pub const CODE_KEYS: &[&str] = &[
    "kind",
    "status",
    "role",
    "org_type",
    "group_type",
    "area",
    "level",
    "measure",
    "method",
    "qualifier",
    "currency",
    "language",
    "languages",
    "category",
    "interest",
    "filters",
    "date_field",
    "code",
    "number",
];

const COUNTRY_KEYS: &[&str] = &["country", "countries", "members", "member_countries"];

/// Where the year comes from, first found wins.
pub const YEAR_FIELDS: &[&str] = meridian_domain::MAIN_DATE_FIELDS;

impl SearchDoc {
    /// Builds the index entry for a record (see the module documentation for the rules).
    pub fn from_record(
        id: RecordId,
        approval: Approval,
        unit: Option<RecordId>,
        body: &RecordBody,
    ) -> SearchDoc {
        let data = body.to_data();
        let mut walk = Walk::default();
        walk.value(&data);
        SearchDoc {
            id,
            kind: body.kind(),
            approval,
            unit,
            title: body.title(),
            text_zh: walk.zh.join("\n"),
            text_en: walk.en.join("\n"),
            countries: walk.countries,
            year: year_of(&data),
        }
    }
}

#[derive(Default)]
struct Walk {
    zh: Vec<String>,
    en: Vec<String>,
    countries: Vec<String>,
}

impl Walk {
    fn value(&mut self, value: &Value) {
        match value {
            Value::Object(map) => self.object(map),
            Value::Array(items) => items.iter().for_each(|v| self.value(v)),
            Value::String(s) => self.string(s),
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }

    fn object(&mut self, map: &Map<String, Value>) {
        for (key, value) in map {
            match (key.as_str(), value) {
                ("zh", Value::String(s)) => push_text(&mut self.zh, s),
                ("en", Value::String(s)) => push_text(&mut self.en, s),
                (k, _) if CODE_KEYS.contains(&k) => {}
                (k, _) if COUNTRY_KEYS.contains(&k) => self.countries(value),
                _ => self.value(value),
            }
        }
    }

    fn string(&mut self, s: &str) {
        let s = s.trim();
        if s.is_empty() || is_id(s) || is_iso_date(s) || is_web_address(s) {
            return;
        }
        push_text(&mut self.zh, s);
        if !s.chars().any(crate::schema::is_han) {
            push_text(&mut self.en, s);
        }
    }

    fn countries(&mut self, value: &Value) {
        let codes: Vec<&str> = match value {
            Value::String(s) => vec![s.as_str()],
            Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        for code in codes {
            let is_code = code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase());
            if is_code && !self.countries.iter().any(|c| c == code) {
                self.countries.push(code.to_string());
            }
        }
    }
}

fn push_text(out: &mut Vec<String>, s: &str) {
    let s = s.trim();
    if !s.is_empty() {
        out.push(s.to_string());
    }
}

fn is_id(s: &str) -> bool {
    s.len() == 36 && s.parse::<RecordId>().is_ok()
}

fn is_iso_date(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit()) && PartialDate::parse_iso(s).is_ok()
}

fn is_web_address(s: &str) -> bool {
    (s.starts_with("http://") || s.starts_with("https://")) && !s.contains(char::is_whitespace)
}

/// The year of the first date in [`YEAR_FIELDS`] the record has.
fn year_of(data: &Value) -> Option<i32> {
    YEAR_FIELDS.iter().find_map(|path| {
        let value = path
            .split('.')
            .try_fold(data, |value, key| value.get(key))?;
        PartialDate::parse_iso(value.as_str()?).ok().map(|d| d.year)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_first_date_in_the_list_gives_the_year() {
        let data = json!({"issued": "2021-03", "period": {"start": "2020", "end": "2025"}});
        assert_eq!(year_of(&data), Some(2021));
        let data = json!({"period": {"end": "2020"}});
        assert_eq!(year_of(&data), Some(2020));
        assert_eq!(year_of(&json!({"title": {"en": "x"}})), None);
    }

    #[test]
    fn ids_dates_and_addresses_are_not_text() {
        assert!(is_id("0190a5a4-0000-7000-8000-000000000001"));
        assert!(is_iso_date("2019-11-11"));
        assert!(!is_iso_date("ISO 18665"));
        assert!(is_web_address("https://example.org/a"));
    }
}
