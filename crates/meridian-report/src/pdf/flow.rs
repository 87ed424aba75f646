//! The page flow: A4 portrait pages filled from the top, a new page whenever the next piece
//! does not fit, and "n / N" page numbers in the footer once the page count is known.

use super::canvas::{Align, Canvas, Color};
use super::fonts::{text_width, Font};

/// A4 in points (210 × 297 mm).
pub(crate) const PAGE_WIDTH: f64 = 595.276;
pub(crate) const PAGE_HEIGHT: f64 = 841.89;
/// 18 mm on every side.
const MARGIN: f64 = 51.024;
pub(crate) const LEFT: f64 = MARGIN;
pub(crate) const TEXT_WIDTH: f64 = PAGE_WIDTH - 2.0 * MARGIN;
const TOP: f64 = PAGE_HEIGHT - MARGIN;
const BOTTOM: f64 = MARGIN;
/// The height of an empty page's text area.
pub(crate) const FULL_HEIGHT: f64 = TOP - BOTTOM;

/// Page numbers sit in the bottom margin, about 10 mm above the paper's edge.
const FOOTER_BASELINE: f64 = 28.0;
const FOOTER_FONT: Font = Font::regular(8.0);
const FOOTER_COLOR: Color = 0x7F7F7F;
/// Extra room around the slash, so the page number reads back as "1 / 5", not "1/5".
const FOOTER_WORD_SPACING: f64 = 1.5;

/// Where on the font's em box the baseline lies: Chinese glyphs reach 0.88 em above it and
/// 0.12 em below, Latin ones a little less.
const ASCENT: f64 = 0.88;

/// A clickable area of a page that opens a web address.
#[derive(Debug)]
pub(crate) struct Link {
    /// Lower-left and upper-right corners.
    pub rect: [f64; 4],
    pub uri: String,
}

/// One finished page: its content and its links.
#[derive(Debug, Default)]
pub(crate) struct Page {
    pub canvas: Canvas,
    pub links: Vec<Link>,
}

/// Lines of text drawn together: font, colour, and the distance between baselines.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextStyle {
    pub font: Font,
    pub color: Color,
    pub leading: f64,
}

impl TextStyle {
    /// The baseline of a line whose box starts at `top`: the em box centred in the leading.
    pub(crate) fn baseline(&self, top: f64) -> f64 {
        top - (self.leading - self.font.size) / 2.0 - ASCENT * self.font.size
    }
}

/// The pages so far and the position of the next piece on the last one.
#[derive(Debug)]
pub(crate) struct Flow {
    pages: Vec<Page>,
    /// The top of the next piece, in points from the bottom of the page.
    y: f64,
}

impl Flow {
    pub(crate) fn new() -> Self {
        Flow {
            pages: vec![Page::default()],
            y: TOP,
        }
    }

    fn page(&mut self) -> &mut Page {
        // There is always a page: `new` starts with one and none is ever removed.
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    pub(crate) fn canvas(&mut self) -> &mut Canvas {
        &mut self.page().canvas
    }

    pub(crate) fn link(&mut self, rect: [f64; 4], uri: String) {
        self.page().links.push(Link { rect, uri });
    }

    /// The top of the next piece.
    pub(crate) fn y(&self) -> f64 {
        self.y
    }

    /// Moves down past a piece just drawn.
    pub(crate) fn advance(&mut self, height: f64) {
        self.y -= height;
    }

    /// The height left on this page.
    pub(crate) fn room(&self) -> f64 {
        self.y - BOTTOM
    }

    /// True when nothing is on this page yet, so a new page would not help.
    pub(crate) fn at_top(&self) -> bool {
        self.y >= TOP - 0.01
    }

    pub(crate) fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }

    /// Starts a new page unless `height` fits on this one (or this one is still empty).
    pub(crate) fn ensure(&mut self, height: f64) {
        if height > self.room() + 0.01 && !self.at_top() {
            self.new_page();
        }
    }

    /// Vertical space between pieces; none at the top of a page.
    pub(crate) fn space(&mut self, height: f64) {
        if !self.at_top() {
            self.y -= height.min(self.room());
        }
    }

    /// Lines of text from `x`, each placed in the box `width` wide by `align`; the first
    /// line starts `indent` further right. Lines that do not fit go on the next page.
    pub(crate) fn lines(
        &mut self,
        lines: &[String],
        style: TextStyle,
        x: f64,
        width: f64,
        align: Align,
        indent: f64,
    ) {
        for (n, line) in lines.iter().enumerate() {
            self.ensure(style.leading);
            let indent = if n == 0 { indent } else { 0.0 };
            let baseline = style.baseline(self.y);
            self.canvas().aligned_text(
                x + indent,
                width - indent,
                baseline,
                line,
                style.font,
                style.color,
                align,
            );
            self.y -= style.leading;
        }
    }

    /// The pages, each with "n / N" centred in its footer.
    pub(crate) fn finish(mut self) -> Vec<Page> {
        let count = self.pages.len();
        for (n, page) in self.pages.iter_mut().enumerate() {
            let text = format!("{} / {count}", n + 1);
            let width = text_width(&text, FOOTER_FONT) + 2.0 * FOOTER_WORD_SPACING;
            page.canvas.spaced_text(
                (PAGE_WIDTH - width) / 2.0,
                FOOTER_BASELINE,
                &text,
                FOOTER_FONT,
                FOOTER_COLOR,
                FOOTER_WORD_SPACING,
            );
        }
        self.pages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_piece_that_does_not_fit_starts_a_new_page_but_an_empty_page_takes_anything() {
        let mut flow = Flow::new();
        flow.ensure(FULL_HEIGHT * 2.0);
        assert!(flow.at_top(), "no blank page before an oversized piece");
        flow.advance(FULL_HEIGHT - 10.0);
        flow.ensure(20.0);
        assert!(flow.at_top());
        flow.space(5.0);
        assert!(flow.at_top(), "no space at the top of a page");
        assert_eq!(flow.finish().len(), 2);
    }
}
