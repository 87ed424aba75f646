//! Figures phrased as the source documents phrase them, in Chinese and English: "more than
//! 6,800 government officials from more than 50 countries" = "来自50多个国家……的6800多名政府官员",
//! "nearly 200" = "近200", "about 260 million" = "约2.6亿". Pure functions, no IO.
//! The rules for users are in `docs/figures.md`.
//!
//! # Numbers ([`number`])
//!
//! - English groups thousands with commas ("6,800", "15,000"); Chinese writes the digits
//!   without separators ("6800", "15000").
//! - Decimals appear only when the value is not whole: rounded to at most 2 places, trailing
//!   zeros dropped ("2.5", "0.25"; 2.999 gives "3").
//! - Large numbers take a word when the value is a round multiple of it to at most 2
//!   decimals; otherwise the digits are written in full.
//!   - English: from 1,000,000,000 "billion" ("1.2 billion", "28.19 billion"), from 1,000,000
//!     "million" ("2.6 million", "1.25 million"). Only the largest word that applies is tried:
//!     1,234,000,000 is written "1,234,000,000", not "1,234 million".
//!   - Chinese: from 1亿 (100,000,000) "亿" ("2.6亿", "281.9亿"), from 100,000 "万" in steps of
//!     10,000 ("25万", "100万", "12.34万"). Below 100,000 no word: "6800", "15000", never
//!     "0.68万" or "1.5万". Only the largest word that applies is tried: 123,450,000 is
//!     written "123450000", not "12345万"; 123,456 is "123456".
//! - Negative values take a leading "-"; NaN and infinities are written as Rust writes them
//!   (records never hold them: [`Quantity::validate`] refuses them).
//!
//! # Qualifiers ([`quantity`], [`quantity_with_unit`])
//!
//! | Qualifier  | English                      | Chinese                         |
//! |------------|------------------------------|---------------------------------|
//! | `Exact`    | "30"                         | "30"                            |
//! | `MoreThan` | "more than 6,800"            | "6800多", "100多万"; otherwise "逾2.6亿" |
//! | `AtLeast`  | "at least 30"                | "至少30"                        |
//! | `Nearly`   | "nearly 200"                 | "近200"                         |
//! | `About`    | "about 2.6 million"          | "约2.6亿"                       |
//! | `LessThan` | "fewer than 10"; "less than 2.5" | "不到10"                    |
//!
//! - Chinese `MoreThan`: "多" goes straight after the digits (before 万 or 亿) when the digits
//!   are a whole number of at least 10 ending in 0 — the round numbers the sources write that
//!   way ("6800多名", "50多个", "150多个国家和地区", "100多万", "20多亿"). Anything else takes
//!   the prefix "逾" ("逾百万人口" in the sources): single digits ("逾8个", because "8个多"
//!   would mean eight and a fraction), numbers not ending in 0 ("逾125万", "逾47") and
//!   decimals ("逾2.6亿", "逾2.5").
//! - English `LessThan` is "fewer than" for a whole value (a count: "fewer than 10",
//!   "fewer than 2.6 million") and "less than" for a fractional one ("less than 2.5").
//! - English `MoreThan` is always "more than"; the sources' occasional "over 150" is read as
//!   the same qualifier but written back as "more than 150".
//! - With a unit, English puts a space between the figure and the unit and leaves the unit
//!   out when it is empty ("more than 6,800 officials"); Chinese joins them with no space, the
//!   unit being a measure word and/or noun ("6800多名", "50多个国家"). The unit is trimmed.
//!
//! # Rounding a counted total for a headline ([`round_count`])
//!
//! An exact count computed from records (`n`) is stated the way the sources state totals:
//!
//! 1. `n < 10`: exact ("5").
//! 2. Let `next` be the next number above `n` with one significant digit (47 → 50,
//!    95 → 100, 193 → 200, 6842 → 7000, 40 → 50, 1000 → 2000), and `step` the place `n` is
//!    floored to in 3: 10 when `n < 100`, else the place of `n`'s second significant digit
//!    (10 for 193, 100 for 6842). The count is "nearly `next`" when `n ≥ 0.95 × next` **and**
//!    `next − n ≤ step`. Below 100 the second condition always holds, so this is the 95 %
//!    test: 19 → nearly 20, 57 → nearly 60, 95–99 → nearly 100, but 47 (< 47.5) is not
//!    nearly 50. From 100 on the first condition always holds when the second does, so it
//!    comes to "the second significant digit is 9": 190–199 → nearly 200, 990–999 → nearly
//!    1000, 6900–6999 → nearly 7000, while 6842 is "more than 6,800", not "nearly 7,000",
//!    and 950 stays exact. This test comes before 3, so a round 190 also reads "nearly 200".
//! 3. Otherwise floor `n` to tens when `n < 100` (47 → 40), else to two significant digits
//!    (6842 → 6800, 1234 → 1200, 105 → 100, 259,876,543 → 250,000,000). If that changes `n`,
//!    the count is "more than" the floored value; if not, it is exact (10, 40, 100, 110,
//!    950, 1000, 6800, 15,000 stay exact).
//!
//! (The 95 % test alone would make 6800 and 6842 "nearly 7,000", where the sources write
//! "more than 6,800"; the `step` condition keeps "nearly" for numbers that two significant
//! digits cannot state better.)
//!
//! The arithmetic is done on integers, so there is no floating-point edge at 0.95 × `next`.
//!
//! # Headline templates ([`fill`], [`placeholders`], [`check`])
//!
//! A template is text with placeholders: "received {value} government officials from
//! {official_visitor_origins} countries". A placeholder is `{key}` where the key is one or
//! more of `a`–`z`, `0`–`9` and `_`. `{{` and `}}` stand for literal braces. [`fill`] splits
//! the template into [`Segment`]s, asking the caller for each key's text; it fails on the
//! first problem found, syntax before keys, with a [`TemplateError`] that names the key and
//! the position. Positions count characters (not bytes) from 1, so they match what a user
//! sees in the text box. The problems are: a key the caller does not know, a `{` that is not
//! closed before the end or before another `{`, a `}` with no `{`, and a placeholder whose
//! name is not a key (`{}`, `{Value}`, `{ value }`).

use crate::quantity::{Qualifier, Quantity};
use crate::text::Lang;
use std::fmt;

/// A number as the sources write it, without qualifier, in English / Chinese: "6,800" /
/// "6800", "2.6 million" / "260万", "260 million" / "2.6亿". See the module documentation
/// for the rules.
pub fn number(value: f64, lang: Lang) -> String {
    let parts = Parts::of(value, lang);
    format!("{}{}", parts.digits, parts.word)
}

/// A quantity with its qualifier: "more than 6,800" / "6800多", "nearly 200" / "近200",
/// "about 2.6 million" / "约2.6亿".
pub fn quantity(q: &Quantity, lang: Lang) -> String {
    let parts = Parts::of(q.value, lang);
    let n = format!("{}{}", parts.digits, parts.word);
    match lang {
        Lang::En => match q.qualifier {
            Qualifier::Exact => n,
            Qualifier::MoreThan => format!("more than {n}"),
            Qualifier::AtLeast => format!("at least {n}"),
            Qualifier::Nearly => format!("nearly {n}"),
            Qualifier::About => format!("about {n}"),
            Qualifier::LessThan => {
                let rounded = (q.value * 100.0).round() / 100.0;
                if rounded.fract() == 0.0 {
                    format!("fewer than {n}")
                } else {
                    format!("less than {n}")
                }
            }
        },
        Lang::Zh => match q.qualifier {
            Qualifier::Exact => n,
            Qualifier::MoreThan => {
                if parts.takes_duo() {
                    format!("{}多{}", parts.digits, parts.word)
                } else {
                    format!("逾{n}")
                }
            }
            Qualifier::AtLeast => format!("至少{n}"),
            Qualifier::Nearly => format!("近{n}"),
            Qualifier::About => format!("约{n}"),
            Qualifier::LessThan => format!("不到{n}"),
        },
    }
}

/// A quantity followed by its unit: "more than 6,800 government officials" (English: a
/// space between, nothing added when the unit is empty) / "6800多名政府官员" (Chinese: joined
/// directly; the unit is the measure word and/or noun, "名", "个国家").
pub fn quantity_with_unit(q: &Quantity, unit: &str, lang: Lang) -> String {
    let figure = quantity(q, lang);
    let unit = unit.trim();
    match lang {
        Lang::En if !unit.is_empty() => format!("{figure} {unit}"),
        _ => format!("{figure}{unit}"),
    }
}

/// How an exact count computed from records is stated in a headline: 5 → "5", 47 → "more
/// than 40", 193 → "nearly 200", 6842 → "more than 6,800", 6800 → "6,800". The rule is in
/// the module documentation.
pub fn round_count(n: u64) -> Quantity {
    if n < 10 {
        return Quantity::exact(n as f64);
    }
    let wide = u128::from(n);
    // `unit` is the place of n's leading digit: 10 for 47, 100 for 193, 1000 for 6842.
    let mut unit: u128 = 1;
    while unit * 10 <= wide {
        unit *= 10;
    }
    let next = (wide / unit + 1) * unit;
    // What n is floored to: tens below 100, else its second significant digit's place.
    let step = if wide < 100 { 10 } else { unit / 10 };
    if wide * 100 >= next * 95 && next - wide <= step {
        return Quantity::nearly(next as f64);
    }
    let floored = wide / step * step;
    if floored == wide {
        Quantity::exact(n as f64)
    } else {
        Quantity::more_than(floored as f64)
    }
}

/// The digits of a number and the large-number word that follows them ("2.6" + " million",
/// "2.6" + "亿", "6800" + "").
struct Parts {
    digits: String,
    word: &'static str,
}

impl Parts {
    fn of(value: f64, lang: Lang) -> Parts {
        if !value.is_finite() {
            return Parts {
                digits: value.to_string(),
                word: "",
            };
        }
        // (from, unit, word): the word applies from `from` on, in multiples of `unit`.
        let scales: &[(f64, f64, &'static str)] = match lang {
            Lang::En => &[(1e9, 1e9, " billion"), (1e6, 1e6, " million")],
            Lang::Zh => &[(1e8, 1e8, "亿"), (1e5, 1e4, "万")],
        };
        let magnitude = value.abs();
        for &(from, unit, word) in scales {
            if magnitude >= from {
                if let Some(multiple) = round_multiple(value, unit) {
                    return Parts {
                        digits: digits(multiple, lang),
                        word,
                    };
                }
                break;
            }
        }
        Parts {
            digits: digits(value, lang),
            word: "",
        }
    }

    /// Chinese "多" follows a whole number of at least 10 that ends in 0 ("6800多", "50多",
    /// "100多万"); other numbers take "逾".
    fn takes_duo(&self) -> bool {
        let d = &self.digits;
        d.len() >= 2 && d.ends_with('0') && d.chars().all(|c| c.is_ascii_digit())
    }
}

/// `value / unit` when that is a multiple of 0.01 (allowing for floating-point error).
fn round_multiple(value: f64, unit: f64) -> Option<f64> {
    let hundredths = value / unit * 100.0;
    let nearest = hundredths.round();
    if (hundredths - nearest).abs() <= nearest.abs().max(1.0) * 1e-9 {
        Some(nearest / 100.0)
    } else {
        None
    }
}

/// A finite value to at most 2 decimals, trailing zeros dropped; English groups thousands.
fn digits(value: f64, lang: Lang) -> String {
    let fixed = format!("{value:.2}");
    let (sign, unsigned) = match fixed.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", fixed.as_str()),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let fraction = fraction.trim_end_matches('0');
    let whole = match lang {
        Lang::En => group_thousands(whole),
        Lang::Zh => whole.to_string(),
    };
    let sign = if whole == "0" && fraction.is_empty() {
        ""
    } else {
        sign
    };
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

fn group_thousands(whole: &str) -> String {
    let mut out = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A piece of a filled headline: text from the template, or a figure put in for a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    Figure { key: String, text: String },
}

impl Segment {
    pub fn text(&self) -> &str {
        match self {
            Segment::Text(text) | Segment::Figure { text, .. } => text,
        }
    }
}

/// The segments' text run together: the headline as plain text.
pub fn plain_text(segments: &[Segment]) -> String {
    segments.iter().map(Segment::text).collect()
}

/// Why a headline template cannot be filled. Positions count characters (not bytes) from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateError {
    /// `{key}` names no figure the caller knows.
    UnknownKey { key: String, position: usize },
    /// A `{` not closed before the end of the template or before the next `{`.
    Unclosed { position: usize },
    /// A `}` with no `{` before it (a literal brace is written `}}`).
    UnmatchedClose { position: usize },
    /// Braces around something that is not a key: `{}`, `{Value}`, `{ value }`.
    BadKey { key: String, position: usize },
}

impl TemplateError {
    /// The message shown to a user, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (TemplateError::UnknownKey { key, position }, Lang::En) => format!(
                "the template asks for a figure named “{key}” (character {position}), \
                 but there is no such figure"
            ),
            (TemplateError::UnknownKey { key, position }, Lang::Zh) => {
                format!("模板第{position}个字符处的“{key}”不是已有的数字名称")
            }
            (TemplateError::Unclosed { position }, Lang::En) => format!(
                "the “{{” at character {position} is not closed with “}}” \
                 (write “{{{{” for a literal brace)"
            ),
            (TemplateError::Unclosed { position }, Lang::Zh) => format!(
                "模板第{position}个字符处的“{{”没有对应的“}}”（大括号本身请写作“{{{{”）"
            ),
            (TemplateError::UnmatchedClose { position }, Lang::En) => format!(
                "the “}}” at character {position} has no “{{” before it \
                 (write “}}}}” for a literal brace)"
            ),
            (TemplateError::UnmatchedClose { position }, Lang::Zh) => format!(
                "模板第{position}个字符处的“}}”前面没有对应的“{{”（大括号本身请写作“}}}}”）"
            ),
            (TemplateError::BadKey { key, position }, Lang::En) => format!(
                "“{{{key}}}” at character {position} is not a figure name: \
                 use lowercase letters, digits and _"
            ),
            (TemplateError::BadKey { key, position }, Lang::Zh) => format!(
                "模板第{position}个字符处的“{{{key}}}”不是有效的数字名称：只能使用小写字母、数字和下划线"
            ),
        }
    }
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for TemplateError {}

/// A template cut into literal text and placeholders.
enum Piece {
    Text(String),
    Key { key: String, position: usize },
}

/// Reads a template; the pieces read before the first problem come with it.
fn parse(template: &str) -> (Vec<Piece>, Option<TemplateError>) {
    let chars: Vec<char> = template.chars().collect();
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '{' if chars.get(i + 1) == Some(&'{') => {
                text.push('{');
                i += 2;
            }
            '}' if chars.get(i + 1) == Some(&'}') => {
                text.push('}');
                i += 2;
            }
            '}' => {
                return (
                    pieces,
                    Some(TemplateError::UnmatchedClose { position: i + 1 }),
                );
            }
            '{' => {
                let position = i + 1;
                let start = i + 1;
                let mut end = start;
                while end < chars.len() && chars[end] != '}' && chars[end] != '{' {
                    end += 1;
                }
                if chars.get(end) != Some(&'}') {
                    return (pieces, Some(TemplateError::Unclosed { position }));
                }
                let key: String = chars[start..end].iter().collect();
                if !is_key(&key) {
                    return (pieces, Some(TemplateError::BadKey { key, position }));
                }
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                pieces.push(Piece::Key { key, position });
                i = end + 1;
            }
            c => {
                text.push(c);
                i += 1;
            }
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    (pieces, None)
}

fn is_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn keys_of(pieces: &[Piece]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for piece in pieces {
        if let Piece::Key { key, .. } = piece {
            if !keys.contains(key) {
                keys.push(key.clone());
            }
        }
    }
    keys
}

/// Fills a headline template: text stays text, and each `{key}` becomes a
/// [`Segment::Figure`] holding `lookup(key)`. Adjacent text is one segment; empty text makes
/// none. Fails with the template's first syntax problem, or else its first key that `lookup`
/// does not know.
pub fn fill(
    template: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<Segment>, TemplateError> {
    let (pieces, problem) = parse(template);
    if let Some(problem) = problem {
        return Err(problem);
    }
    pieces
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => Ok(Segment::Text(text)),
            Piece::Key { key, position } => match lookup(&key) {
                Some(text) => Ok(Segment::Figure { key, text }),
                None => Err(TemplateError::UnknownKey { key, position }),
            },
        })
        .collect()
}

/// The keys a template asks for, each once, in order of first appearance. A template with a
/// syntax problem gives the keys before the problem; use [`check`] to find the problem.
pub fn placeholders(template: &str) -> Vec<String> {
    keys_of(&parse(template).0)
}

/// Checks a template's syntax (for when it is saved) and gives its keys as [`placeholders`]
/// does. Whether the keys name known figures is for the caller to check.
pub fn check(template: &str) -> Result<Vec<String>, TemplateError> {
    let (pieces, problem) = parse(template);
    match problem {
        Some(problem) => Err(problem),
        None => Ok(keys_of(&pieces)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(value: f64, qualifier: Qualifier) -> Quantity {
        Quantity { value, qualifier }
    }

    use Qualifier::{About, AtLeast, Exact, LessThan, MoreThan, Nearly};

    // ---- numbers ----

    #[test]
    fn english_groups_thousands_and_chinese_does_not() {
        let cases: &[(f64, &str, &str)] = &[
            (0.0, "0", "0"),
            (5.0, "5", "5"),
            (30.0, "30", "30"),
            (999.0, "999", "999"),
            (1000.0, "1,000", "1000"),
            (6800.0, "6,800", "6800"),
            (15000.0, "15,000", "15000"),
            (99999.0, "99,999", "99999"),
            (123456.0, "123,456", "123456"),
            (999999.0, "999,999", "999999"),
            (1234567.0, "1,234,567", "1234567"),
        ];
        for &(value, en, zh) in cases {
            assert_eq!(number(value, Lang::En), en, "en {value}");
            assert_eq!(number(value, Lang::Zh), zh, "zh {value}");
        }
    }

    #[test]
    fn decimals_only_when_not_whole_at_most_two_without_trailing_zeros() {
        assert_eq!(number(2.5, Lang::En), "2.5");
        assert_eq!(number(2.50, Lang::Zh), "2.5");
        assert_eq!(number(0.25, Lang::En), "0.25");
        assert_eq!(number(1234.5, Lang::En), "1,234.5");
        assert_eq!(number(1234.5, Lang::Zh), "1234.5");
        assert_eq!(number(1.23456, Lang::En), "1.23");
        assert_eq!(number(2.999, Lang::En), "3");
        assert_eq!(number(0.001, Lang::Zh), "0");
        assert_eq!(number(7.0, Lang::En), "7");
    }

    #[test]
    fn english_millions_and_billions_only_when_round_to_two_decimals() {
        let cases: &[(f64, &str)] = &[
            (1_000_000.0, "1 million"),
            (1_250_000.0, "1.25 million"),
            (2_600_000.0, "2.6 million"),
            (260_000_000.0, "260 million"),
            (999_990_000.0, "999.99 million"),
            (1_000_000_000.0, "1 billion"),
            (1_200_000_000.0, "1.2 billion"),
            (28_190_000_000.0, "28.19 billion"),
            (1_500_000_000_000.0, "1,500 billion"),
            (1_234_567.0, "1,234,567"),
            (1_005_000.0, "1,005,000"),
            (1_234_000_000.0, "1,234,000,000"),
            (999_999.0, "999,999"),
        ];
        for &(value, en) in cases {
            assert_eq!(number(value, Lang::En), en, "{value}");
        }
    }

    #[test]
    fn chinese_wan_from_100000_and_yi_from_1e8_only_when_round() {
        let cases: &[(f64, &str)] = &[
            (6800.0, "6800"),
            (15000.0, "15000"),
            (99999.0, "99999"),
            (100_000.0, "10万"),
            (123_400.0, "12.34万"),
            (123_456.0, "123456"),
            (250_000.0, "25万"),
            (1_000_000.0, "100万"),
            (1_250_000.0, "125万"),
            (99_990_000.0, "9999万"),
            (100_000_000.0, "1亿"),
            (260_000_000.0, "2.6亿"),
            (28_190_000_000.0, "281.9亿"),
            (123_450_000.0, "123450000"),
        ];
        for &(value, zh) in cases {
            assert_eq!(number(value, Lang::Zh), zh, "{value}");
        }
    }

    #[test]
    fn negative_and_non_finite_values_are_still_written() {
        assert_eq!(number(-6800.0, Lang::En), "-6,800");
        assert_eq!(number(-2_600_000.0, Lang::En), "-2.6 million");
        assert_eq!(number(-250_000.0, Lang::Zh), "-25万");
        assert_eq!(number(-0.001, Lang::En), "0");
        assert_eq!(number(f64::NAN, Lang::En), "NaN");
        assert_eq!(number(f64::INFINITY, Lang::Zh), "inf");
    }

    // ---- qualifiers ----

    #[test]
    fn every_qualifier_in_both_languages() {
        let cases: &[(Quantity, &str, &str)] = &[
            (q(30.0, Exact), "30", "30"),
            (q(6800.0, MoreThan), "more than 6,800", "6800多"),
            (q(30.0, AtLeast), "at least 30", "至少30"),
            (q(200.0, Nearly), "nearly 200", "近200"),
            (q(260e6, About), "about 260 million", "约2.6亿"),
            (q(2.6e6, About), "about 2.6 million", "约260万"),
            (q(10.0, LessThan), "fewer than 10", "不到10"),
            (q(2.5, LessThan), "less than 2.5", "不到2.5"),
            (q(2.6e6, LessThan), "fewer than 2.6 million", "不到260万"),
        ];
        for (quantity_, en, zh) in cases {
            assert_eq!(quantity(quantity_, Lang::En), *en, "{quantity_:?}");
            assert_eq!(quantity(quantity_, Lang::Zh), *zh, "{quantity_:?}");
        }
    }

    #[test]
    fn chinese_more_than_is_duo_after_round_numbers_and_yu_before_others() {
        let cases: &[(f64, &str)] = &[
            (10.0, "10多"),
            (50.0, "50多"),
            (150.0, "150多"),
            (6800.0, "6800多"),
            (1000.0, "1000多"),
            (15000.0, "15000多"),
            (1_000_000.0, "100多万"),
            (2_000_000_000.0, "20多亿"),
            (8.0, "逾8"),
            (47.0, "逾47"),
            (1_250_000.0, "逾125万"),
            (260e6, "逾2.6亿"),
            (100e6, "逾1亿"),
            (2.5, "逾2.5"),
            (0.0, "逾0"),
        ];
        for &(value, zh) in cases {
            assert_eq!(quantity(&q(value, MoreThan), Lang::Zh), zh, "{value}");
        }
    }

    #[test]
    fn units_follow_with_a_space_in_english_and_directly_in_chinese() {
        let more = q(6800.0, MoreThan);
        assert_eq!(
            quantity_with_unit(&more, "officials", Lang::En),
            "more than 6,800 officials"
        );
        assert_eq!(quantity_with_unit(&more, "", Lang::En), "more than 6,800");
        assert_eq!(quantity_with_unit(&more, "  ", Lang::En), "more than 6,800");
        assert_eq!(
            quantity_with_unit(&more, " officials ", Lang::En),
            "more than 6,800 officials"
        );
        assert_eq!(quantity_with_unit(&more, "名", Lang::Zh), "6800多名");
        assert_eq!(quantity_with_unit(&more, "", Lang::Zh), "6800多");
        assert_eq!(
            quantity_with_unit(&q(8.0, MoreThan), "个国家", Lang::Zh),
            "逾8个国家"
        );
        assert_eq!(
            quantity_with_unit(&q(260e6, About), "人次", Lang::Zh),
            "约2.6亿人次"
        );
    }

    // ---- the seeds ----

    /// (sentence as in the seed, quantity, unit, language, the phrase expected in it).
    /// English sentences are copied from seeds 000, 001 and 003; Chinese ones from seed 004
    /// with the PDF's line breaks and the spaces it puts around digits removed.
    type SeedCase = (&'static str, Quantity, &'static str, Lang, &'static str);

    fn seed_cases() -> Vec<SeedCase> {
        use Lang::{En, Zh};
        const S000_5: &str = "Over the past, CACMS has received more than 6,800 government \
            officials from more than 50 countries, regions, and international organizations, \
            as well as experts and scholars from universities and research institutes.";
        const S000_5B: &str = "As a messenger of Chinese medicine overseas, in the past five \
            years, experts from our hospital have given more than 500 Chinese medicine \
            lectures abroad, covering more than 40 countries and regions.";
        const S000_7: &str = "In the past five years, CACMS has hosted more than 110 important \
            international conferences on TCM";
        const S000_11: &str = "Since 1991, CACMS has signed nearly 200 cooperation agreements \
            with more than 40 countries and regions, and undertook more than 200 international \
            cooperation projects;";
        const S000_11B: &str = "since 2015,CACMS has established 5 natioanl-level overseas TCM \
            centers";
        const S000_11C: &str = "and 6 National TCM International Cooperation Bases for \
            traditional Chinese medicine";
        const S000_13: &str = "In the past 10 years, CACMS has sent nearly 200 scientific \
            researchers, management personnel, and physicians to the above-mentioned countries \
            for further training.";
        const S001_23: &str = "joined by 92 high level medical universities from China and Russia";
        const S001_30: &str = "initiated by 15 national medical education institutions from \
            China, Ukraine, Kyrgyzstan, Estonia, Azerbaijan, Pakistan and the Philippines";
        const S003_9A: &str = "As of 2011, the Chinese government has sent medical teams to 73 \
            countries.";
        const S003_9B: &str = "At present, 56 medical teams are located in 53 countries";
        const S003_9C: &str = "Over the past 50 years, China's foreign-aided medical teams have \
            provided medical treatment to about 260 million patients.";
        const S003_9D: &str = "so far about 900 Chinese medical team members have been awarded \
            medals";
        const S003_9E: &str = "During this period, 50 Chinese medical aid workers have \
            sacrificed their lives in foreign countries.";
        const S003_11A: &str = "China*** had helped 52 countries build 100 hospitals and \
            medical centers";
        const S003_11B: &str = "in 2011 alone, China provided 34 batches of medical equipment \
            and medicines.";
        const S003_11C: &str = "As of November 2011, there were still 31 aid projects under \
            construction in 28 countries.";
        const S003_13: &str = "As of 2011,*** more than 400 training courses have been held, \
            training more than 15,000 people in health management";
        const S003_15: &str = "Over the past five years, the Chinese Government has carried out \
            nearly 200 health emergency rescue missions";
        const S004_49: &str = "中医药已传播至196个国家和地区";
        const S004_59: &str = "中医药内容纳入16个自由贸易协定，建设17个国家中医药服务出口基地，\
            中药类产品进出口贸易总额累计达到281.9亿美元";
        const S004_65: &str = "建设30个较高质量的中医药海外中心和56个中医药国际合作基地";
        const S004_71: &str = "与国际标准化组织合作制定颁布64项中医药国际标准";
        const S004_85: &str =
            "与150多个国家和地区分享中医药抗疫经验，向28个国家派出中医专家协助抗疫";
        const S004_149: &str = "与共建“一带一路”国家合作建设30个高质量中医药海外中心，颁布30项\
            中医药国际标准，打造10个中医药文化海外传播品牌项目，建设50个中医药国际合作基地";
        vec![
            (
                S000_5,
                q(6800.0, MoreThan),
                "government officials",
                En,
                "more than 6,800 government officials",
            ),
            (
                S000_5,
                q(50.0, MoreThan),
                "countries",
                En,
                "more than 50 countries",
            ),
            (
                S000_5B,
                q(500.0, MoreThan),
                "Chinese medicine lectures",
                En,
                "more than 500 Chinese medicine lectures",
            ),
            (
                S000_5B,
                q(40.0, MoreThan),
                "countries and regions",
                En,
                "more than 40 countries and regions",
            ),
            (
                S000_7,
                q(110.0, MoreThan),
                "important international conferences",
                En,
                "more than 110 important international conferences",
            ),
            (
                S000_11,
                q(200.0, Nearly),
                "cooperation agreements",
                En,
                "nearly 200 cooperation agreements",
            ),
            (
                S000_11,
                q(40.0, MoreThan),
                "countries and regions",
                En,
                "more than 40 countries and regions",
            ),
            (
                S000_11,
                q(200.0, MoreThan),
                "international cooperation projects",
                En,
                "more than 200 international cooperation projects",
            ),
            (
                S000_11B,
                q(5.0, Exact),
                "natioanl-level overseas TCM centers",
                En,
                "5 natioanl-level overseas TCM centers",
            ),
            (
                S000_11C,
                q(6.0, Exact),
                "National TCM International Cooperation Bases",
                En,
                "6 National TCM International Cooperation Bases",
            ),
            (S000_13, q(10.0, Exact), "years", En, "10 years"),
            (
                S000_13,
                q(200.0, Nearly),
                "scientific researchers",
                En,
                "nearly 200 scientific researchers",
            ),
            (
                S001_23,
                q(92.0, Exact),
                "high level medical universities",
                En,
                "92 high level medical universities",
            ),
            (
                S001_30,
                q(15.0, Exact),
                "national medical education institutions",
                En,
                "15 national medical education institutions",
            ),
            (S003_9A, q(73.0, Exact), "countries", En, "73 countries"),
            (
                S003_9B,
                q(56.0, Exact),
                "medical teams",
                En,
                "56 medical teams",
            ),
            (S003_9B, q(53.0, Exact), "countries", En, "53 countries"),
            (S003_9C, q(50.0, Exact), "years", En, "50 years"),
            (
                S003_9C,
                q(260e6, About),
                "patients",
                En,
                "about 260 million patients",
            ),
            (
                S003_9D,
                q(900.0, About),
                "Chinese medical team members",
                En,
                "about 900 Chinese medical team members",
            ),
            (
                S003_9E,
                q(50.0, Exact),
                "Chinese medical aid workers",
                En,
                "50 Chinese medical aid workers",
            ),
            (S003_11A, q(52.0, Exact), "countries", En, "52 countries"),
            (
                S003_11A,
                q(100.0, Exact),
                "hospitals and medical centers",
                En,
                "100 hospitals and medical centers",
            ),
            (S003_11B, q(34.0, Exact), "batches", En, "34 batches"),
            (
                S003_11C,
                q(31.0, Exact),
                "aid projects",
                En,
                "31 aid projects",
            ),
            (S003_11C, q(28.0, Exact), "countries", En, "28 countries"),
            (
                S003_13,
                q(400.0, MoreThan),
                "training courses",
                En,
                "more than 400 training courses",
            ),
            (
                S003_13,
                q(15000.0, MoreThan),
                "people",
                En,
                "more than 15,000 people",
            ),
            (
                S003_15,
                q(200.0, Nearly),
                "health emergency rescue missions",
                En,
                "nearly 200 health emergency rescue missions",
            ),
            (
                S004_49,
                q(196.0, Exact),
                "个国家和地区",
                Zh,
                "196个国家和地区",
            ),
            (
                S004_59,
                q(16.0, Exact),
                "个自由贸易协定",
                Zh,
                "16个自由贸易协定",
            ),
            (
                S004_59,
                q(17.0, Exact),
                "个国家中医药服务出口基地",
                Zh,
                "17个国家中医药服务出口基地",
            ),
            (
                S004_59,
                q(28_190_000_000.0, Exact),
                "美元",
                Zh,
                "281.9亿美元",
            ),
            (
                S004_65,
                q(30.0, Exact),
                "个较高质量的中医药海外中心",
                Zh,
                "30个较高质量的中医药海外中心",
            ),
            (
                S004_65,
                q(56.0, Exact),
                "个中医药国际合作基地",
                Zh,
                "56个中医药国际合作基地",
            ),
            (
                S004_71,
                q(64.0, Exact),
                "项中医药国际标准",
                Zh,
                "64项中医药国际标准",
            ),
            (
                S004_85,
                q(150.0, MoreThan),
                "个国家和地区",
                Zh,
                "150多个国家和地区",
            ),
            (S004_85, q(28.0, Exact), "个国家", Zh, "28个国家"),
            (
                S004_149,
                q(30.0, Exact),
                "个高质量中医药海外中心",
                Zh,
                "30个高质量中医药海外中心",
            ),
            (
                S004_149,
                q(30.0, Exact),
                "项中医药国际标准",
                Zh,
                "30项中医药国际标准",
            ),
            (
                S004_149,
                q(10.0, Exact),
                "个中医药文化海外传播品牌项目",
                Zh,
                "10个中医药文化海外传播品牌项目",
            ),
            (
                S004_149,
                q(50.0, Exact),
                "个中医药国际合作基地",
                Zh,
                "50个中医药国际合作基地",
            ),
        ]
    }

    #[test]
    fn every_figure_phrased_in_the_seeds_is_reproduced() {
        let cases = seed_cases();
        assert_eq!(cases.len(), 42);
        for (sentence, quantity_, unit, lang, expected) in cases {
            let phrased = quantity_with_unit(&quantity_, unit, lang);
            assert_eq!(phrased, expected);
            assert!(
                sentence.contains(&phrased),
                "{phrased:?} is not in {sentence:?}"
            );
        }
    }

    #[test]
    fn the_issue_example_in_both_languages() {
        let officials = q(6800.0, MoreThan);
        let origins = q(50.0, MoreThan);
        assert_eq!(
            quantity_with_unit(&officials, "government officials", Lang::En),
            "more than 6,800 government officials"
        );
        assert_eq!(
            quantity_with_unit(&officials, "名政府官员", Lang::Zh),
            "6800多名政府官员"
        );
        assert_eq!(
            quantity_with_unit(&origins, "countries", Lang::En),
            "more than 50 countries"
        );
        assert_eq!(
            quantity_with_unit(&origins, "个国家", Lang::Zh),
            "50多个国家"
        );

        let en = "received {value} government officials from {official_visitor_origins} \
                  countries, regions and international organizations";
        let zh = "接待了来自{official_visitor_origins}个国家、地区和国际组织的{value}名政府官员";
        for (template, lang, expected) in [
            (
                en,
                Lang::En,
                "received more than 6,800 government officials from more than 50 countries, \
                 regions and international organizations",
            ),
            (
                zh,
                Lang::Zh,
                "接待了来自50多个国家、地区和国际组织的6800多名政府官员",
            ),
        ] {
            let lookup = |key: &str| match key {
                "value" => Some(quantity(&officials, lang)),
                "official_visitor_origins" => Some(quantity(&origins, lang)),
                _ => None,
            };
            let segments = fill(template, &lookup).unwrap();
            assert_eq!(plain_text(&segments), expected);
        }
    }

    #[test]
    fn the_other_brief_examples_in_both_languages() {
        // "nearly 200" = "近200", "about 260 million" = "约2.6亿",
        // "more than 150 countries and regions" = "150多个国家和地区", "30" = "30个".
        let cases: &[(Quantity, &str, &str, &str, &str)] = &[
            (
                q(200.0, Nearly),
                "cooperation agreements",
                "项合作协议",
                "nearly 200 cooperation agreements",
                "近200项合作协议",
            ),
            (
                q(260e6, About),
                "patients",
                "人次",
                "about 260 million patients",
                "约2.6亿人次",
            ),
            (
                q(150.0, MoreThan),
                "countries and regions",
                "个国家和地区",
                "more than 150 countries and regions",
                "150多个国家和地区",
            ),
            (q(30.0, Exact), "centres", "个", "30 centres", "30个"),
        ];
        for (quantity_, en_unit, zh_unit, en, zh) in cases {
            assert_eq!(quantity_with_unit(quantity_, en_unit, Lang::En), *en);
            assert_eq!(quantity_with_unit(quantity_, zh_unit, Lang::Zh), *zh);
        }
    }

    #[test]
    fn over_in_a_seed_is_written_back_as_more_than() {
        // Seed 001: "among over 150 member institutions"; the qualifier is MoreThan.
        assert_eq!(
            quantity_with_unit(&q(150.0, MoreThan), "member institutions", Lang::En),
            "more than 150 member institutions"
        );
        // Seed 004: "逾百万人口" (Chinese numerals) comes out in digits.
        assert_eq!(
            quantity_with_unit(&q(1e6, MoreThan), "人口", Lang::Zh),
            "100多万人口"
        );
    }

    // ---- rounding counts ----

    #[test]
    fn round_count_table() {
        let cases: &[(u64, Qualifier, f64)] = &[
            (0, Exact, 0.0),
            (1, Exact, 1.0),
            (9, Exact, 9.0),
            (10, Exact, 10.0),
            (11, MoreThan, 10.0),
            (18, MoreThan, 10.0),
            (19, Nearly, 20.0),
            (20, Exact, 20.0),
            (28, MoreThan, 20.0),
            (29, Nearly, 30.0),
            (38, Nearly, 40.0),
            (40, Exact, 40.0),
            (47, MoreThan, 40.0),
            (56, MoreThan, 50.0),
            (57, Nearly, 60.0),
            (90, Exact, 90.0),
            (94, MoreThan, 90.0),
            (95, Nearly, 100.0),
            (99, Nearly, 100.0),
            (100, Exact, 100.0),
            (101, MoreThan, 100.0),
            (105, MoreThan, 100.0),
            (110, Exact, 110.0),
            (115, MoreThan, 110.0),
            (189, MoreThan, 180.0),
            (190, Nearly, 200.0),
            (193, Nearly, 200.0),
            (199, Nearly, 200.0),
            (200, Exact, 200.0),
            (949, MoreThan, 940.0),
            (950, Exact, 950.0),
            (989, MoreThan, 980.0),
            (990, Nearly, 1000.0),
            (999, Nearly, 1000.0),
            (1000, Exact, 1000.0),
            (1001, MoreThan, 1000.0),
            (1234, MoreThan, 1200.0),
            (1500, Exact, 1500.0),
            (1899, MoreThan, 1800.0),
            (1900, Nearly, 2000.0),
            (6650, MoreThan, 6600.0),
            (6651, MoreThan, 6600.0),
            (6800, Exact, 6800.0),
            (6842, MoreThan, 6800.0),
            (6899, MoreThan, 6800.0),
            (6900, Nearly, 7000.0),
            (6999, Nearly, 7000.0),
            (9499, MoreThan, 9400.0),
            (9500, Exact, 9500.0),
            (9899, MoreThan, 9800.0),
            (9900, Nearly, 10000.0),
            (15000, Exact, 15000.0),
            (15321, MoreThan, 15000.0),
            (1_234_567, MoreThan, 1_200_000.0),
            (259_876_543, MoreThan, 250_000_000.0),
            (260_000_000, Exact, 260_000_000.0),
            (299_999_999, Nearly, 300_000_000.0),
            (u64::MAX, MoreThan, 18e18),
        ];
        for &(n, qualifier, value) in cases {
            assert_eq!(round_count(n), q(value, qualifier), "{n}");
        }
    }

    #[test]
    fn round_count_never_states_more_than_the_count_unless_nearly() {
        for n in 0..=20_000u64 {
            let stated = round_count(n);
            let v = stated.value;
            match stated.qualifier {
                Exact => assert_eq!(v, n as f64, "{n}"),
                // Floored to tens below 100, else to two significant digits (within 10%).
                MoreThan if n < 100 => assert!(v < n as f64 && v > n as f64 - 10.0, "{n}"),
                MoreThan => assert!(v < n as f64 && v > n as f64 * 0.9, "{n}"),
                Nearly => assert!(v > n as f64 && n as f64 >= 0.95 * v, "{n}"),
                other => panic!("{n}: {other:?}"),
            }
        }
    }

    #[test]
    fn rounded_counts_read_as_headlines() {
        let cases: &[(u64, &str, &str)] = &[
            (5, "5", "5"),
            (47, "more than 40", "40多"),
            (193, "nearly 200", "近200"),
            (6842, "more than 6,800", "6800多"),
            (6800, "6,800", "6800"),
            (1_234_567, "more than 1.2 million", "120多万"),
            (259_876_543, "more than 250 million", "逾2.5亿"),
        ];
        for &(n, en, zh) in cases {
            assert_eq!(quantity(&round_count(n), Lang::En), en, "{n}");
            assert_eq!(quantity(&round_count(n), Lang::Zh), zh, "{n}");
        }
    }

    #[test]
    fn the_tables_in_docs_figures_md() {
        let numbers: &[(f64, &str, &str)] = &[
            (30.0, "30", "30"),
            (6800.0, "6,800", "6800"),
            (123_456.0, "123,456", "123456"),
            (250_000.0, "250,000", "25万"),
            (1_250_000.0, "1.25 million", "125万"),
            (1_234_567.0, "1,234,567", "1234567"),
            (260_000_000.0, "260 million", "2.6亿"),
            (28_190_000_000.0, "28.19 billion", "281.9亿"),
            (2.5, "2.5", "2.5"),
        ];
        for &(value, en, zh) in numbers {
            assert_eq!(number(value, Lang::En), en, "{value}");
            assert_eq!(number(value, Lang::Zh), zh, "{value}");
        }
        let counts: &[(u64, &str, &str)] = &[
            (5, "5", "5"),
            (10, "10", "10"),
            (40, "40", "40"),
            (47, "more than 40", "40多"),
            (95, "nearly 100", "近100"),
            (193, "nearly 200", "近200"),
            (1000, "1,000", "1000"),
            (1234, "more than 1,200", "1200多"),
            (6800, "6,800", "6800"),
            (6842, "more than 6,800", "6800多"),
            (1_234_567, "more than 1.2 million", "120多万"),
        ];
        for &(n, en, zh) in counts {
            assert_eq!(quantity(&round_count(n), Lang::En), en, "{n}");
            assert_eq!(quantity(&round_count(n), Lang::Zh), zh, "{n}");
        }
    }

    // ---- templates ----

    fn known(key: &str) -> Option<String> {
        match key {
            "value" => Some("more than 6,800".into()),
            "origins" => Some("more than 50".into()),
            _ => None,
        }
    }

    fn text(s: &str) -> Segment {
        Segment::Text(s.into())
    }

    fn figure(key: &str, s: &str) -> Segment {
        Segment::Figure {
            key: key.into(),
            text: s.into(),
        }
    }

    #[test]
    fn fill_splits_text_and_figures() {
        let segments = fill(
            "received {value} officials from {origins} countries",
            &known,
        );
        assert_eq!(
            segments,
            Ok(vec![
                text("received "),
                figure("value", "more than 6,800"),
                text(" officials from "),
                figure("origins", "more than 50"),
                text(" countries"),
            ])
        );
    }

    #[test]
    fn fill_edges_no_empty_text_segments() {
        assert_eq!(fill("", &known), Ok(vec![]));
        assert_eq!(fill("no figures", &known), Ok(vec![text("no figures")]));
        assert_eq!(
            fill("{value}{origins}", &known),
            Ok(vec![
                figure("value", "more than 6,800"),
                figure("origins", "more than 50")
            ])
        );
        assert_eq!(
            fill("{value} and {value}", &known),
            Ok(vec![
                figure("value", "more than 6,800"),
                text(" and "),
                figure("value", "more than 6,800")
            ])
        );
    }

    #[test]
    fn doubled_braces_are_literal() {
        assert_eq!(
            fill("{{value}} is written {value}", &known),
            Ok(vec![
                text("{value} is written "),
                figure("value", "more than 6,800")
            ])
        );
        assert_eq!(
            fill("{{{value}}}", &known),
            Ok(vec![
                text("{"),
                figure("value", "more than 6,800"),
                text("}")
            ])
        );
        assert_eq!(fill("}}{{", &known), Ok(vec![text("}{")]));
    }

    #[test]
    fn keys_are_lowercase_ascii_digits_and_underscores() {
        let lookup = |key: &str| Some(format!("<{key}>"));
        let segments = fill("{official_visitor_origins_2021}", &lookup).unwrap();
        assert_eq!(
            segments,
            vec![figure(
                "official_visitor_origins_2021",
                "<official_visitor_origins_2021>"
            )]
        );
        for (template, key) in [
            ("a {} b", ""),
            ("a {Value} b", "Value"),
            ("a { value } b", " value "),
            ("a {tb-control} b", "tb-control"),
            ("a {数字} b", "数字"),
        ] {
            assert_eq!(
                fill(template, &lookup),
                Err(TemplateError::BadKey {
                    key: key.into(),
                    position: 3
                }),
                "{template}"
            );
        }
    }

    #[test]
    fn unknown_key_is_named_with_its_position() {
        let err = fill("received {value} from {countries}", &known).unwrap_err();
        assert_eq!(
            err,
            TemplateError::UnknownKey {
                key: "countries".into(),
                position: 23
            }
        );
        assert!(err.to_string().contains("“countries”"));
        assert!(err.message(Lang::Zh).contains("“countries”"));
        assert!(err.message(Lang::Zh).contains("第23个字符"));
    }

    #[test]
    fn unclosed_brace_gives_its_character_position() {
        assert_eq!(
            fill("received {value", &known),
            Err(TemplateError::Unclosed { position: 10 })
        );
        // Characters, not bytes: each Chinese character is one.
        assert_eq!(
            fill("接待了{value", &known),
            Err(TemplateError::Unclosed { position: 4 })
        );
        assert_eq!(
            fill("{", &known),
            Err(TemplateError::Unclosed { position: 1 })
        );
        assert_eq!(
            fill("a {value {origins}", &known),
            Err(TemplateError::Unclosed { position: 3 })
        );
    }

    #[test]
    fn lone_closing_brace_is_an_error() {
        assert_eq!(
            fill("value}", &known),
            Err(TemplateError::UnmatchedClose { position: 6 })
        );
        assert_eq!(
            fill("近{value}}", &known),
            Err(TemplateError::UnmatchedClose { position: 9 })
        );
    }

    #[test]
    fn syntax_problems_come_before_unknown_keys() {
        assert_eq!(
            fill("{nobody} {", &known),
            Err(TemplateError::Unclosed { position: 10 })
        );
    }

    #[test]
    fn placeholders_and_check() {
        let t = "received {value} from {origins}; {value} again, {{literal}}";
        assert_eq!(placeholders(t), vec!["value", "origins"]);
        assert_eq!(check(t), Ok(vec!["value".into(), "origins".into()]));
        assert_eq!(placeholders("none"), Vec::<String>::new());
        assert_eq!(placeholders("{a} {b} {C} {d}"), vec!["a", "b"]);
        assert_eq!(
            check("{a} {b} {C} {d}"),
            Err(TemplateError::BadKey {
                key: "C".into(),
                position: 9
            })
        );
    }

    #[test]
    fn messages_in_both_languages() {
        let errors = [
            TemplateError::UnknownKey {
                key: "origins".into(),
                position: 5,
            },
            TemplateError::Unclosed { position: 5 },
            TemplateError::UnmatchedClose { position: 5 },
            TemplateError::BadKey {
                key: "Value".into(),
                position: 5,
            },
        ];
        for err in &errors {
            let en = err.message(Lang::En);
            let zh = err.message(Lang::Zh);
            assert_eq!(err.to_string(), en);
            assert!(en.contains("character 5"), "{en}");
            assert!(zh.contains("第5个字符"), "{zh}");
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
        }
        assert_eq!(
            TemplateError::Unclosed { position: 5 }.to_string(),
            "the “{” at character 5 is not closed with “}” (write “{{” for a literal brace)"
        );
        assert_eq!(
            TemplateError::UnmatchedClose { position: 5 }.message(Lang::Zh),
            "模板第5个字符处的“}”前面没有对应的“{”（大括号本身请写作“}}”）"
        );
        assert_eq!(
            TemplateError::BadKey {
                key: "Value".into(),
                position: 5
            }
            .to_string(),
            "“{Value}” at character 5 is not a figure name: use lowercase letters, digits and _"
        );
    }
}
