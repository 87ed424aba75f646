//! Worksheet names made valid for Excel: callers pass any title, Excel refuses many.

use std::collections::HashSet;

/// Excel's limit, counted in UTF-16 units (as Excel counts).
const MAX_LEN: usize = 31;

/// Turns titles into valid, unique sheet names, in order.
///
/// Excel's rules: 1 to 31 characters, none of `[ ] : * ? / \`, no apostrophe at either end,
/// not "History" (reserved), unique ignoring case. A repeated name gets " (2)", " (3)", …
pub(crate) fn sheet_names<'a>(titles: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut taken = HashSet::new();
    let mut names = Vec::new();
    for (index, title) in titles.into_iter().enumerate() {
        let base = clean(title).unwrap_or_else(|| format!("Sheet{}", index + 1));
        let mut name = base.clone();
        let mut n = 2;
        while !taken.insert(name.to_lowercase()) {
            let suffix = format!(" ({n})");
            name = format!("{}{suffix}", truncate_utf16(&base, MAX_LEN - suffix.len()));
            n += 1;
        }
        names.push(name);
    }
    names
}

/// One title as a valid sheet name (a workbook with a single sheet has nothing to clash with).
pub(crate) fn sheet_name(title: &str) -> String {
    clean(title).unwrap_or_else(|| "Sheet1".to_owned())
}

/// The title with forbidden characters replaced and cut to length, or `None` if nothing usable
/// is left.
fn clean(title: &str) -> Option<String> {
    let replaced: String = title
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            // Control characters are not allowed in the workbook XML.
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let trimmed = replaced.trim().trim_matches('\'').trim();
    let cut = truncate_utf16(trimmed, MAX_LEN);
    // Cutting can expose a new apostrophe or space at the end.
    let cut = cut.trim_end().trim_end_matches('\'');
    if cut.is_empty() {
        return None;
    }
    if cut.eq_ignore_ascii_case("history") {
        return Some(format!("{cut}_"));
    }
    Some(cut.to_owned())
}

fn truncate_utf16(text: &str, max: usize) -> &str {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        units += c.len_utf16();
        if units > max {
            return &text[..i];
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_replaced() {
        assert_eq!(sheet_names(["a/b:c[1]*?\\"]), ["a_b_c_1____"]);
    }

    #[test]
    fn long_names_are_cut_to_31_characters() {
        let long = "卫生合作项目进展情况统计表（二〇二四年第一季度至第四季度汇总）";
        let name = &sheet_names([long])[0];
        assert_eq!(name.encode_utf16().count(), 31);
        assert!(long.starts_with(name.as_str()));
    }

    #[test]
    fn repeated_names_are_numbered_ignoring_case() {
        let names = sheet_names([
            "Plan",
            "plan",
            "PLAN",
            "x".repeat(40).as_str(),
            &"x".repeat(31),
        ]);
        assert_eq!(names[..3], ["Plan", "plan (2)", "PLAN (3)"]);
        assert_eq!(names[3], "x".repeat(31));
        assert_eq!(names[4], format!("{} (2)", "x".repeat(27)));
    }

    #[test]
    fn empty_apostrophe_and_reserved_names_are_made_valid() {
        assert_eq!(
            sheet_names(["", "  ", "'quoted'", "History"]),
            ["Sheet1", "Sheet2", "quoted", "History_"]
        );
    }
}
