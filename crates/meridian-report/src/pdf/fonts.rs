//! The fonts every page uses, none of them embedded: Helvetica and Helvetica-Bold (standard
//! fonts every PDF reader has) for Latin text, and Adobe's standard Chinese font STSong-Light
//! for everything else. Also how text is measured, split into runs by font, and encoded.
//!
//! Not embedding keeps the binary and the files small and needs no font file in the
//! repository; the reader supplies the glyphs (Acrobat ships STSong-Light in its Asian font
//! pack; poppler and pdf.js substitute an installed Chinese font).
//!
//! Which font draws a character:
//! - Helvetica: printable ASCII and the rest of WinAnsiEncoding (Latin-1 letters such as the
//!   "ô" of "Côte d'Ivoire" or the "ü" of "Türkiye", "€", "–"). STSong-Light reaches most of
//!   these through `UniGB-UCS2-H` not at all (no "ç", "ñ", "ö" in GB 2312) and the rest only
//!   as full-width pinyin glyphs.
//! - STSong-Light: everything else, as big-endian UCS-2 (characters outside the Basic
//!   Multilingual Plane become "?"). Its glyphs for what GB 2312 holds (Chinese, Greek,
//!   Cyrillic, pinyin, symbols) are all full width, so every one is measured 1000 units.
//! - The punctuation both fonts have and Chinese sets full width (‘ ’ “ ” — … ·) goes with
//!   its neighbours: the Chinese font beside a Chinese character ("“引号”"), Helvetica in
//!   Latin text ("“quoted”", "d’Ivoire").

use std::fmt::Write as _;

/// Resource names of the three fonts in every page's `/Font` dictionary.
pub(crate) const REGULAR: &str = "F1";
pub(crate) const BOLD: &str = "F2";
pub(crate) const CJK: &str = "F3";

/// A text size and weight. Chinese text has no bold face without an embedded font: bold is
/// drawn by stroking the glyph outlines as well as filling them (see `super::canvas`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Font {
    pub size: f64,
    pub bold: bool,
}

impl Font {
    pub(crate) const fn regular(size: f64) -> Self {
        Font { size, bold: false }
    }

    pub(crate) const fn bold(size: f64) -> Self {
        Font { size, bold: true }
    }
}

/// Which font draws a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Script {
    /// Helvetica in WinAnsiEncoding.
    Latin,
    /// STSong-Light in UCS-2.
    Cjk,
}

/// One character as it is drawn: its font and its advance in 1/1000 em.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Glyph {
    pub c: char,
    pub script: Script,
    pub units: u16,
}

impl Glyph {
    /// True for a full-width Chinese glyph: a line may break before and after it.
    pub(crate) fn is_wide(&self) -> bool {
        self.script == Script::Cjk && is_wide(self.c)
    }
}

/// Advance widths (1/1000 em) of printable ASCII (32 to 126) in Helvetica, from Adobe's
/// core font metrics (Helvetica.afm).
#[rustfmt::skip]
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/// The same for Helvetica-Bold (Helvetica-Bold.afm).
#[rustfmt::skip]
const HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/// Helvetica's widths for WinAnsi codes 128 to 255 (0 for the five unused codes).
#[rustfmt::skip]
const HELVETICA_HIGH: [u16; 128] = [
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
];

/// The same for Helvetica-Bold.
#[rustfmt::skip]
const HELVETICA_BOLD_HIGH: [u16; 128] = [
    556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
];

/// The characters of WinAnsi codes 128 to 159 (None where the code is unused).
const WIN_ANSI_128: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// Advance of every glyph of the Chinese font: full width.
const WIDE: u16 = 1000;

/// `c` as it is drawn: tabs and line ends become spaces, other control characters, the soft
/// hyphen (lines are never hyphenated) and the non-characters U+FFFE and U+FFFF are dropped,
/// and characters outside the Basic Multilingual Plane (rare ideographs, emoji) become "?",
/// since UCS-2 cannot encode them.
pub(crate) fn normalize(c: char) -> Option<char> {
    match c {
        '\t' | '\n' | '\r' => Some(' '),
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{AD}' | '\u{FFFE}' | '\u{FFFF}' => None,
        c if u32::from(c) > 0xFFFF => Some('?'),
        c => Some(c),
    }
}

/// The WinAnsiEncoding code of `c`, if Helvetica can draw it.
pub(crate) fn win_ansi(c: char) -> Option<u8> {
    match u32::from(c) {
        code @ (0x20..=0x7E | 0xA0..=0xFF) => u8::try_from(code).ok(),
        _ => WIN_ANSI_128
            .iter()
            .position(|m| *m == Some(c))
            .and_then(|i| u8::try_from(0x80 + i).ok()),
    }
}

/// Punctuation both fonts have, which Chinese text sets full width.
fn is_ambiguous(c: char) -> bool {
    matches!(c, '‘' | '’' | '“' | '”' | '—' | '…' | '·')
}

/// True for characters the Chinese font draws full width that mark their surroundings as
/// Chinese: ideographs, kana, hangul, CJK and full-width punctuation, and the symbols of
/// GB 2312 (dashes, circled numbers, arrows, box drawing).
pub(crate) fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x00B7 | 0x2014..=0x2016 | 0x2018..=0x2019 | 0x201C..=0x201D | 0x2025..=0x2026
        | 0x2030 | 0x2032..=0x2033 | 0x203B | 0x2103 | 0x2116 | 0x2160..=0x216B
        | 0x2190..=0x2199 | 0x2460..=0x249B | 0x2500..=0x257F | 0x25A0..=0x25FF
        | 0x2605..=0x2606 | 0x2640 | 0x2642
        | 0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6)
}

/// `text` normalized (see [`normalize`]), each character with its font and advance.
pub(crate) fn glyphs(text: &str, bold: bool) -> Vec<Glyph> {
    let chars: Vec<char> = text.chars().filter_map(normalize).collect();
    // A neighbour that is itself ambiguous decides nothing, so "“‘" in English stays Latin.
    let chinese = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|c| is_wide(*c) && !is_ambiguous(*c))
    };
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let code = win_ansi(c).filter(|_| {
                !(is_ambiguous(c) && (chinese(i.checked_sub(1)) || chinese(Some(i + 1))))
            });
            match code {
                Some(code) => Glyph {
                    c,
                    script: Script::Latin,
                    units: latin_units(code, bold),
                },
                None => Glyph {
                    c,
                    script: Script::Cjk,
                    units: WIDE,
                },
            }
        })
        .collect()
}

fn latin_units(code: u8, bold: bool) -> u16 {
    match (code, bold) {
        (0x20..=0x7E, false) => HELVETICA[usize::from(code - 0x20)],
        (0x20..=0x7E, true) => HELVETICA_BOLD[usize::from(code - 0x20)],
        (0x80..=0xFF, false) => HELVETICA_HIGH[usize::from(code - 0x80)],
        (0x80..=0xFF, true) => HELVETICA_BOLD_HIGH[usize::from(code - 0x80)],
        _ => 0,
    }
}

/// Width of `text` in points, as the reader will lay it out.
pub(crate) fn text_width(text: &str, font: Font) -> f64 {
    let units: u64 = glyphs(text, font.bold)
        .iter()
        .map(|g| u64::from(g.units))
        .sum();
    units as f64 * font.size / 1000.0
}

/// `text` split into maximal runs of one font, normalized: "2021年 CACMS" is
/// ("2021", Latin), ("年", Cjk), (" CACMS", Latin).
pub(crate) fn runs(text: &str) -> Vec<(Script, String)> {
    let mut out: Vec<(Script, String)> = Vec::new();
    for g in glyphs(text, false) {
        match out.last_mut() {
            Some((last, run)) if *last == g.script => run.push(g.c),
            _ => out.push((g.script, g.c.to_string())),
        }
    }
    out
}

/// A Latin run as a PDF literal string of WinAnsi codes: delimiters escaped, codes past ASCII
/// as octal escapes so the content stream stays ASCII.
pub(crate) fn latin_operand(run: &str) -> String {
    let mut out = String::with_capacity(run.len() + 2);
    out.push('(');
    for code in run.chars().filter_map(win_ansi) {
        match code {
            b'(' | b')' | b'\\' => {
                out.push('\\');
                out.push(char::from(code));
            }
            0x20..=0x7E => out.push(char::from(code)),
            _ => {
                let _ = write!(out, "\\{code:03o}");
            }
        }
    }
    out.push(')');
    out
}

/// A CJK run as a hex string of UCS-2 codes, the operand of `Tj`.
pub(crate) fn cjk_operand(run: &str) -> String {
    let mut out = String::from("<");
    for c in run.chars() {
        let _ = write!(out, "{:04X}", u32::from(c) & 0xFFFF);
    }
    out.push('>');
    out
}

/// How many objects the fonts take: the five dictionaries of [`font_objects`] and the
/// ToUnicode stream ([`to_unicode_cmap`]) after them.
pub(crate) const FONT_OBJECTS: usize = 6;

/// The font dictionaries, as (object id, body) pairs, for objects `first` to `first + 4`:
/// Helvetica, Helvetica-Bold, the Type0 font STSong-Light, its CIDFont and its font
/// descriptor. Object `first + 5` is the ToUnicode stream, which the caller writes. Page
/// resources name `first` ([`REGULAR`]), `first + 1` ([`BOLD`]) and `first + 2` ([`CJK`]).
pub(crate) fn font_objects(first: usize) -> Vec<(usize, String)> {
    let [regular, bold, type0, cid, descriptor, to_unicode] = [0, 1, 2, 3, 4, 5].map(|n| first + n);
    vec![
        (regular, simple_font("Helvetica", false)),
        (bold, simple_font("Helvetica-Bold", true)),
        (
            type0,
            format!(
                "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light \
                 /Encoding /UniGB-UCS2-H /DescendantFonts [{cid} 0 R] \
                 /ToUnicode {to_unicode} 0 R >>"
            ),
        ),
        (
            cid,
            // No /W array: every glyph takes the default, full width.
            format!(
                "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light \
                 /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> \
                 /FontDescriptor {descriptor} 0 R /DW {WIDE} >>"
            ),
        ),
        (
            descriptor,
            "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 \
             /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 \
             /CapHeight 880 /StemV 93 >>"
                .to_owned(),
        ),
    ]
}

/// A standard font with its widths spelt out (codes 32 to 255), so every reader lays Latin
/// text out exactly as it was measured here.
fn simple_font(name: &str, bold: bool) -> String {
    let widths: Vec<String> = (0x20..=0xFF_u8)
        .map(|code| latin_units(code, bold).to_string())
        .collect();
    format!(
        "<< /Type /Font /Subtype /Type1 /BaseFont /{name} /Encoding /WinAnsiEncoding \
         /FirstChar 32 /LastChar 255 /Widths [{}] >>",
        widths.join(" ")
    )
}

/// The ToUnicode map of the CJK font: every code is its own UCS-2 value, so copying and
/// searching give back exactly the text written, whatever CMaps the reader has.
pub(crate) fn to_unicode_cmap() -> String {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    // One range per high byte (a range may not cross one), surrogates left out; at most 100
    // ranges per block.
    let highs: Vec<u32> = (0..=0xFF).filter(|h| !(0xD8..=0xDF).contains(h)).collect();
    for block in highs.chunks(100) {
        let _ = writeln!(out, "{} beginbfrange", block.len());
        for h in block {
            let _ = writeln!(out, "<{h:02X}00> <{h:02X}FF> <{h:02X}00>");
        }
        out.push_str("endbfrange\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_text_is_measured_with_the_helvetica_metrics() {
        // H 722, e 556, l 222, l 222, o 556 = 2278 units.
        assert!((text_width("Hello", Font::regular(10.0)) - 22.78).abs() < 1e-9);
        assert!(text_width("Hello", Font::bold(10.0)) > text_width("Hello", Font::regular(10.0)));
        assert_eq!(text_width("é", Font::regular(10.0)), 5.56);
        assert_eq!(text_width("€", Font::bold(10.0)), 5.56);
        assert_eq!(text_width("Œ", Font::regular(1000.0)), 1000.0);
    }

    #[test]
    fn the_chinese_font_is_full_width() {
        assert_eq!(text_width("中文", Font::regular(10.0)), 20.0);
        assert_eq!(text_width("α", Font::regular(10.0)), 10.0);
        assert_eq!(text_width("\u{1}\u{AD}", Font::regular(10.0)), 0.0);
    }

    #[test]
    fn mixed_text_splits_into_runs_by_font() {
        assert_eq!(
            runs("2021年 CACMS"),
            vec![
                (Script::Latin, "2021".to_owned()),
                (Script::Cjk, "年".to_owned()),
                (Script::Latin, " CACMS".to_owned()),
            ]
        );
        assert_eq!(runs("a\tb😀"), vec![(Script::Latin, "a b?".to_owned())]);
        assert_eq!(
            runs("Côte d’Ivoire"),
            vec![(Script::Latin, "Côte d’Ivoire".to_owned())]
        );
    }

    #[test]
    fn shared_punctuation_follows_its_neighbours() {
        let scripts =
            |text: &str| -> Vec<Script> { glyphs(text, false).iter().map(|g| g.script).collect() };
        use Script::{Cjk, Latin};
        assert_eq!(scripts("“引”"), [Cjk, Cjk, Cjk]);
        assert_eq!(scripts("“a”"), [Latin, Latin, Latin]);
        assert_eq!(scripts("“‘a’”"), [Latin; 5]);
        assert_eq!(scripts("病—"), [Cjk, Cjk]);
    }

    #[test]
    fn operands_escape_delimiters_and_encode_ucs2() {
        assert_eq!(latin_operand("a(b)\\c"), "(a\\(b\\)\\\\c)");
        assert_eq!(latin_operand("é€"), "(\\351\\200)");
        assert_eq!(cjk_operand("中文"), "<4E2D6587>");
        assert_eq!(win_ansi('Ÿ'), Some(0x9F));
        assert_eq!(win_ansi('中'), None);
    }

    #[test]
    fn the_cmap_covers_the_bmp_without_surrogates() {
        let cmap = to_unicode_cmap();
        assert_eq!(cmap.matches("beginbfrange").count(), 3);
        assert!(cmap.contains("<4E00> <4EFF> <4E00>"));
        assert!(!cmap.contains("<D800>"));
    }
}
