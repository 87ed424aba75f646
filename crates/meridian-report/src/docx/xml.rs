//! Text into WordprocessingML safely: escaping, and runs that keep line breaks and tabs.

use std::fmt::Write as _;

/// The XML declaration every part starts with.
pub(crate) const DECLARATION: &str =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// `text` escaped for element content and attribute values. Characters XML 1.0 forbids
/// (most control characters, U+FFFE, U+FFFF) are dropped: one pasted control character would
/// otherwise make Word refuse the whole file.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Kept in attribute values too: escaped, or a parser would normalise them to spaces.
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

fn is_xml_char(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// One run (`w:r`) with properties `rpr` (a `<w:rPr>…</w:rPr>` or "") showing `text`: a line
/// break in the text becomes `w:br`, a tab `w:tab`, as Word would store typed text.
pub(crate) fn run(text: &str, rpr: &str) -> String {
    let mut out = format!("<w:r>{rpr}");
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                out.push_str("<w:tab/>");
            }
            if !piece.is_empty() {
                // xml:space keeps leading and trailing spaces, which Word would otherwise drop.
                let _ = write!(out, "<w:t xml:space=\"preserve\">{}</w:t>", escape(piece));
            }
        }
    }
    out.push_str("</w:r>");
    out
}

/// A paragraph with properties `ppr` (a `<w:pPr>…</w:pPr>` or "") holding one run of `text`.
pub(crate) fn paragraph(ppr: &str, text: &str, rpr: &str) -> String {
    if text.is_empty() {
        return format!("<w:p>{ppr}</w:p>");
    }
    format!("<w:p>{ppr}{}</w:p>", run(text, rpr))
}

/// Paragraph properties naming a style.
pub(crate) fn styled(style: &str) -> String {
    format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_control_characters_dropped() {
        assert_eq!(
            escape("<a href=\"x\">R&D's</a>\u{1}\u{FFFF}"),
            "&lt;a href=&quot;x&quot;&gt;R&amp;D&apos;s&lt;/a&gt;"
        );
        assert_eq!(escape("卫生 health"), "卫生 health");
    }

    #[test]
    fn line_breaks_and_tabs_become_word_elements() {
        assert_eq!(
            run("a\tb\r\nc", ""),
            "<w:r><w:t xml:space=\"preserve\">a</w:t><w:tab/>\
             <w:t xml:space=\"preserve\">b</w:t><w:br/>\
             <w:t xml:space=\"preserve\">c</w:t></w:r>"
        );
    }
}
