//! Submitted form fields → the record's stored JSON shape, with a problem for every field a
//! person got wrong (a date that does not exist, a number that is not one, a required
//! field left blank). What they typed is kept, so the form can show it again.

use super::spec::{Field, Widget};
use meridian_domain::{Lang, PartialDate, Reason, RecordId, ValidationContext};
use meridian_interop::reference::Reference;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The submitted values by field name (a name may repeat).
pub struct Input(BTreeMap<String, Vec<String>>);

impl Input {
    pub fn new(pairs: Vec<(String, String)>) -> Self {
        let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, v) in pairs {
            map.entry(k).or_default().push(v);
        }
        Self(map)
    }

    pub fn one(&self, name: &str) -> &str {
        self.0
            .get(name)
            .and_then(|v| v.first())
            .map(|s| s.trim())
            .unwrap_or("")
    }

    fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .get(name)
            .map(|v| {
                v.iter()
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Row numbers present under `path[…]`.
    fn rows(&self, path: &str) -> Vec<usize> {
        let prefix = format!("{path}[");
        let rows: BTreeSet<usize> = self
            .0
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter_map(|(k, _)| k[prefix.len()..].split(']').next()?.parse().ok())
            .collect();
        rows.into_iter().collect()
    }
}

pub type Problems = Vec<(String, Reason)>;

pub fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

/// Parses `fields` under `prefix` into a JSON object, adding problems as found.
pub fn parse(
    fields: &[Field],
    prefix: &str,
    input: &Input,
    problems: &mut Problems,
) -> Map<String, Value> {
    let mut out = Map::new();
    for field in fields {
        let path = join(prefix, field.name);
        let value = parse_field(field, &path, input, problems);
        if field.required && is_blank(&value) {
            problems.push((path.clone(), Reason::Required));
        }
        out.insert(field.name.to_string(), value);
    }
    out
}

fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.values().all(is_blank),
        _ => false,
    }
}

fn text(value: &str) -> Value {
    if value.is_empty() {
        Value::Null
    } else {
        Value::String(value.to_string())
    }
}

fn lines(value: &str) -> Vec<String> {
    value
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

fn date(path: &str, raw: &str, problems: &mut Problems) -> Value {
    if raw.is_empty() {
        return Value::Null;
    }
    match PartialDate::parse(raw) {
        Ok(d) => Value::String(d.to_string()),
        Err(reason) => {
            problems.push((path.to_string(), reason));
            Value::String(raw.to_string())
        }
    }
}

fn number(path: &str, raw: &str, problems: &mut Problems) -> Option<f64> {
    let cleaned: String = raw
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' '))
        .collect();
    match cleaned.parse::<f64>() {
        Ok(n) if n.is_finite() => Some(n),
        _ => {
            problems.push((
                path.to_string(),
                Reason::BadFormat {
                    expected: "a number such as 6800 or 28.19".into(),
                },
            ));
            None
        }
    }
}

fn link(path: &str, raw: &str, problems: &mut Problems) -> Value {
    match raw.parse::<RecordId>() {
        Ok(id) => Value::String(id.to_string()),
        Err(_) => {
            problems.push((
                path.to_string(),
                Reason::BadFormat {
                    expected: "a record chosen from the list".into(),
                },
            ));
            Value::String(raw.to_string())
        }
    }
}

fn countries(path: &str, raw: &str, problems: &mut Problems) -> Value {
    let codes: Vec<Value> = raw
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';'))
        .filter(|c| !c.is_empty())
        .map(|c| {
            let code = c.to_ascii_uppercase();
            if !Reference.is_country(&code) {
                problems.push((
                    path.to_string(),
                    Reason::UnknownCountry { code: code.clone() },
                ));
            }
            Value::String(code)
        })
        .collect();
    Value::Array(codes)
}

fn parse_field(field: &Field, path: &str, input: &Input, problems: &mut Problems) -> Value {
    let raw = input.one(path);
    match field.widget {
        Widget::Bilingual | Widget::BilingualArea => {
            let mut m = Map::new();
            for lang in Lang::ALL {
                let v = input.one(&join(path, lang.as_str()));
                if !v.is_empty() {
                    m.insert(lang.as_str().into(), Value::String(v.to_string()));
                }
            }
            Value::Object(m)
        }
        Widget::Text | Widget::Area => text(raw),
        Widget::Lines => json!(lines(raw)),
        Widget::BilingualLines => {
            let mut names = Vec::new();
            for lang in Lang::ALL {
                for line in lines(input.one(&join(path, lang.as_str()))) {
                    names.push(json!({ lang.as_str(): line }));
                }
            }
            Value::Array(names)
        }
        Widget::Date => date(path, raw, problems),
        Widget::Period => {
            let mut m = Map::new();
            for end in ["start", "end"] {
                let p = join(path, end);
                let v = date(&p, input.one(&p), problems);
                if !v.is_null() {
                    m.insert(end.into(), v);
                }
            }
            Value::Object(m)
        }
        Widget::Code(options) => {
            if raw.is_empty() {
                Value::Null
            } else {
                if !options(Lang::En).iter().any(|(code, _)| *code == raw) {
                    problems.push((
                        path.to_string(),
                        Reason::UnknownCode {
                            code: raw.to_string(),
                        },
                    ));
                }
                Value::String(raw.to_string())
            }
        }
        Widget::Link(_) => {
            if raw.is_empty() {
                Value::Null
            } else {
                link(path, raw, problems)
            }
        }
        Widget::Links(_) => Value::Array(
            input
                .all(path)
                .into_iter()
                .map(|v| link(path, v, problems))
                .collect(),
        ),
        Widget::Country => {
            if raw.is_empty() {
                Value::Null
            } else {
                countries(path, raw, problems)
                    .get(0)
                    .cloned()
                    .unwrap_or(Value::Null)
            }
        }
        Widget::Countries => countries(path, raw, problems),
        Widget::Quantity => {
            let value_path = join(path, "value");
            let raw_value = input.one(&value_path);
            if raw_value.is_empty() {
                return Value::Null;
            }
            let qualifier = match input.one(&join(path, "qualifier")) {
                "" => "exact",
                q => q,
            };
            match number(&value_path, raw_value, problems) {
                Some(n) => json!({"value": n, "qualifier": qualifier}),
                None => json!({"value": raw_value, "qualifier": qualifier}),
            }
        }
        Widget::Count => {
            if raw.is_empty() {
                Value::Null
            } else {
                match raw.parse::<u32>() {
                    Ok(n) => json!(n),
                    Err(_) => {
                        problems.push((
                            path.to_string(),
                            Reason::BadFormat {
                                expected: "a whole number".into(),
                            },
                        ));
                        Value::String(raw.to_string())
                    }
                }
            }
        }
        Widget::Rows(sub) => {
            let mut rows = Vec::new();
            for i in input.rows(path) {
                let row_path = format!("{path}[{}]", rows.len());
                let source_path = format!("{path}[{i}]");
                let mut row_problems = Vec::new();
                let row = parse(sub, &source_path, input, &mut row_problems);
                if row.values().all(is_blank) {
                    continue;
                }
                // Problems are reported at the row's position among the kept rows.
                problems.extend(
                    row_problems
                        .into_iter()
                        .map(|(p, r)| (p.replacen(&source_path, &row_path, 1), r)),
                );
                rows.push(Value::Object(row));
            }
            Value::Array(rows)
        }
        Widget::Group(sub) => {
            let mut group_problems = Vec::new();
            let group = parse(sub, path, input, &mut group_problems);
            if group.values().all(is_blank) && !field.required {
                Value::Null
            } else {
                problems.extend(group_problems);
                Value::Object(group)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::spec::fields;
    use meridian_domain::RecordKind;

    fn input(pairs: &[(&str, &str)]) -> Input {
        Input::new(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn dates_are_read_as_people_write_them() {
        let mut problems = Vec::new();
        let id = RecordId::new().to_string();
        let data = parse(
            fields(RecordKind::Membership),
            "",
            &input(&[
                ("member", &id),
                ("organization", &id),
                ("joined", "Nov 11, 2019"),
                ("status", "active"),
            ]),
            &mut problems,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(data["joined"], "2019-11-11");
    }

    #[test]
    fn a_month_that_does_not_exist_is_reported_on_its_field_and_kept() {
        let mut problems = Vec::new();
        let data = parse(
            fields(RecordKind::Membership),
            "",
            &input(&[("joined", "2019-13"), ("status", "active")]),
            &mut problems,
        );
        assert!(problems.contains(&("joined".into(), Reason::MonthOutOfRange { month: 13 })));
        assert!(problems.contains(&("member".into(), Reason::Required)));
        assert_eq!(data["joined"], "2019-13");
    }

    #[test]
    fn blank_rows_are_dropped_and_rows_keep_their_fields() {
        let mut problems = Vec::new();
        let id = RecordId::new().to_string();
        let data = parse(
            fields(RecordKind::Activity),
            "",
            &input(&[
                ("title.en", "Lectures"),
                ("kind", "lecture_abroad"),
                ("counts[0].measure", ""),
                ("counts[0].value.value", ""),
                ("counts[1].measure", "lectures"),
                ("counts[1].value.value", "6,800"),
                ("counts[1].value.qualifier", "more_than"),
                ("organizations[0].organization", &id),
                ("organizations[0].role", "host"),
            ]),
            &mut problems,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            data["counts"],
            json!([{"measure": "lectures", "value": {"value": 6800.0, "qualifier": "more_than"}, "topic": {}}])
        );
        assert_eq!(data["organizations"][0]["role"], "host");
    }
}
