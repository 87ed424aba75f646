//! Dates as people give them: a year, a month or a day ("2019", "May 2018",
//! "Nov 11, 2019"), kept at that precision, and periods that may be open ("since 2000").
//!
//! A `PartialDate` holds plain numbers so that a wrong month can be represented and then
//! reported by validation with its field name, instead of failing somewhere in parsing.

use crate::problems::{Problems, Reason};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

impl PartialDate {
    pub fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }

    pub fn month(year: i32, month: u32) -> Self {
        Self {
            year,
            month: Some(month),
            day: None,
        }
    }

    pub fn day(year: i32, month: u32, day: u32) -> Self {
        Self {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// Every problem with this date, reported against `field`.
    pub fn validate(&self, field: &str, problems: &mut Problems) {
        if !(1..=9999).contains(&self.year) {
            problems.push(field, Reason::YearOutOfRange { year: self.year });
        }
        if let Some(month) = self.month {
            if !(1..=12).contains(&month) {
                problems.push(field, Reason::MonthOutOfRange { month });
                return;
            }
            if let Some(day) = self.day {
                if day == 0 || day > days_in_month(self.year, month) {
                    problems.push(
                        field,
                        Reason::DayOutOfRange {
                            year: self.year,
                            month,
                            day,
                        },
                    );
                }
            }
        }
    }

    /// The date as people write it, at its precision: "November 11, 2019", "May 2018",
    /// "2019"; "2019年11月11日", "2018年5月", "2019年".
    pub fn display(&self, lang: crate::Lang) -> String {
        let month_name = |m: u32| {
            let name = MONTHS
                .get(m.saturating_sub(1) as usize)
                .copied()
                .unwrap_or("");
            let mut chars = name.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        };
        match (lang, self.month, self.day) {
            (crate::Lang::En, Some(m), Some(d)) => format!("{} {d}, {}", month_name(m), self.year),
            (crate::Lang::En, Some(m), None) => format!("{} {}", month_name(m), self.year),
            (crate::Lang::En, None, _) => self.year.to_string(),
            (crate::Lang::Zh, Some(m), Some(d)) => format!("{}年{m}月{d}日", self.year),
            (crate::Lang::Zh, Some(m), None) => format!("{}年{m}月", self.year),
            (crate::Lang::Zh, None, _) => format!("{}年", self.year),
        }
    }

    /// The first day this date could mean, as (year, month, day).
    pub fn earliest(&self) -> (i32, u32, u32) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date could mean, as (year, month, day).
    pub fn latest(&self) -> (i32, u32, u32) {
        let month = self.month.unwrap_or(12);
        let day = self
            .day
            .unwrap_or_else(|| days_in_month(self.year, month.clamp(1, 12)));
        (self.year, month, day)
    }

    /// The first day this date could mean, as a day number (`civil_day`).
    pub fn first_day(&self) -> i64 {
        let (y, m, d) = self.earliest();
        civil_day(y, m, d)
    }

    /// The last day this date could mean, as a day number (`civil_day`).
    pub fn last_day(&self) -> i64 {
        let (y, m, d) = self.latest();
        civil_day(y, m, d)
    }

    /// Parses the ISO forms `2019`, `2019-05`, `2019-05-11` without range checks.
    pub fn parse_iso(text: &str) -> Result<Self, Reason> {
        let not_a_date = || Reason::NotADate {
            text: text.to_string(),
        };
        let mut parts = text.trim().split('-');
        let year = parse_number(parts.next().ok_or_else(not_a_date)?, 4).ok_or_else(not_a_date)?;
        let month = parts
            .next()
            .map(|p| parse_number(p, 2).ok_or_else(not_a_date))
            .transpose()?;
        let day = parts
            .next()
            .map(|p| parse_number(p, 2).ok_or_else(not_a_date))
            .transpose()?;
        if parts.next().is_some() {
            return Err(not_a_date());
        }
        Ok(Self {
            year: year as i32,
            month,
            day,
        })
    }

    /// Parses a date as people write it, then checks it: ISO forms, "Nov 11, 2019",
    /// "11 November 2019", "May 2018", "2019年11月11日", "2019年5月".
    pub fn parse(text: &str) -> Result<Self, Reason> {
        let trimmed = text.trim();
        let date = Self::parse_iso(trimmed)
            .or_else(|_| parse_chinese(trimmed))
            .or_else(|_| parse_english(trimmed))
            .map_err(|_| Reason::NotADate {
                text: trimmed.to_string(),
            })?;
        let mut problems = Problems::new();
        date.validate("date", &mut problems);
        match problems.errors.into_iter().next() {
            Some(e) => Err(e.reason),
            None => Ok(date),
        }
    }
}

fn parse_number(text: &str, max_digits: usize) -> Option<u32> {
    let text = text.trim();
    if text.is_empty() || text.len() > max_digits || !text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn parse_chinese(text: &str) -> Result<PartialDate, ()> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let (year, rest) = compact.split_once('年').ok_or(())?;
    let year = parse_number(year, 4).ok_or(())? as i32;
    if rest.is_empty() {
        return Ok(PartialDate::year(year));
    }
    let (month, rest) = rest.split_once('月').ok_or(())?;
    let month = parse_number(month, 2).ok_or(())?;
    let rest = rest.trim_end_matches(['日', '号']);
    if rest.is_empty() {
        return Ok(PartialDate::month(year, month));
    }
    Ok(PartialDate::day(
        year,
        month,
        parse_number(rest, 2).ok_or(())?,
    ))
}

fn month_from_name(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&word) || (word.len() > 3 && word.starts_with(m)))
        .map(|i| i as u32 + 1)
}

fn parse_english(text: &str) -> Result<PartialDate, ()> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [year] => Ok(PartialDate::year(parse_number(year, 4).ok_or(())? as i32)),
        [month, year] => Ok(PartialDate::month(
            parse_number(year, 4).ok_or(())? as i32,
            month_from_name(month).ok_or(())?,
        )),
        [a, b, year] => {
            let year = parse_number(year, 4).ok_or(())? as i32;
            let (month, day) = match (month_from_name(a), month_from_name(b)) {
                (Some(m), None) => (
                    m,
                    parse_number(b.trim_end_matches(['s', 't', 'h', 'n', 'd', 'r']), 2),
                ),
                (None, Some(m)) => (m, parse_number(a, 2)),
                _ => return Err(()),
            };
            Ok(PartialDate::day(year, month, day.ok_or(())?))
        }
        _ => Err(()),
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        PartialDate::parse_iso(&text)
            .map_err(|r| serde::de::Error::custom(r.describe(crate::Lang::En)))
    }
}

/// Days from 1970-01-01 to a civil (proleptic Gregorian) date, so dates of any precision
/// compare and subtract as integers (H. Hinnant's `days_from_civil`).
pub fn civil_day(year: i32, month: u32, day: u32) -> i64 {
    let (y, m) = if month <= 2 {
        (i64::from(year) - 1, i64::from(month) + 9)
    } else {
        (i64::from(year), i64::from(month) - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + i64::from(day) - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

/// A span of time; either end may be unknown ("since 2000" has only a start).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
}

impl Period {
    pub fn between(start: PartialDate, end: PartialDate) -> Self {
        Self {
            start: Some(start),
            end: Some(end),
        }
    }

    pub fn since(start: PartialDate) -> Self {
        Self {
            start: Some(start),
            end: None,
        }
    }

    pub fn until(end: PartialDate) -> Self {
        Self {
            start: None,
            end: Some(end),
        }
    }

    pub fn year(year: i32) -> Self {
        Self::between(PartialDate::year(year), PartialDate::year(year))
    }

    /// The days the period may cover, as day numbers; an open end is unbounded.
    pub fn day_range(&self) -> (i64, i64) {
        (
            self.start.map_or(i64::MIN, |d| d.first_day()),
            self.end.map_or(i64::MAX, |d| d.last_day()),
        )
    }

    /// The period as people read it: "2021–2025", "2015–" (since), "–2020" (until), one
    /// date when both ends are the same, "" when unknown.
    pub fn label(&self) -> String {
        match (&self.start, &self.end) {
            (Some(s), Some(e)) if s == e => s.to_string(),
            (Some(s), Some(e)) => format!("{s}–{e}"),
            (Some(s), None) => format!("{s}–"),
            (None, Some(e)) => format!("–{e}"),
            (None, None) => String::new(),
        }
    }

    pub fn is_unknown(&self) -> bool {
        self.start.is_none() && self.end.is_none()
    }

    pub fn validate(&self, field: &str, problems: &mut Problems) {
        if let Some(start) = &self.start {
            start.validate(&format!("{field}.start"), problems);
        }
        if let Some(end) = &self.end {
            end.validate(&format!("{field}.end"), problems);
        }
        if let (Some(start), Some(end)) = (&self.start, &self.end) {
            if end.latest() < start.earliest() {
                problems.push(field, Reason::EndBeforeStart);
            }
        }
    }

    /// Parses "2021-2025", "2021—2025", "since 2000", "2000年以来", "until 2011", or one date.
    pub fn parse(text: &str) -> Result<Self, Reason> {
        let text = text.trim();
        let lower = text.to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("since ") {
            return Ok(Self::since(PartialDate::parse(rest)?));
        }
        if let Some(rest) = lower
            .strip_prefix("until ")
            .or(lower.strip_prefix("as of "))
        {
            return Ok(Self::until(PartialDate::parse(rest)?));
        }
        if let Some(rest) = text.strip_suffix("以来") {
            return Ok(Self::since(PartialDate::parse(rest)?));
        }
        for sep in ["—", "–", "/", " - ", "至"] {
            if let Some((a, b)) = text.split_once(sep) {
                return Ok(Self::between(
                    PartialDate::parse(a)?,
                    PartialDate::parse(b)?,
                ));
            }
        }
        // "2021-2025": two four-digit years joined by a hyphen.
        if let Some((a, b)) = text.split_once('-') {
            if a.trim().len() == 4 && b.trim().len() == 4 {
                return Ok(Self::between(
                    PartialDate::parse(a)?,
                    PartialDate::parse(b)?,
                ));
            }
        }
        let date = PartialDate::parse(text)?;
        Ok(Self::between(date, date))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.start, &self.end) {
            (Some(s), Some(e)) if s == e => write!(f, "{s}"),
            (Some(s), Some(e)) => write!(f, "{s}/{e}"),
            (Some(s), None) => write!(f, "{s}/"),
            (None, Some(e)) => write!(f, "/{e}"),
            (None, None) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_the_seeds_write_them_at_their_precision() {
        use crate::Lang::{En, Zh};
        assert_eq!(
            PartialDate::day(2019, 11, 11).display(En),
            "November 11, 2019"
        );
        assert_eq!(PartialDate::month(2018, 5).display(En), "May 2018");
        assert_eq!(PartialDate::day(2021, 7, 9).display(En), "July 9, 2021");
        assert_eq!(PartialDate::year(2009).display(En), "2009");
        assert_eq!(PartialDate::day(2019, 11, 11).display(Zh), "2019年11月11日");
        assert_eq!(PartialDate::month(2009, 10).display(Zh), "2009年10月");
        assert_eq!(PartialDate::year(2015).display(Zh), "2015年");
    }

    #[test]
    fn dates_keep_the_precision_they_were_given() {
        assert_eq!(
            PartialDate::parse("Nov 11, 2019"),
            Ok(PartialDate::day(2019, 11, 11))
        );
        assert_eq!(
            PartialDate::parse("May 2018"),
            Ok(PartialDate::month(2018, 5))
        );
        assert_eq!(
            PartialDate::parse("October 2009"),
            Ok(PartialDate::month(2009, 10))
        );
        assert_eq!(
            PartialDate::parse("July 9, 2021"),
            Ok(PartialDate::day(2021, 7, 9))
        );
        assert_eq!(
            PartialDate::parse("2021年 12月 31日"),
            Ok(PartialDate::day(2021, 12, 31))
        );
        assert_eq!(PartialDate::parse("2000"), Ok(PartialDate::year(2000)));
        assert_eq!(
            PartialDate::parse("2019-05").map(|d| d.precision()),
            Ok(Precision::Month)
        );
    }

    #[test]
    fn serialized_form_is_iso_at_its_precision() {
        let json = serde_json::to_string(&PartialDate::month(2018, 5)).unwrap();
        assert_eq!(json, "\"2018-05\"");
        let back: PartialDate = serde_json::from_str("\"2019-11-11\"").unwrap();
        assert_eq!(back, PartialDate::day(2019, 11, 11));
    }

    #[test]
    fn month_thirteen_is_reported_not_accepted() {
        let date = PartialDate::parse_iso("2019-13").unwrap();
        let mut problems = Problems::new();
        date.validate("membership.joined", &mut problems);
        assert_eq!(
            problems.describe(crate::Lang::En),
            vec!["membership.joined: month 13 does not exist"]
        );
        assert!(PartialDate::parse("2019-13").is_err());
    }

    #[test]
    fn february_29_exists_only_in_leap_years() {
        assert!(PartialDate::parse("2020-02-29").is_ok());
        assert!(matches!(
            PartialDate::parse("2019-02-29"),
            Err(Reason::DayOutOfRange { .. })
        ));
    }

    #[test]
    fn periods_parse_open_and_closed_forms() {
        assert_eq!(
            Period::parse("since 2000"),
            Ok(Period::since(PartialDate::year(2000)))
        );
        assert_eq!(
            Period::parse("2021—2025"),
            Ok(Period::between(
                PartialDate::year(2021),
                PartialDate::year(2025)
            ))
        );
        assert_eq!(
            Period::parse("2015年以来"),
            Ok(Period::since(PartialDate::year(2015)))
        );
    }

    #[test]
    fn a_period_ending_before_it_starts_is_reported() {
        let period = Period::between(PartialDate::year(2025), PartialDate::year(2021));
        let mut problems = Problems::new();
        period.validate("project.period", &mut problems);
        assert_eq!(problems.errors[0].reason, Reason::EndBeforeStart);
    }

    #[test]
    fn same_year_month_is_not_before_its_year() {
        let period = Period::between(PartialDate::year(2019), PartialDate::month(2019, 3));
        let mut problems = Problems::new();
        period.validate("p", &mut problems);
        assert!(problems.is_empty());
    }
}
