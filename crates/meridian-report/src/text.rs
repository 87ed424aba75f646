//! How values read as text (Word tables, column widths), shared so every format agrees on
//! "1,234", "1,234.57" and "85%".

use crate::model::{Cell, ColumnKind};

/// The value if it can be shown at all; NaN and infinities have no display in any format.
pub(crate) fn finite(value: f64) -> Option<f64> {
    value.is_finite().then_some(value)
}

/// Whole number with thousands separators: 1234.5 is "1,235".
pub(crate) fn format_integer(value: f64) -> String {
    format_decimals(value, 0, true)
}

/// Up to two decimals, trailing zeros dropped, thousands separators: "1,234.5".
pub(crate) fn format_number(value: f64) -> String {
    format_decimals(value, 2, true)
}

/// A number in a Text or Date column (a year, a code): no separators, up to ten decimals, as
/// Excel's "General" shows it ("2024", not "2,024").
pub(crate) fn format_plain(value: f64) -> String {
    format_decimals(value, 10, false)
}

/// A fraction as a percentage with at most one decimal: 0.85 is "85%", 0.855 is "85.5%".
pub(crate) fn format_percent(fraction: f64) -> String {
    format!("{}%", format_decimals(fraction * 100.0, 1, true))
}

/// True when `fraction` shows as a whole percentage at one decimal ("85%", not "85.5%"):
/// the spreadsheet then uses "0%", otherwise "0.0%", matching [`format_percent`].
pub(crate) fn is_whole_percent(fraction: f64) -> bool {
    let tenths = (fraction * 1000.0).round();
    tenths % 10.0 == 0.0
}

/// True when `value` shows with no decimals at two-decimal precision, so the spreadsheet can
/// use "#,##0" and avoid Excel's dangling point ("12.") of "#,##0.##".
pub(crate) fn is_whole_at_two_decimals(value: f64) -> bool {
    let hundredths = (value * 100.0).round();
    hundredths % 100.0 == 0.0
}

fn format_decimals(value: f64, decimals: usize, grouped: bool) -> String {
    // Round half away from zero first, as Excel does ("2.5" shows as "3"); the formatter
    // alone would round half to even.
    let scale = 10_f64.powi(decimals as i32);
    let scaled = value.abs() * scale;
    // Past 2^53 an f64 has no fractional digits left to round.
    let rounded = if scaled < 9.0e15 {
        scaled.round() / scale
    } else {
        value.abs()
    };
    let fixed = format!("{rounded:.decimals$}");
    let (whole, fraction) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let fraction = fraction.trim_end_matches('0');
    let is_zero = whole.bytes().all(|b| b == b'0') && fraction.is_empty();
    // A value that rounds to zero has no sign: "-0" would only confuse.
    let sign = if value < 0.0 && !is_zero { "-" } else { "" };
    let whole = if grouped {
        group_thousands(whole)
    } else {
        whole.to_owned()
    };
    let mut out = format!("{sign}{whole}");
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// The text a reader sees for `cell` in a column of `kind` (Word tables, width estimates).
pub(crate) fn display(cell: &Cell, kind: ColumnKind) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) | Cell::Link { text, .. } => text.clone(),
        Cell::Percent(v) => finite(*v).map(format_percent).unwrap_or_default(),
        Cell::Number(v) => finite(*v)
            .map(|v| match kind {
                ColumnKind::Integer => format_integer(v),
                ColumnKind::Percent => format_percent(v),
                ColumnKind::Number => format_number(v),
                ColumnKind::Text | ColumnKind::Date => format_plain(v),
            })
            .unwrap_or_default(),
    }
}

/// True for numbers, which Word tables right-align so digits line up.
pub(crate) fn is_numeric(cell: &Cell) -> bool {
    matches!(cell, Cell::Number(_) | Cell::Percent(_))
}

/// Width in "Latin character" units: CJK and full-width characters take two, as on screen.
pub(crate) fn display_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

/// East Asian wide and full-width ranges (a subset of UAX #11 that covers Chinese text).
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_get_thousands_separators_and_lose_trailing_zeros() {
        assert_eq!(format_integer(1234567.4), "1,234,567");
        assert_eq!(format_integer(999.5), "1,000");
        assert_eq!(format_integer(2.5), "3");
        assert_eq!(format_number(1234.5), "1,234.5");
        assert_eq!(format_number(1234.567), "1,234.57");
        assert_eq!(format_number(12.0), "12");
        assert_eq!(format_number(-1234.0), "-1,234");
        assert_eq!(format_number(-0.001), "0");
        assert_eq!(format_number(100.0), "100");
        assert_eq!(format_number(1e20), "100,000,000,000,000,000,000");
    }

    #[test]
    fn percentages_show_at_most_one_decimal() {
        assert_eq!(format_percent(0.85), "85%");
        assert_eq!(format_percent(0.855), "85.5%");
        assert_eq!(format_percent(1.0), "100%");
        assert_eq!(format_percent(0.07), "7%");
        assert!(is_whole_percent(0.07));
        assert!(!is_whole_percent(0.855));
    }

    #[test]
    fn whole_numbers_are_recognised_at_display_precision() {
        assert!(is_whole_at_two_decimals(12.0));
        assert!(is_whole_at_two_decimals(12.001));
        assert!(!is_whole_at_two_decimals(12.01));
    }

    #[test]
    fn chinese_characters_count_double() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("卫生合作"), 8);
        assert_eq!(display_width("WHO（世卫）"), 3 + 8);
    }

    #[test]
    fn a_number_reads_by_its_column_kind() {
        assert_eq!(display(&Cell::Number(0.5), ColumnKind::Percent), "50%");
        assert_eq!(display(&Cell::Number(1500.4), ColumnKind::Integer), "1,500");
        assert_eq!(display(&Cell::Percent(0.5), ColumnKind::Text), "50%");
        assert_eq!(display(&Cell::Number(f64::NAN), ColumnKind::Number), "");
        assert_eq!(display(&Cell::Number(2024.0), ColumnKind::Text), "2024");
        assert_eq!(display(&Cell::Number(0.1 + 0.2), ColumnKind::Date), "0.3");
    }
}
