//! Draws a kind's form: Chinese and English side by side with a mark where one is
//! missing, pickers for linked records (a datalist the page script turns into search as
//! you type), repeated rows with blank rows to add more, and each field's error beside it.

use super::parse::join;
use super::spec::{qualifier_options, Field, Widget};
use super::{anchor, Ctx};
use crate::i18n::t;
use crate::ui::escape;
use meridian_domain::{Lang, RecordKind};
use serde_json::Value;
use std::fmt::Write;

const BLANK_ROWS: usize = 2;

fn label(ctx: &Ctx, field: &Field) -> String {
    let mark = if field.required {
        format!(
            " <abbr class=\"req\" title=\"{0}\">*</abbr>",
            escape(&t(ctx.lang, "form.required"))
        )
    } else {
        String::new()
    };
    format!(
        "{}{mark}",
        escape(&t(ctx.lang, &format!("field.{}", field.name)))
    )
}

fn str_of(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn error_html(ctx: &Ctx, path: &str) -> String {
    ctx.errors
        .get(path)
        .map(|m| {
            format!(
                "<p class=\"field-error\" id=\"e-{}\">{}</p>",
                anchor(path),
                escape(m)
            )
        })
        .unwrap_or_default()
}

fn described(ctx: &Ctx, path: &str) -> String {
    if ctx.errors.contains_key(path) {
        format!(
            " aria-invalid=\"true\" aria-describedby=\"e-{}\"",
            anchor(path)
        )
    } else {
        String::new()
    }
}

fn input(ctx: &Ctx, path: &str, value: &str, extra: &str) -> String {
    format!(
        "<input id=\"i-{}\" name=\"{}\" value=\"{}\"{extra}{}>",
        anchor(path),
        escape(path),
        escape(value),
        described(ctx, path)
    )
}

fn select(ctx: &Ctx, path: &str, value: &str, options: &[(&str, &str)], blank: bool) -> String {
    let mut html = format!(
        "<select id=\"i-{}\" name=\"{}\"{}>",
        anchor(path),
        escape(path),
        described(ctx, path)
    );
    if blank {
        html.push_str("<option value=\"\"></option>");
    }
    for (code, text) in options {
        let selected = if *code == value { " selected" } else { "" };
        let _ = write!(
            html,
            "<option value=\"{code}\"{selected}>{}</option>",
            escape(text)
        );
    }
    html.push_str("</select>");
    html
}

fn picker(ctx: &Ctx, path: &str, value: &str, kinds: &[RecordKind]) -> String {
    let list = datalist_id(kinds);
    let hint = ctx
        .titles
        .get(value)
        .map(|(_, title)| {
            format!(
                " <span class=\"picked\">{}</span>",
                crate::ui::text_html(title, ctx.lang)
            )
        })
        .unwrap_or_default();
    let extra = format!(
        " list=\"{list}\" data-picker=\"{}\" autocomplete=\"off\" size=\"38\"",
        kinds
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(",")
    );
    format!("{}{hint}", input(ctx, path, value, &extra))
}

/// The id of the datalist offering records of these kinds.
pub fn datalist_id(kinds: &[RecordKind]) -> String {
    if kinds.len() == RecordKind::ALL.len() {
        "dl-any".into()
    } else {
        format!(
            "dl-{}",
            kinds
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join("-")
        )
    }
}

fn bilingual(ctx: &Ctx, path: &str, value: Option<&Value>, area: bool) -> String {
    let mut html = String::from("<div class=\"pair\">");
    let mut filled = Vec::new();
    for lang in Lang::ALL {
        let p = join(path, lang.as_str());
        let v = str_of(value.and_then(|v| v.get(lang.as_str())));
        if !v.is_empty() {
            filled.push(lang);
        }
        let name = t(ctx.lang, &format!("lang.{}", lang.as_str()));
        let control = if area {
            format!(
                "<textarea id=\"i-{}\" name=\"{}\" lang=\"{}\" rows=\"4\"{}>{}</textarea>",
                anchor(&p),
                escape(&p),
                lang.as_str(),
                described(ctx, path),
                escape(&v)
            )
        } else {
            input(ctx, &p, &v, &format!(" lang=\"{}\"", lang.as_str()))
        };
        let _ = write!(
            html,
            "<label for=\"i-{}\"><span class=\"lang-name\">{name}</span>{control}</label>",
            anchor(&p)
        );
    }
    html.push_str("</div>");
    if filled.len() == 1 {
        let missing = if filled[0] == Lang::Zh { "en" } else { "zh" };
        let _ = write!(
            html,
            "<p class=\"missing\">{}</p>",
            escape(&t(ctx.lang, &format!("form.missing_{missing}")))
        );
    }
    html
}

fn quantity(ctx: &Ctx, path: &str, value: Option<&Value>) -> String {
    let qualifier = str_of(value.and_then(|v| v.get("qualifier")));
    let q = select(
        ctx,
        &join(path, "qualifier"),
        &qualifier,
        &qualifier_options(ctx.lang),
        false,
    );
    let n = input(
        ctx,
        &join(path, "value"),
        &str_of(value.and_then(|v| v.get("value"))),
        " inputmode=\"decimal\" size=\"12\"",
    );
    format!("<span class=\"quantity\">{q} {n}</span>")
}

fn rows(ctx: &Ctx, path: &str, sub: &[Field], value: Option<&Value>) -> String {
    let existing: Vec<Value> = value.and_then(Value::as_array).cloned().unwrap_or_default();
    let mut html = String::new();
    for i in 0..existing.len() + BLANK_ROWS {
        let row_path = format!("{path}[{i}]");
        let data = existing.get(i).cloned().unwrap_or(Value::Null);
        let legend = if i < existing.len() {
            format!("{}", i + 1)
        } else {
            t(ctx.lang, "form.new_row")
        };
        let _ = write!(
            html,
            "<fieldset class=\"row\"><legend>{}</legend>{}</fieldset>",
            escape(&legend),
            fields(ctx, sub, &row_path, &data)
        );
    }
    html
}

fn control(ctx: &Ctx, field: &Field, path: &str, value: Option<&Value>) -> String {
    let text = str_of(value);
    match field.widget {
        Widget::Bilingual => bilingual(ctx, path, value, false),
        Widget::BilingualArea => bilingual(ctx, path, value, true),
        Widget::Text | Widget::Date | Widget::Count | Widget::Country => {
            let extra = match field.widget {
                Widget::Date => format!(
                    " placeholder=\"{}\" size=\"22\"",
                    escape(&t(ctx.lang, "form.date_hint"))
                ),
                Widget::Country => {
                    " list=\"countries\" size=\"6\" autocomplete=\"off\"".to_string()
                }
                Widget::Count => " inputmode=\"numeric\" size=\"6\"".to_string(),
                _ => " size=\"40\"".to_string(),
            };
            input(ctx, path, &text, &extra)
        }
        Widget::Area => format!(
            "<textarea id=\"i-{}\" name=\"{}\" rows=\"5\"{}>{}</textarea>",
            anchor(path),
            escape(path),
            described(ctx, path),
            escape(&text)
        ),
        Widget::Lines => {
            let joined = value
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .map(|v| str_of(Some(v)))
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_default();
            format!("<textarea id=\"i-{}\" name=\"{}\" rows=\"3\"{}>{}</textarea><p class=\"hint\">{}</p>", anchor(path), escape(path), described(ctx, path), escape(&joined), escape(&t(ctx.lang, "form.one_per_line")))
        }
        Widget::BilingualLines => {
            let list = value.and_then(Value::as_array).cloned().unwrap_or_default();
            let mut split = serde_json::Map::new();
            for lang in Lang::ALL {
                let lines: Vec<String> = list
                    .iter()
                    .filter_map(|v| {
                        v.get(lang.as_str())
                            .and_then(Value::as_str)
                            .map(String::from)
                    })
                    .collect();
                split.insert(lang.as_str().into(), Value::String(lines.join("\n")));
            }
            format!(
                "{}<p class=\"hint\">{}</p>",
                bilingual(ctx, path, Some(&Value::Object(split)), true),
                escape(&t(ctx.lang, "form.one_per_line"))
            )
        }
        Widget::Period => {
            let start = input(
                ctx,
                &join(path, "start"),
                &str_of(value.and_then(|v| v.get("start"))),
                " size=\"14\"",
            );
            let end = input(
                ctx,
                &join(path, "end"),
                &str_of(value.and_then(|v| v.get("end"))),
                " size=\"14\"",
            );
            format!(
                "<span class=\"period\"><label>{} {start}</label> <label>{} {end}</label></span>",
                escape(&t(ctx.lang, "form.from")),
                escape(&t(ctx.lang, "form.to"))
            )
        }
        Widget::Code(options) => select(ctx, path, &text, &options(ctx.lang), !field.required),
        Widget::Link(kinds) => picker(ctx, path, &text, kinds),
        Widget::Links(kinds) => {
            let existing: Vec<String> = value
                .and_then(Value::as_array)
                .map(|a| a.iter().map(|v| str_of(Some(v))).collect())
                .unwrap_or_default();
            let mut html = String::from("<ul class=\"links\">");
            for v in existing
                .iter()
                .map(String::as_str)
                .chain(std::iter::repeat_n("", BLANK_ROWS))
            {
                let _ = write!(html, "<li>{}</li>", picker(ctx, path, v, kinds));
            }
            html.push_str("</ul>");
            html
        }
        Widget::Countries => {
            let joined = value
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .map(|v| str_of(Some(v)))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default();
            format!(
                "{}<p class=\"hint\">{}</p>",
                input(ctx, path, &joined, " size=\"40\""),
                escape(&t(ctx.lang, "form.countries_hint"))
            )
        }
        Widget::Quantity => quantity(ctx, path, value),
        Widget::Rows(sub) => rows(ctx, path, sub, value),
        Widget::Group(sub) => fields(ctx, sub, path, value.unwrap_or(&Value::Null)),
    }
}

/// The form controls for `fields` under `prefix`, filled from `data`.
pub fn fields(ctx: &Ctx, fields_list: &[Field], prefix: &str, data: &Value) -> String {
    let mut html = String::new();
    for field in fields_list {
        let path = join(prefix, field.name);
        let value = data.get(field.name);
        let grouped = matches!(
            field.widget,
            Widget::Rows(_)
                | Widget::Group(_)
                | Widget::Bilingual
                | Widget::BilingualArea
                | Widget::BilingualLines
                | Widget::Links(_)
                | Widget::Period
                | Widget::Quantity
        );
        let body = control(ctx, field, &path, value);
        let error = error_html(ctx, &path);
        if grouped {
            let _ = write!(
                html,
                "<fieldset class=\"field\" id=\"f-{}\"><legend>{}</legend>{body}{error}</fieldset>",
                anchor(&path),
                label(ctx, field)
            );
        } else {
            let _ = write!(html, "<div class=\"field\" id=\"f-{0}\"><label for=\"i-{0}\">{1}</label>{body}{error}</div>", anchor(&path), label(ctx, field));
        }
    }
    html
}
