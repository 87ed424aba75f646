//! One page's content stream: text in runs of one font each, rectangles, lines and markers.
//! Coordinates are PDF points from the bottom-left corner of the page.

use std::fmt::Write as _;

use super::fonts::{cjk_operand, latin_operand, runs, Font, Script, BOLD, CJK, REGULAR};

/// An sRGB colour as 0xRRGGBB, the notation the Word writer uses too.
pub(crate) type Color = u32;

/// Horizontal placement of a line of text relative to its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

/// How far the stroke of simulated bold Chinese reaches, as a fraction of the font size.
const FAKE_BOLD_STROKE: f64 = 0.03;

/// The operators of one content stream; all ASCII, since non-ASCII text is written as hex.
#[derive(Debug, Default)]
pub(crate) struct Canvas {
    ops: String,
}

impl Canvas {
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.ops.into_bytes()
    }

    /// One line of text with its baseline starting at (`x`, `y`), each run in its own font
    /// (see `fonts::runs`); the reader advances by the same widths `fonts::text_width` measured.
    pub(crate) fn text(&mut self, x: f64, y: f64, text: &str, font: Font, color: Color) {
        self.spaced_text(x, y, text, font, color, 0.0);
    }

    /// Like [`Canvas::text`], with `word_spacing` points added to each ASCII space (the `Tw`
    /// operator): text extractors join words set closer than about a third of an em, so a
    /// short string such as "1 / 5" needs the extra room to read back with its spaces.
    pub(crate) fn spaced_text(
        &mut self,
        x: f64,
        y: f64,
        text: &str,
        font: Font,
        color: Color,
        word_spacing: f64,
    ) {
        let runs = runs(text);
        if runs.is_empty() {
            return;
        }
        let (r, g, b) = rgb(color);
        let _ = write!(self.ops, "BT {r} {g} {b} rg ");
        if word_spacing != 0.0 {
            let _ = write!(self.ops, "{} Tw ", num(word_spacing));
        }
        let _ = writeln!(self.ops, "1 0 0 1 {} {} Tm", num(x), num(y));
        let size = num(font.size);
        for (script, run) in runs {
            match script {
                Script::Latin => {
                    let name = if font.bold { BOLD } else { REGULAR };
                    let _ = writeln!(self.ops, "/{name} {size} Tf {} Tj", latin_operand(&run));
                }
                Script::Cjk if font.bold => {
                    // Fill and stroke the outlines: the one way to embolden a font that has
                    // no bold face without embedding one.
                    let _ = writeln!(
                        self.ops,
                        "/{CJK} {size} Tf {r} {g} {b} RG {} w 2 Tr {} Tj 0 Tr",
                        num(font.size * FAKE_BOLD_STROKE),
                        cjk_operand(&run)
                    );
                }
                Script::Cjk => {
                    let _ = writeln!(self.ops, "/{CJK} {size} Tf {} Tj", cjk_operand(&run));
                }
            }
        }
        // Text state outlives the text object: leave the spacing as every other text expects.
        if word_spacing != 0.0 {
            self.ops.push_str("0 Tw ");
        }
        self.ops.push_str("ET\n");
    }

    /// One line of text placed in the box from `x` to `x + width` by `align`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn aligned_text(
        &mut self,
        x: f64,
        width: f64,
        y: f64,
        text: &str,
        font: Font,
        color: Color,
        align: Align,
    ) {
        let w = super::fonts::text_width(text, font);
        let x = match align {
            Align::Left => x,
            Align::Center => x + (width - w) / 2.0,
            Align::Right => x + width - w,
        };
        self.text(x, y, text, font, color);
    }

    /// A filled rectangle, (`x`, `y`) its lower-left corner.
    pub(crate) fn fill_rect(&mut self, x: f64, y: f64, w: f64, h: f64, color: Color) {
        let (r, g, b) = rgb(color);
        let _ = writeln!(
            self.ops,
            "{r} {g} {b} rg {} {} {} {} re f",
            num(x),
            num(y),
            num(w),
            num(h)
        );
    }

    /// A rectangle's outline.
    pub(crate) fn stroke_rect(&mut self, x: f64, y: f64, w: f64, h: f64, line: f64, color: Color) {
        let (r, g, b) = rgb(color);
        let _ = writeln!(
            self.ops,
            "{r} {g} {b} RG {} w [] 0 d {} {} {} {} re S",
            num(line),
            num(x),
            num(y),
            num(w),
            num(h)
        );
    }

    /// An open polyline through `points`; `dash` is an on/off pattern in points (empty for a
    /// solid line).
    pub(crate) fn polyline(
        &mut self,
        points: &[(f64, f64)],
        line: f64,
        color: Color,
        dash: &[f64],
    ) {
        let Some(((x0, y0), rest)) = points.split_first() else {
            return;
        };
        let (r, g, b) = rgb(color);
        let dash: Vec<String> = dash.iter().map(|d| num(*d)).collect();
        let _ = write!(
            self.ops,
            "{r} {g} {b} RG {} w [{}] 0 d 1 J {} {} m",
            num(line),
            dash.join(" "),
            num(*x0),
            num(*y0)
        );
        for (x, y) in rest {
            let _ = write!(self.ops, " {} {} l", num(*x), num(*y));
        }
        self.ops.push_str(" S 0 J\n");
    }

    /// A straight solid line.
    pub(crate) fn line(&mut self, from: (f64, f64), to: (f64, f64), line: f64, color: Color) {
        self.polyline(&[from, to], line, color, &[]);
    }

    /// A filled circle (four Bézier arcs).
    pub(crate) fn dot(&mut self, cx: f64, cy: f64, radius: f64, color: Color) {
        // Control point distance that makes a cubic Bézier quarter arc closest to a circle.
        let k = radius * 0.552_284_75;
        let (r, g, b) = rgb(color);
        let p = |x: f64, y: f64| format!("{} {}", num(cx + x), num(cy + y));
        let _ = writeln!(
            self.ops,
            "{r} {g} {b} rg {} m {} {} {} c {} {} {} c {} {} {} c {} {} {} c f",
            p(radius, 0.0),
            p(radius, k),
            p(k, radius),
            p(0.0, radius),
            p(-k, radius),
            p(-radius, k),
            p(-radius, 0.0),
            p(-radius, -k),
            p(-k, -radius),
            p(0.0, -radius),
            p(k, -radius),
            p(radius, -k),
            p(radius, 0.0),
        );
    }
}

/// A colour's components in 0..1, as short decimals.
fn rgb(color: Color) -> (String, String, String) {
    let channel = |shift: u32| num(f64::from((color >> shift) & 0xFF) / 255.0);
    (channel(16), channel(8), channel(0))
}

/// A number as content streams want it: at most three decimals, no exponent, no "-0".
pub(crate) fn num(value: f64) -> String {
    if !value.is_finite() {
        return "0".to_owned();
    }
    let text = format!("{:.3}", value);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match text {
        "-0" | "" => "0".to_owned(),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_never_exponential() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(0.5), "0.5");
        assert_eq!(num(595.2756), "595.276");
        assert_eq!(num(-0.0001), "0");
        assert_eq!(num(1e20), "100000000000000000000");
        assert_eq!(num(f64::NAN), "0");
    }

    #[test]
    fn mixed_text_switches_fonts_between_runs() {
        let mut canvas = Canvas::default();
        canvas.text(10.0, 20.0, "2021年 CACMS", Font::regular(10.0), 0x000000);
        let ops = String::from_utf8(canvas.into_bytes()).unwrap();
        assert_eq!(
            ops,
            "BT 0 0 0 rg 1 0 0 1 10 20 Tm\n/F1 10 Tf (2021) Tj\n/F3 10 Tf <5E74> Tj\n\
             /F1 10 Tf ( CACMS) Tj\nET\n"
        );
    }

    #[test]
    fn bold_chinese_is_stroked_as_well_as_filled() {
        let mut canvas = Canvas::default();
        canvas.text(0.0, 0.0, "标题", Font::bold(20.0), 0xFF0000);
        let ops = String::from_utf8(canvas.into_bytes()).unwrap();
        assert!(ops.contains("/F3 20 Tf 1 0 0 RG 0.6 w 2 Tr <68079898> Tj 0 Tr"));
    }
}
