//! Facts every record kind shares for filtering: the countries it names, the years it
//! touches, the records it links to. Derived from the stored shape, so a new field named
//! like the others (`country`, `countries`, a date, a period) is covered without changes.

use crate::date::{PartialDate, Period};
use crate::id::RecordId;
use crate::record::RecordBody;
use serde_json::Value;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub countries: BTreeSet<String>,
    /// Years of single dates.
    pub years: BTreeSet<i32>,
    /// Periods, each as (first year, last year); an open end is `None`.
    pub spans: Vec<(Option<i32>, Option<i32>)>,
    pub links: BTreeSet<RecordId>,
}

const COUNTRY_KEYS: [&str; 4] = ["country", "countries", "members", "member_countries"];

impl Facts {
    pub fn of(body: &RecordBody) -> Facts {
        let mut facts = Facts {
            links: body.references().into_iter().map(|r| r.target).collect(),
            ..Facts::default()
        };
        walk(&body.to_data(), None, &mut facts);
        facts
    }

    /// Whether the record names a date in `year` or spans it.
    pub fn touches_year(&self, year: i32) -> bool {
        self.years.contains(&year)
            || self.spans.iter().any(|(start, end)| {
                start.is_none_or(|s| s <= year)
                    && end.is_none_or(|e| year <= e)
                    && (start.is_some() || end.is_some())
            })
    }
}

fn is_country_code(text: &str) -> bool {
    text.len() == 2 && text.chars().all(|c| c.is_ascii_uppercase())
}

fn date_year(value: &Value) -> Option<i32> {
    let text = value.as_str()?;
    let bytes = text.as_bytes();
    let shaped = matches!(bytes.len(), 4 | 7 | 10) && bytes[..4].iter().all(u8::is_ascii_digit);
    if !shaped {
        return None;
    }
    PartialDate::parse_iso(text).ok().map(|d| d.year)
}

fn walk(value: &Value, key: Option<&str>, facts: &mut Facts) {
    match value {
        Value::Object(map) => {
            let is_period = map.keys().all(|k| k == "start" || k == "end") && !map.is_empty();
            if is_period {
                if let Ok(p) = serde_json::from_value::<Period>(value.clone()) {
                    facts
                        .spans
                        .push((p.start.map(|d| d.year), p.end.map(|d| d.year)));
                    return;
                }
            }
            for (k, v) in map {
                walk(v, Some(k), facts);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| walk(v, key, facts)),
        Value::String(text) => {
            if key.is_some_and(|k| COUNTRY_KEYS.contains(&k)) && is_country_code(text) {
                facts.countries.insert(text.clone());
            } else if let Some(year) = date_year(value) {
                facts.years.insert(year);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RecordKind;
    use serde_json::json;

    #[test]
    fn countries_years_and_spans_are_found_wherever_they_sit() {
        let body = RecordBody::from_data(
            RecordKind::Project,
            json!({"title": {"en": "Malaria 2005"}, "kind": "disease_control_programme", "status": "active",
                   "countries": ["MM", "VN"], "period": {"start": "2005"}}),
        )
        .unwrap();
        let facts = Facts::of(&body);
        assert_eq!(
            facts.countries.into_iter().collect::<Vec<_>>(),
            vec!["MM", "VN"]
        );
        assert_eq!(facts.spans, vec![(Some(2005), None)]);
    }

    #[test]
    fn an_open_period_touches_every_later_year_but_not_earlier_ones() {
        let facts = Facts {
            spans: vec![(Some(2005), None)],
            ..Facts::default()
        };
        assert!(facts.touches_year(2020));
        assert!(!facts.touches_year(2004));
    }
}
