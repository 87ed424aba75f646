//! Page rendering: the embedded templates (`templates/`), the functions they call (`t` for
//! interface text, `text` for bilingual data with a visible mark where a translation is
//! missing), and the shared page context.

use crate::i18n::{t, tf};
use axum::http::StatusCode;
use axum::response::Html;
use meridian_app::SignedIn;
use meridian_domain::{Lang, LocalizedText, RecordKind};
use minijinja::value::{Kwargs, Value};
use minijinja::{context, Environment, State};
use std::sync::LazyLock;

macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../templates/", $name)))),*]
    };
}

const TEMPLATES: &[(&str, &str)] = templates![
    "base.html",
    "error.html",
    "home.html",
    "analytics.html",
    "progress.html",
    "portal/base.html",
    "portal/home.html",
    "portal/institution.html",
    "portal/partners.html",
    "portal/centres.html",
    "portal/news.html",
    "portal/plan.html",
    "portal/national.html",
    "portal/record.html",
    "portal/inquiry.html",
    "portal/inquiry_sent.html",
    "list.html",
    "detail.html",
    "form.html",
    "history.html",
    "trash.html",
    "tokens.html",
    "import.html",
    "search.html",
    "login.html",
    "password.html",
];

fn lang_of(state: &State) -> Lang {
    state
        .lookup("lang")
        .and_then(|v| v.as_str().and_then(Lang::parse))
        .unwrap_or(Lang::En)
}

/// `t("key", name=value…)`: interface text in the page's language.
fn t_fn(state: &State, key: &str, kwargs: Kwargs) -> Result<String, minijinja::Error> {
    let lang = lang_of(state);
    let mut args: Vec<(String, String)> = Vec::new();
    for name in kwargs.args() {
        let value: Value = kwargs.get(name)?;
        args.push((name.to_string(), value.to_string()));
    }
    let borrowed: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    Ok(tf(lang, key, &borrowed))
}

/// Any serializable value for a template.
pub fn value<T: serde::Serialize>(x: T) -> Value {
    Value::from(minijinja::value::Serde(x))
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Bilingual text as HTML in `lang`: the other language, marked, when it is missing there.
pub fn text_html(text: &LocalizedText, lang: Lang) -> String {
    match text.display(lang) {
        Some((shown, false)) => escape(shown),
        Some((shown, true)) => {
            let other = if lang == Lang::Zh { "en" } else { "zh" };
            format!(
                "<span lang=\"{other}\">{}</span> <span class=\"missing\" title=\"{}\">{}</span>",
                escape(shown),
                escape(&t(lang, "text.missing_title")),
                escape(&t(lang, "text.missing"))
            )
        }
        None => format!(
            "<span class=\"missing\">{}</span>",
            escape(&t(lang, "text.none"))
        ),
    }
}

/// `text(value)`: a `{zh, en}` object shown in the page's language.
fn text_filter(state: &State, value: Value) -> Value {
    let text: LocalizedText = serde_json::to_value(&value)
        .ok()
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default();
    Value::from_safe_string(text_html(&text, lang_of(state)))
}

/// `kind_label(kind)`: a record kind's name.
fn kind_label(state: &State, kind: &str) -> String {
    RecordKind::parse(kind)
        .map(|k| k.label(lang_of(state)).to_string())
        .unwrap_or_else(|| kind.to_string())
}

static ENV: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    for (name, source) in TEMPLATES {
        if let Err(e) = env.add_template(name, source) {
            // A broken template is a build mistake; the test that renders every page fails.
            tracing::error!(template = name, error = %e, "template does not compile");
        }
    }
    env.add_function("t", t_fn);
    env.add_filter("text", text_filter);
    env.add_function("kind_label", kind_label);
    env
});

/// Bilingual text for a cell or a sentence: the page's language, else the other, else "".
pub fn text(value: &meridian_domain::LocalizedText, lang: Lang) -> String {
    value.shown(lang)
}

/// The kinds in the navigation, with their labels.
pub fn kinds(lang: Lang) -> Vec<Value> {
    RecordKind::ALL
        .iter()
        .map(|k| context! { name => k.as_str(), label => k.label(lang) })
        .collect()
}

/// Renders a page; `page` is merged over the shared context (language, navigation, the
/// signed-in user and their CSRF token).
pub fn render(
    lang: Lang,
    viewer: Option<&SignedIn>,
    name: &str,
    page: Value,
) -> Result<Html<String>, minijinja::Error> {
    let other = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
    let user = viewer.map(|v| context! { name => v.principal.name.clone(), display_name => v.display_name.clone(), role => v.principal.role.as_str() });
    let base = context! {
        user,
        csrf => viewer.map(|v| v.csrf.clone()).unwrap_or_default(),
        lang => lang.as_str(),
        html_lang => if lang == Lang::Zh { "zh-CN" } else { "en" },
        other_lang => other.as_str(),
        kinds => kinds(lang),
    };
    let ctx = context! { ..page, ..base };
    ENV.get_template(name)?.render(ctx).map(Html)
}

pub fn render_error(lang: Lang, status: StatusCode, code: &str, message: &str) -> Html<String> {
    let page = context! { status => status.as_u16(), code => code, message => message, title => t(lang, "error.title") };
    render(lang, None, "error.html", page).unwrap_or_else(|e| {
        tracing::error!(error = %e, "error page does not render");
        Html(format!(
            "<!doctype html><title>{}</title><p>{}</p>",
            status.as_u16(),
            escape(message)
        ))
    })
}
