//! Interface strings in Chinese (zh-CN) and English, from the catalogs in `locales/`
//! (one `key = text` per line), and the choice of language for a request: the `lang`
//! cookie if set, else the browser's preference, else Chinese if it ranks Chinese above
//! English, else English.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use meridian_domain::Lang;
use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::LazyLock;

const EN: &str = include_str!("../locales/en.txt");
const ZH: &str = include_str!("../locales/zh-CN.txt");

pub type Catalog = BTreeMap<String, String>;

/// Parses `key = text` lines; `#` starts a comment line; `\n` in text is a line break.
pub fn parse_catalog(source: &str) -> Catalog {
    source
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().replace("\\n", "\n")))
        .collect()
}

static CATALOGS: LazyLock<(Catalog, Catalog)> =
    LazyLock::new(|| (parse_catalog(ZH), parse_catalog(EN)));

pub fn catalog(lang: Lang) -> &'static Catalog {
    match lang {
        Lang::Zh => &CATALOGS.0,
        Lang::En => &CATALOGS.1,
    }
}

/// The text for `key`; a missing key shows as itself (a test keeps both catalogs complete).
pub fn t(lang: Lang, key: &str) -> String {
    catalog(lang)
        .get(key)
        .cloned()
        .unwrap_or_else(|| key.to_string())
}

/// `t` with `{name}` placeholders filled in.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    args.iter().fold(t(lang, key), |text, (name, value)| {
        text.replace(&format!("{{{name}}}"), value)
    })
}

/// Picks Chinese or English from an Accept-Language header, by quality order.
pub fn from_accept_language(header: &str) -> Option<Lang> {
    let mut ranked: Vec<(f32, usize, Lang)> = header
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.trim().split(';');
            let lang = Lang::parse(pieces.next()?.trim())?;
            let q = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            Some((q, i, lang))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.first().map(|r| r.2)
}

/// The value of cookie `name` in a request's headers.
pub fn cookie<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The interface language of this request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UiLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for UiLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        let chosen = cookie(&parts.headers, "lang").and_then(Lang::parse);
        let preferred = || {
            parts
                .headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(from_accept_language)
        };
        Ok(UiLang(chosen.or_else(preferred).unwrap_or(Lang::En)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_chosen_when_the_browser_prefers_it() {
        assert_eq!(
            from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"),
            Some(Lang::Zh)
        );
        assert_eq!(
            from_accept_language("en-US,en;q=0.9,zh-CN;q=0.8"),
            Some(Lang::En)
        );
        assert_eq!(
            from_accept_language("fr-FR, zh;q=0.5, en;q=0.7"),
            Some(Lang::En)
        );
        assert_eq!(from_accept_language("fr"), None);
    }

    #[test]
    fn both_catalogs_have_exactly_the_same_keys() {
        let zh: Vec<&String> = catalog(Lang::Zh).keys().collect();
        let en: Vec<&String> = catalog(Lang::En).keys().collect();
        let only_zh: Vec<_> = zh
            .iter()
            .filter(|k| !catalog(Lang::En).contains_key(**k))
            .collect();
        let only_en: Vec<_> = en
            .iter()
            .filter(|k| !catalog(Lang::Zh).contains_key(**k))
            .collect();
        assert!(
            only_zh.is_empty() && only_en.is_empty(),
            "only in zh: {only_zh:?}; only in en: {only_en:?}"
        );
        assert!(zh.len() > 50);
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(tf(Lang::En, "list.total", &[("n", "3")]), "3 records");
    }
}
