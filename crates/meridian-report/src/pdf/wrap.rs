//! Breaking text into lines that fit a width: at spaces in Latin text, between any two Chinese
//! characters, and inside a word only when the word alone is wider than the line.
//!
//! Chinese punctuation follows the usual line-breaking rules (禁则): a closing mark ("，"
//! "。" "）") never starts a line and an opening mark ("（" "“") never ends one; both stay
//! with the character beside them.

use super::fonts::{glyphs, Font};

/// Widths may add up to a hair over the limit through rounding.
const EPSILON: f64 = 0.01;

/// `text` in lines no wider than `width` points. A '\n' is a line break; every hard line gives
/// at least one line, so "" gives one empty line. Lines come back normalized (see
/// `fonts::normalize`) and without spaces at their ends.
pub(crate) fn wrap(text: &str, font: Font, width: f64) -> Vec<String> {
    wrap_indented(text, font, width, 0.0)
}

/// Like [`wrap`], with the first line `indent` points shorter (a Chinese paragraph's
/// two-character first-line indent).
pub(crate) fn wrap_indented(text: &str, font: Font, width: f64, indent: f64) -> Vec<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut filler = Filler {
        lines: Vec::new(),
        line: String::new(),
        line_width: 0.0,
        spaces: String::new(),
        spaces_width: 0.0,
        width,
        first_width: width - indent,
    };
    for hard_line in text.split('\n') {
        for token in tokens(hard_line, font) {
            match token {
                Token::Space(w) => filler.space(w),
                Token::Word(word) => filler.word(&word),
            }
        }
        filler.end_line();
    }
    filler.lines
}

/// A piece of a line: a space (a break opportunity) or text that stays together, with the
/// width of each of its characters.
#[derive(Debug, PartialEq)]
enum Token {
    Space(f64),
    Word(Vec<(char, f64)>),
}

/// Closing punctuation: kept on the line of the character before it.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〉'
            | '”'
            | '’'
            | '…'
            | '％'
            | '·'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
            | '%'
    )
}

/// Opening punctuation: kept on the line of the character after it.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '（' | '《' | '「' | '『' | '【' | '〔' | '〈' | '“' | '‘' | '(' | '[' | '{'
    )
}

/// The line's tokens: runs of spaces, Latin words (with any non-Chinese characters in them),
/// and single Chinese characters, with punctuation glued to its neighbour.
fn tokens(line: &str, font: Font) -> Vec<Token> {
    let unit = font.size / 1000.0;
    let mut out: Vec<Token> = Vec::new();
    let mut glue_next = false;
    let mut last_wide = false;
    for glyph in glyphs(line, font.bold) {
        let (c, w) = (glyph.c, f64::from(glyph.units) * unit);
        if c == ' ' {
            match out.last_mut() {
                Some(Token::Space(width)) => *width += w,
                _ => out.push(Token::Space(w)),
            }
            glue_next = false;
            last_wide = false;
            continue;
        }
        let wide = glyph.is_wide();
        // A narrow character continues a Latin word; anything continues a word when it is a
        // closing mark or follows an opening one.
        let join = glue_next || is_closing(c) || (!wide && !last_wide);
        match out.last_mut() {
            Some(Token::Word(word)) if join => word.push((c, w)),
            _ => out.push(Token::Word(vec![(c, w)])),
        }
        glue_next = is_opening(c);
        last_wide = wide;
    }
    out
}

/// Greedy line filling: each word goes on the current line if it fits, else starts the next.
struct Filler {
    lines: Vec<String>,
    line: String,
    line_width: f64,
    /// Spaces since the last word: written only if another word follows on the same line.
    spaces: String,
    spaces_width: f64,
    width: f64,
    first_width: f64,
}

impl Filler {
    fn limit(&self) -> f64 {
        if self.lines.is_empty() {
            self.first_width
        } else {
            self.width
        }
    }

    fn space(&mut self, w: f64) {
        // Spaces at the start of a line are dropped.
        if !self.line.is_empty() {
            self.spaces.push(' ');
            self.spaces_width += w;
        }
    }

    fn word(&mut self, word: &[(char, f64)]) {
        let w: f64 = word.iter().map(|(_, w)| w).sum();
        if !self.line.is_empty() {
            if self.line_width + self.spaces_width + w <= self.limit() + EPSILON {
                self.line.push_str(&self.spaces);
                self.line.extend(word.iter().map(|(c, _)| c));
                self.line_width += self.spaces_width + w;
                self.clear_spaces();
                return;
            }
            self.push_line();
        }
        self.clear_spaces();
        if w <= self.limit() + EPSILON {
            self.line.extend(word.iter().map(|(c, _)| c));
            self.line_width = w;
            return;
        }
        // Wider than a whole line: break it between characters.
        for (c, cw) in word {
            if !self.line.is_empty() && self.line_width + cw > self.limit() + EPSILON {
                self.push_line();
            }
            self.line.push(*c);
            self.line_width += cw;
        }
    }

    fn clear_spaces(&mut self) {
        self.spaces.clear();
        self.spaces_width = 0.0;
    }

    fn push_line(&mut self) {
        self.lines.push(std::mem::take(&mut self.line));
        self.line_width = 0.0;
    }

    /// The end of a hard line: what is on the current line becomes a line, even if empty.
    fn end_line(&mut self) {
        self.clear_spaces();
        self.push_line();
    }
}

#[cfg(test)]
mod tests {
    use super::super::fonts::text_width;
    use super::*;

    const FONT: Font = Font::regular(10.0);

    #[test]
    fn latin_text_breaks_at_spaces() {
        let width = text_width("brown fox", FONT);
        let lines = wrap("the quick brown fox jumps", FONT, width);
        assert_eq!(lines, vec!["the quick", "brown fox", "jumps"]);
    }

    #[test]
    fn chinese_text_breaks_between_any_two_characters() {
        let lines = wrap("卫生合作示范项目", FONT, 30.0);
        assert_eq!(lines, vec!["卫生合", "作示范", "项目"]);
    }

    #[test]
    fn mixed_text_breaks_between_a_number_and_a_chinese_character() {
        let lines = wrap("2021年CACMS", FONT, text_width("CACMS", FONT) + 1.0);
        assert_eq!(lines, vec!["2021年", "CACMS"]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        let lines = wrap("合作。项目", FONT, 20.0);
        assert_eq!(lines, vec!["合", "作。", "项目"]);
        let lines = wrap("甲（乙）", FONT, 30.0);
        assert_eq!(lines, vec!["甲", "（乙）"]);
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_and_nothing_is_lost() {
        let lines = wrap("abcdefghij", FONT, text_width("abcd", FONT));
        assert_eq!(lines.concat(), "abcdefghij");
        assert!(lines.len() >= 3);
        for line in &lines {
            assert!(text_width(line, FONT) <= text_width("abcd", FONT) + EPSILON);
        }
    }

    #[test]
    fn line_breaks_are_kept_and_empty_text_is_one_empty_line() {
        assert_eq!(wrap("a\n\nb", FONT, 100.0), vec!["a", "", "b"]);
        assert_eq!(wrap("", FONT, 100.0), vec![""]);
        assert_eq!(wrap("  a  ", FONT, 100.0), vec!["a"]);
    }

    #[test]
    fn the_indent_shortens_only_the_first_line() {
        let lines = wrap_indented("一二三四五六", FONT, 40.0, 20.0);
        assert_eq!(lines, vec!["一二", "三四五六"]);
    }
}
