//! Shows a record's fields for reading: labels in the user's language, bilingual text with
//! a mark where a translation is missing, links as links to the records they name, codes
//! as their labels, dates at their precision.

use super::spec::{qualifier_options, Field, Widget};
use super::Ctx;
use crate::i18n::t;
use crate::ui::{escape, text_html};
use meridian_domain::LocalizedText;
use serde_json::Value;
use std::fmt::Write;

fn localized(value: &Value) -> LocalizedText {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

fn link_html(ctx: &Ctx, id: &str) -> String {
    match ctx.titles.get(id) {
        Some((kind, title)) => format!(
            "<a href=\"{}/{}/{}\">{}</a>",
            ctx.link_base,
            kind.as_str(),
            escape(id),
            text_html(title, ctx.lang)
        ),
        None => format!("<span class=\"missing\">{}</span>", escape(id)),
    }
}

/// A country's name in the user's language, with its code.
fn country_name(ctx: &Ctx, code: &str) -> String {
    match meridian_interop::reference::country(code)
        .and_then(|c| c.name.get(ctx.lang).map(String::from))
    {
        Some(name) => format!("{name} ({code})"),
        None => code.to_string(),
    }
}

fn quantity_html(ctx: &Ctx, value: &Value) -> String {
    let qualifier = value
        .get("qualifier")
        .and_then(Value::as_str)
        .unwrap_or("exact");
    let n = value
        .get("value")
        .map(|v| v.to_string())
        .unwrap_or_default();
    let n = n.strip_suffix(".0").unwrap_or(&n).to_string();
    if qualifier == "exact" {
        return escape(&n);
    }
    let label = qualifier_options(ctx.lang)
        .into_iter()
        .find(|(c, _)| *c == qualifier)
        .map(|(_, l)| l)
        .unwrap_or(qualifier);
    format!("{} {}", escape(label), escape(&n))
}

/// A value as HTML, or `None` when there is nothing to show.
fn value_html(ctx: &Ctx, field: &Field, value: &Value) -> Option<String> {
    let html = match (field.widget, value) {
        (_, Value::Null) => return None,
        (Widget::Bilingual | Widget::BilingualArea, v) => {
            let text = localized(v);
            if text.is_empty() {
                return None;
            }
            both_languages(ctx, &text)
        }
        (Widget::BilingualLines, Value::Array(items)) if !items.is_empty() => items
            .iter()
            .map(|v| text_html(&localized(v), ctx.lang))
            .collect::<Vec<_>>()
            .join("; "),
        (Widget::Country, Value::String(code)) => escape(&country_name(ctx, code)),
        (Widget::Countries, Value::Array(items)) if !items.is_empty() => escape(
            &items
                .iter()
                .filter_map(Value::as_str)
                .map(|c| country_name(ctx, c))
                .collect::<Vec<_>>()
                .join(if ctx.lang == meridian_domain::Lang::Zh {
                    "、"
                } else {
                    ", "
                }),
        ),
        (Widget::Lines, Value::Array(items)) if !items.is_empty() => escape(
            &items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (Widget::Code(options), Value::String(code)) => escape(
            options(ctx.lang)
                .into_iter()
                .find(|(c, _)| c == code)
                .map(|(_, l)| l)
                .unwrap_or(code),
        ),
        (Widget::Link(_), Value::String(id)) => link_html(ctx, id),
        (Widget::Links(_), Value::Array(ids)) if !ids.is_empty() => ids
            .iter()
            .filter_map(Value::as_str)
            .map(|id| link_html(ctx, id))
            .collect::<Vec<_>>()
            .join(", "),
        (Widget::Period, Value::Object(p)) if !p.is_empty() => {
            let part = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or("…").to_string();
            escape(&format!("{} – {}", part("start"), part("end")))
        }
        (Widget::Quantity, v @ Value::Object(_)) => quantity_html(ctx, v),
        (Widget::Rows(sub), Value::Array(rows)) if !rows.is_empty() => {
            let mut html = String::from("<ol class=\"rows\">");
            for row in rows {
                let _ = write!(html, "<li><dl>{}</dl></li>", fields(ctx, sub, row));
            }
            html.push_str("</ol>");
            html
        }
        (Widget::Group(sub), v @ Value::Object(_)) => format!("<dl>{}</dl>", fields(ctx, sub, v)),
        (_, Value::String(s)) if !s.is_empty() => escape(s),
        (_, Value::Number(n)) => escape(&n.to_string()),
        _ => return None,
    };
    Some(html)
}

/// Both languages of a text, the user's first, each marked with its language, a missing
/// one marked as missing.
fn both_languages(ctx: &Ctx, text: &LocalizedText) -> String {
    let second = if ctx.lang == meridian_domain::Lang::Zh {
        meridian_domain::Lang::En
    } else {
        meridian_domain::Lang::Zh
    };
    let mut html = String::new();
    for lang in [ctx.lang, second] {
        match text.get(lang) {
            Some(v) => {
                let _ = write!(html, "<p lang=\"{}\">{}</p>", lang.as_str(), escape(v));
            }
            None => {
                let key = format!("form.missing_{}", lang.as_str());
                let _ = write!(
                    html,
                    "<p class=\"missing\">{}</p>",
                    escape(&t(ctx.lang, &key))
                );
            }
        }
    }
    html
}

/// `<dt>`/`<dd>` pairs for the fields that have a value.
pub fn fields(ctx: &Ctx, list: &[Field], data: &Value) -> String {
    let mut html = String::new();
    for field in list {
        let Some(value) = data.get(field.name) else {
            continue;
        };
        if let Some(shown) = value_html(ctx, field, value) {
            let _ = write!(
                html,
                "<dt>{}</dt><dd>{shown}</dd>",
                escape(&t(ctx.lang, &format!("field.{}", field.name)))
            );
        }
    }
    html
}
