//! Title, subtitle, headings and paragraphs: sizes and colours follow the Word writer's styles,
//! so the two formats of one report look alike.

use super::canvas::Align;
use super::flow::{Flow, TextStyle, LEFT, TEXT_WIDTH};
use super::fonts::Font;
use super::wrap::{wrap, wrap_indented};

const TITLE: TextStyle = TextStyle {
    font: Font::bold(20.0),
    color: 0x1F3864,
    leading: 28.0,
};
const SUBTITLE: TextStyle = TextStyle {
    font: Font::regular(13.0),
    color: 0x595959,
    leading: 19.0,
};
/// Body text, also the measure for keeping a heading with what follows it.
pub(crate) const BODY: TextStyle = TextStyle {
    font: Font::regular(10.5),
    color: 0x1A1A1A,
    leading: 16.0,
};
/// Headings 1 to 3 with the space before and after each.
const HEADINGS: [(TextStyle, f64, f64); 3] = [
    (
        TextStyle {
            font: Font::bold(15.0),
            color: 0x1F3864,
            leading: 21.0,
        },
        14.0,
        6.0,
    ),
    (
        TextStyle {
            font: Font::bold(13.0),
            color: 0x1F3864,
            leading: 18.0,
        },
        12.0,
        5.0,
    ),
    (
        TextStyle {
            font: Font::bold(11.5),
            color: 0x2F5496,
            leading: 16.0,
        },
        10.0,
        4.0,
    ),
];
/// Space after a paragraph.
const PARAGRAPH_AFTER: f64 = 6.0;
/// Space between the title block and the first block.
const TITLE_AFTER: f64 = 16.0;

/// The title, centred, and the subtitle under it; either may be missing.
pub(crate) fn title(flow: &mut Flow, title: &str, subtitle: Option<&str>) {
    let subtitle = subtitle.filter(|s| !s.trim().is_empty());
    let has_title = !title.trim().is_empty();
    if has_title {
        let lines = wrap(title, TITLE.font, TEXT_WIDTH);
        flow.lines(&lines, TITLE, LEFT, TEXT_WIDTH, Align::Center, 0.0);
    }
    if let Some(subtitle) = subtitle {
        flow.space(4.0);
        let lines = wrap(subtitle, SUBTITLE.font, TEXT_WIDTH);
        flow.lines(&lines, SUBTITLE, LEFT, TEXT_WIDTH, Align::Center, 0.0);
    }
    if has_title || subtitle.is_some() {
        flow.space(TITLE_AFTER);
    }
}

/// A heading of level 1 to 3 (other levels clamped), kept on one page with at least two
/// lines of what follows.
pub(crate) fn heading(flow: &mut Flow, level: u8, text: &str) {
    let (style, before, after) = HEADINGS[usize::from(level.clamp(1, 3)) - 1];
    flow.space(before);
    let lines = wrap(text, style.font, TEXT_WIDTH);
    flow.ensure(lines.len() as f64 * style.leading + after + 2.0 * BODY.leading);
    flow.lines(&lines, style, LEFT, TEXT_WIDTH, Align::Left, 0.0);
    flow.space(after);
}

/// A paragraph; a '\n' in it is a line break. Chinese documents indent the first line by
/// two characters, as the Word writer does.
pub(crate) fn paragraph(flow: &mut Flow, text: &str, chinese: bool) {
    let indent = if chinese { 2.0 * BODY.font.size } else { 0.0 };
    let lines = wrap_indented(text, BODY.font, TEXT_WIDTH, indent);
    flow.lines(&lines, BODY, LEFT, TEXT_WIDTH, Align::Left, indent);
    flow.space(PARAGRAPH_AFTER);
}
