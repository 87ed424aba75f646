//! Bilingual text. A missing translation stays missing (`None`); it is never filled by
//! copying the other language, so forms and pages can show that it is missing.

use serde::{Deserialize, Serialize};

/// The two languages Meridian records and shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Parses `zh`, `zh-CN`, `en`, `en-GB` and the like.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Text in Chinese and English; either may be absent. Blank text reads as absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "RawText")]
pub struct LocalizedText {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

/// The stored form before blanks are dropped.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    #[serde(default)]
    zh: Option<String>,
    #[serde(default)]
    en: Option<String>,
}

impl From<RawText> for LocalizedText {
    fn from(raw: RawText) -> Self {
        Self::from_options(raw.zh, raw.en)
    }
}

impl LocalizedText {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self::from_options(Some(zh.into()), Some(en.into()))
    }

    pub fn zh(zh: impl Into<String>) -> Self {
        Self::from_options(Some(zh.into()), None)
    }

    pub fn en(en: impl Into<String>) -> Self {
        Self::from_options(None, Some(en.into()))
    }

    /// Blank strings count as missing, so "" never hides a missing translation.
    pub fn from_options(zh: Option<String>, en: Option<String>) -> Self {
        let keep = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
        Self {
            zh: keep(zh),
            en: keep(en),
        }
    }

    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Zh => self.zh.as_deref(),
            Lang::En => self.en.as_deref(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.zh.is_none() && self.en.is_none()
    }

    /// The languages this text lacks (shown as "translation missing").
    pub fn missing(&self) -> Vec<Lang> {
        Lang::ALL
            .into_iter()
            .filter(|l| self.get(*l).is_none())
            .collect()
    }

    /// Text in `lang` if present, else the other language, else empty: for cells and
    /// sentences that show no fallback mark.
    pub fn shown(&self, lang: Lang) -> String {
        self.display(lang)
            .map(|(s, _)| s.to_string())
            .unwrap_or_default()
    }

    /// Text in `lang` if present, else the other language, flagged as a fallback.
    pub fn display(&self, lang: Lang) -> Option<(&str, bool)> {
        if let Some(text) = self.get(lang) {
            return Some((text, false));
        }
        let other = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
        self.get(other).map(|t| (t, true))
    }

    /// Both languages' text, for matching names across languages.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.zh.as_deref().into_iter().chain(self.en.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_text_counts_as_missing() {
        let text = LocalizedText::from_options(Some("  ".into()), Some("Member".into()));
        assert_eq!(text.missing(), vec![Lang::Zh]);
    }

    #[test]
    fn display_falls_back_but_says_so() {
        let text = LocalizedText::en("Member");
        assert_eq!(text.display(Lang::Zh), Some(("Member", true)));
        assert_eq!(text.display(Lang::En), Some(("Member", false)));
    }

    #[test]
    fn missing_translation_is_not_serialized_as_a_copy() {
        let json = serde_json::to_string(&LocalizedText::zh("成员")).unwrap();
        assert_eq!(json, r#"{"zh":"成员"}"#);
    }
}
