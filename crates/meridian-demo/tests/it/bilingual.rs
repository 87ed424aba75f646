//! Bilingual text: every text is given in Chinese and English, the Chinese is Chinese, and
//! no translation is a copy of the other language. Aliases may be one-language names.

use crate::support::dataset;
use serde_json::Value;

/// Every `{zh, en}` object in a record's stored body, with its path.
fn texts(value: &Value, path: &str, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            let is_text = !map.is_empty() && map.keys().all(|k| k == "zh" || k == "en");
            if is_text {
                out.push((path.to_string(), value.clone()));
                return;
            }
            for (k, v) in map {
                texts(v, &format!("{path}.{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                texts(v, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn all_texts() -> Vec<(String, Option<String>, Option<String>)> {
    let mut out = Vec::new();
    for r in dataset() {
        let mut found = Vec::new();
        texts(&r.body.to_data(), &r.key, &mut found);
        for (path, v) in found {
            let get = |l: &str| v.get(l).and_then(Value::as_str).map(str::to_string);
            out.push((path, get("zh"), get("en")));
        }
    }
    out
}

fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn every_text_is_given_in_both_languages_except_aliases_and_wordings_as_given() {
    // Aliases, and wordings kept as the source gives them (`*_as_given`), exist in the
    // source's own language only.
    let one_language = |path: &str| path.contains(".aliases[") || path.ends_with("_as_given");
    let missing: Vec<String> = all_texts()
        .into_iter()
        .filter(|(path, zh, en)| !one_language(path) && (zh.is_none() || en.is_none()))
        .map(|(path, _, _)| path)
        .collect();
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn no_text_copies_the_other_language() {
    let copies: Vec<String> = all_texts()
        .into_iter()
        .filter(|(_, zh, en)| zh.is_some() && zh == en)
        .map(|(path, _, _)| path)
        .collect();
    assert!(copies.is_empty(), "{copies:#?}");
}

#[test]
fn chinese_text_is_chinese_and_english_text_is_not() {
    for (path, zh, en) in all_texts() {
        if let Some(zh) = zh {
            assert!(has_cjk(&zh), "{path}.zh has no Chinese: {zh}");
        }
        if let Some(en) = en {
            // English text may quote a Chinese document number, nothing more.
            let rest = en.replace("国中医药国际发〔2021〕6号", "");
            assert!(!has_cjk(&rest), "{path}.en has Chinese: {en}");
        }
    }
}

#[test]
fn every_title_and_name_differs_between_languages() {
    for r in dataset() {
        let title = r.body.title();
        assert!(title.zh.is_some() && title.en.is_some(), "{}", r.key);
        assert_ne!(title.zh, title.en, "{}", r.key);
    }
}

#[test]
fn known_typos_of_the_english_seeds_are_fixed() {
    let all: String = all_texts()
        .into_iter()
        .filter_map(|(_, _, en)| en)
        .collect::<Vec<_>>()
        .join("\n");
    for typo in [
        "collaberating",
        "natioanl",
        "Daupei",
        "As an comprehensive",
        "in Huawei",
    ] {
        assert!(!all.contains(typo), "{typo}");
    }
}
