//! Narratives of one element gathered by language: Chinese and English are kept; text in
//! any other language (or with none declared) stands in for English only when there is no
//! English, and the first text of each language wins.

use meridian_domain::{Lang, LocalizedText};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Zh,
    En,
    Other,
}

impl Class {
    pub(super) fn of(lang: Option<&str>) -> Self {
        match lang.and_then(Lang::parse) {
            Some(Lang::Zh) => Class::Zh,
            Some(Lang::En) => Class::En,
            None => Class::Other,
        }
    }
}

#[derive(Debug, Default)]
pub(super) struct Narratives {
    zh: Option<String>,
    en: Option<String>,
    other: Option<String>,
    /// Text written straight inside the element, untrimmed.
    pub(super) direct: String,
}

impl Narratives {
    pub(super) fn add(&mut self, class: Class, text: String) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let slot = match class {
            Class::Zh => &mut self.zh,
            Class::En => &mut self.en,
            Class::Other => &mut self.other,
        };
        if slot.is_none() {
            *slot = Some(text.to_string());
        }
    }

    /// Fills the languages still missing from a later element of the same kind.
    pub(super) fn merge(&mut self, later: Narratives) {
        self.zh = self.zh.take().or(later.zh);
        self.en = self.en.take().or(later.en);
        self.other = self.other.take().or(later.other);
    }

    pub(super) fn direct_text(&self) -> String {
        self.direct.trim().to_string()
    }

    pub(super) fn en_text(&self) -> Option<&str> {
        self.en.as_deref()
    }

    pub(super) fn finish(self) -> LocalizedText {
        LocalizedText::from_options(self.zh, self.en.or(self.other))
    }
}
