//! One field's value as cell text and back, lossless for everything Meridian stores.
//!
//! - lists (lines, countries, links): items joined by `; `; a `;` or `\` inside an item is
//!   written `\;` or `\\`;
//! - bilingual lists (aliases): a Chinese and an English column, items paired by position;
//! - periods: `2021/2025`, `2021/` (open end), `/2025`, or one date when start and end agree;
//! - quantities: the number, after a qualifier code when not exact (`more_than 6800`);
//! - repeated rows (participants, member counts, plan indicators…): one JSON object per
//!   line, exactly as stored.

use meridian_domain::schema::{qualifiers, Widget};
use meridian_domain::{Lang, PartialDate, Period, Reason, RecordKind};
use serde_json::{json, Map, Value};

/// Turns a link's text (a record id, or a name) into a record id, or says why not.
pub trait Resolver {
    fn resolve(&self, text: &str, kinds: &'static [RecordKind]) -> Result<String, Reason>;
}

/// Joins list items with `; `, escaping separators inside items.
pub fn join_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items
        .map(|s| s.replace('\\', "\\\\").replace(';', "\\;"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Splits a cell at unescaped `;`, trimming each item; a blank cell is no items.
pub fn split_list(cell: &str) -> Vec<String> {
    if cell.trim().is_empty() {
        return Vec::new();
    }
    let mut items = vec![String::new()];
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => items
                .last_mut()
                .into_iter()
                .for_each(|s| s.extend(chars.next())),
            ';' => items.push(String::new()),
            _ => items.last_mut().into_iter().for_each(|s| s.push(c)),
        }
    }
    items.into_iter().map(|s| s.trim().to_string()).collect()
}

fn string(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn number(n: f64) -> String {
    // Rust prints the shortest text that reads back as the same f64.
    format!("{n}")
}

/// The cell text of one column of a leaf whose stored value is `v`.
pub fn encode(widget: &Widget, lang: Option<Lang>, v: Option<&Value>) -> String {
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return String::new();
    };
    let list = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| a.iter().map(|x| string(Some(x))).collect())
            .unwrap_or_default()
    };
    match (widget, lang) {
        (Widget::Bilingual | Widget::BilingualArea, Some(l)) => string(v.get(l.as_str())),
        (Widget::BilingualLines, Some(l)) => {
            let items: Vec<String> = v
                .as_array()
                .map(|a| a.iter().map(|x| string(x.get(l.as_str()))).collect())
                .unwrap_or_default();
            if items.iter().all(String::is_empty) {
                String::new()
            } else {
                join_list(items.iter().map(String::as_str))
            }
        }
        (Widget::Lines | Widget::Countries | Widget::Links(_), _) => {
            join_list(list(v).iter().map(String::as_str))
        }
        (Widget::Period, _) => {
            let (s, e) = (string(v.get("start")), string(v.get("end")));
            if s == e {
                s
            } else {
                format!("{s}/{e}")
            }
        }
        (Widget::Quantity, _) => {
            let value = v.get("value").and_then(Value::as_f64).unwrap_or(0.0);
            match v.get("qualifier").and_then(Value::as_str) {
                Some(q) if q != "exact" => format!("{q} {}", number(value)),
                _ => number(value),
            }
        }
        (Widget::Rows(_), _) => v
            .as_array()
            .map(|a| {
                a.iter()
                    .map(Value::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default(),
        _ => string(Some(v)),
    }
}

/// The stored value of a leaf from its cells (one, or Chinese and English), `None` when
/// blank. `Err` names the reason a cell cannot be read.
pub fn decode(
    widget: &Widget,
    cells: &[&str],
    resolver: &dyn Resolver,
) -> Result<Option<Value>, Reason> {
    let one = cells.first().map(|s| s.trim()).unwrap_or("");
    let blank = cells.iter().all(|c| c.trim().is_empty());
    if blank {
        return Ok(None);
    }
    let value = match widget {
        Widget::Bilingual | Widget::BilingualArea => bilingual(cells),
        Widget::BilingualLines => bilingual_lines(cells),
        Widget::Text | Widget::Area => Value::String(one.to_string()),
        Widget::Lines => json!(split_list(one)),
        Widget::Country => Value::String(one.to_ascii_uppercase()),
        Widget::Countries => json!(split_list(one)
            .iter()
            .map(|c| c.to_ascii_uppercase())
            .collect::<Vec<_>>()),
        Widget::Date => Value::String(PartialDate::parse(one)?.to_string()),
        Widget::Period => period(one)?,
        Widget::Code(options) => Value::String(code(*options, one)?),
        Widget::Link(kinds) => Value::String(resolver.resolve(one, kinds)?),
        Widget::Links(kinds) => Value::Array(
            split_list(one)
                .iter()
                .map(|t| resolver.resolve(t, kinds).map(Value::String))
                .collect::<Result<_, _>>()?,
        ),
        Widget::Quantity => quantity(one)?,
        Widget::Count => json!(one.parse::<u64>().map_err(|_| Reason::BadFormat {
            expected: "a whole number".into(),
        })?),
        Widget::Rows(_) => rows(one)?,
        Widget::Group(_) => return Ok(None),
    };
    Ok(Some(value))
}

fn bilingual(cells: &[&str]) -> Value {
    let mut map = Map::new();
    for (lang, cell) in ["zh", "en"].iter().zip(cells) {
        if !cell.trim().is_empty() {
            map.insert((*lang).into(), Value::String(cell.trim().to_string()));
        }
    }
    Value::Object(map)
}

fn bilingual_lines(cells: &[&str]) -> Value {
    let zh = split_list(cells.first().copied().unwrap_or(""));
    let en = split_list(cells.get(1).copied().unwrap_or(""));
    let n = zh.len().max(en.len());
    let items = (0..n)
        .map(|i| {
            let pair = [
                zh.get(i).map(String::as_str).unwrap_or(""),
                en.get(i).map(String::as_str).unwrap_or(""),
            ];
            bilingual(&pair)
        })
        .collect();
    Value::Array(items)
}

/// `2021/2025`, `2021/`, `/2025`, or anything `Period::parse` reads ("2021—2025", "since 2000").
fn period(text: &str) -> Result<Value, Reason> {
    let parsed = match text.split_once('/') {
        Some((a, b)) => {
            let date = |s: &str| {
                let s = s.trim();
                (!s.is_empty()).then(|| PartialDate::parse(s)).transpose()
            };
            Period {
                start: date(a)?,
                end: date(b)?,
            }
        }
        None => Period::parse(text)?,
    };
    serde_json::to_value(parsed).map_err(|e| Reason::BadFormat {
        expected: e.to_string(),
    })
}

/// A code, or its label in either language (any case).
fn code(
    options: fn(Lang) -> Vec<(&'static str, &'static str)>,
    text: &str,
) -> Result<String, Reason> {
    let lower = text.to_lowercase();
    [Lang::Zh, Lang::En]
        .into_iter()
        .flat_map(options)
        .find(|(code, label)| *code == text || label.to_lowercase() == lower)
        .map(|(code, _)| code.to_string())
        .ok_or_else(|| Reason::UnknownCode {
            code: text.to_string(),
        })
}

/// `6800`, `more_than 6800`, `约 260`, `nearly 1,200`.
fn quantity(text: &str) -> Result<Value, Reason> {
    let bad = || Reason::BadFormat {
        expected: "a number, optionally after more_than, at_least, nearly, about or less_than"
            .into(),
    };
    let split = text
        .char_indices()
        .find(|(_, c)| c.is_ascii_digit() || *c == '-' || *c == '.')
        .map(|(i, _)| i)
        .ok_or_else(bad)?;
    let (word, digits) = text.split_at(split);
    let value: f64 = digits.replace(',', "").trim().parse().map_err(|_| bad())?;
    let word = word.trim();
    let mut out = json!({ "value": value });
    if !word.is_empty() {
        let q = code(qualifiers, word).map_err(|_| bad())?;
        if q != "exact" {
            out["qualifier"] = Value::String(q);
        }
    }
    Ok(out)
}

fn rows(text: &str) -> Result<Value, Reason> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| match serde_json::from_str::<Value>(l) {
            Ok(v @ Value::Object(_)) => Ok(v),
            _ => Err(Reason::BadFormat {
                expected: "one JSON object per line, such as {\"organization\": \"…\", \"role\": \"lead\"}".into(),
            }),
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Value::Array)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Ids;
    impl Resolver for Ids {
        fn resolve(&self, text: &str, _: &'static [RecordKind]) -> Result<String, Reason> {
            Ok(text.to_string())
        }
    }

    fn round(widget: Widget, v: Value) {
        let langs: &[Option<Lang>] = match widget {
            Widget::Bilingual | Widget::BilingualArea | Widget::BilingualLines => {
                &[Some(Lang::Zh), Some(Lang::En)]
            }
            _ => &[None],
        };
        let cells: Vec<String> = langs
            .iter()
            .map(|l| encode(&widget, *l, Some(&v)))
            .collect();
        let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
        assert_eq!(decode(&widget, &refs, &Ids).unwrap(), Some(v), "{cells:?}");
    }

    #[test]
    fn values_survive_cells() {
        round(Widget::Lines, json!(["a;b", "c\\d", "e"]));
        round(
            Widget::BilingualLines,
            json!([{"zh": "甲"}, {"en": "B"}, {"zh": "丙", "en": "C"}]),
        );
        round(Widget::Period, json!({"start": "2021", "end": "2025-06"}));
        round(Widget::Period, json!({"start": "2021"}));
        round(Widget::Period, json!({"end": "2021-05-01"}));
        round(Widget::Period, json!({"start": "2021", "end": "2021"}));
        round(
            Widget::Quantity,
            json!({"value": 6800.0, "qualifier": "more_than"}),
        );
        round(Widget::Quantity, json!({"value": 0.25}));
        round(Widget::Rows(&[]), json!([{"a": 1}, {"b": "x\ny"}]));
    }

    #[test]
    fn bad_cells_say_why() {
        let date = decode(&Widget::Date, &["2019-13"], &Ids).unwrap_err();
        assert_eq!(date.code(), "month_out_of_range");
        let q = decode(&Widget::Quantity, &["many"], &Ids).unwrap_err();
        assert_eq!(q.code(), "bad_format");
        assert_eq!(
            decode(&Widget::Quantity, &["约 260"], &Ids).unwrap(),
            Some(json!({"value": 260.0, "qualifier": "about"}))
        );
    }
}
