//! Page handlers, one module per page family, and what they share: reading the kind and
//! id from the path, looking up titles of linked records, and record summaries for lists.

pub mod analytics;
pub mod charts;
pub mod detail;
pub mod edit;
pub mod history;
pub mod home;
pub mod import;
pub mod import_iati;
pub mod list;
pub mod pick;
pub mod progress;
pub mod search;
pub mod tokens;
pub mod trash;

use crate::error::{WebError, WebResult};
use crate::forms::render::datalist_id;
use crate::forms::spec::{Field, Widget};
use crate::ui::escape;
use meridian_app::App;
use meridian_domain::{Lang, LocalizedText, RecordId, RecordKind};
use meridian_interop::reference;
use meridian_store::{ListQuery, StoredRecord};
use minijinja::{context, Value};
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

pub type Titles = HashMap<String, (RecordKind, LocalizedText)>;

/// A file to download: its bytes with their type and a file name.
pub fn download(bytes: Vec<u8>, mime: &str, name: &str) -> axum::response::Response {
    use axum::response::IntoResponse;
    (
        [
            (axum::http::header::CONTENT_TYPE, mime.to_string()),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

pub fn kind(lang: Lang, name: &str) -> WebResult<RecordKind> {
    RecordKind::parse(name).ok_or_else(|| WebError::not_found(lang))
}

/// The version a submitted form says it was based on.
pub fn form_version(lang: Lang, input: &crate::forms::parse::Input) -> WebResult<i64> {
    input
        .one("version")
        .parse()
        .map_err(|_| WebError::bad_request(lang, crate::i18n::t(lang, "error.no_version")))
}

pub fn id(lang: Lang, text: &str) -> WebResult<RecordId> {
    text.parse().map_err(|_| WebError::not_found(lang))
}

/// Records as lists and templates show them, with their display titles.
pub async fn summaries<'a>(
    app: &App,
    records: impl IntoIterator<Item = &'a StoredRecord>,
) -> Vec<Value> {
    let mut out = Vec::new();
    for record in records {
        out.push(summary(record, app.title_of(record).await));
    }
    out
}

/// A record as lists and templates show it.
pub fn summary(record: &StoredRecord, title: LocalizedText) -> Value {
    context! {
        id => record.id.to_string(),
        kind => record.kind().as_str(),
        title => crate::ui::value(title),
        approval => record.approval.as_str(),
        updated_at => record.updated_at.get(..16).unwrap_or(&record.updated_at).replace('T', " "),
        updated_by => record.updated_by.clone(),
        deleted_at => record.deleted_at.clone(),
        deleted_by => record.deleted_by.clone(),
    }
}

/// Titles of the records `ids` name (missing ones are left out).
pub async fn titles(app: &App, ids: impl IntoIterator<Item = RecordId>) -> Titles {
    let mut out = Titles::new();
    for id in ids.into_iter().collect::<BTreeSet<_>>() {
        if let Ok(record) = app.store().get(id).await {
            out.insert(id.to_string(), (record.kind(), app.title_of(&record).await));
        }
    }
    out
}

/// Every kind that link fields in `fields` may point to (recursively).
fn link_kinds(fields: &[Field], out: &mut BTreeSet<Vec<RecordKind>>) {
    for field in fields {
        match field.widget {
            Widget::Link(kinds) | Widget::Links(kinds) => {
                out.insert(kinds.to_vec());
            }
            Widget::Rows(sub) | Widget::Group(sub) => link_kinds(sub, out),
            _ => {}
        }
    }
}

const PICKER_LIMIT: u32 = 2_000;

/// The `<datalist>`s a form's pickers use (records of the linked kinds, by title), and the
/// country list. The page script replaces them with live search when it runs.
pub async fn datalists(app: &App, lang: Lang, fields: &[Field]) -> WebResult<String> {
    let mut wanted = BTreeSet::new();
    link_kinds(fields, &mut wanted);
    let mut html = String::new();
    for kinds in wanted {
        let _ = write!(html, "<datalist id=\"{}\">", datalist_id(&kinds));
        let listed = if kinds.len() == RecordKind::ALL.len() {
            vec![None]
        } else {
            kinds.iter().map(|k| Some(*k)).collect()
        };
        for kind in listed {
            let query = ListQuery {
                kind,
                limit: PICKER_LIMIT,
                ..ListQuery::default()
            };
            let page = app
                .store()
                .list(&query)
                .await
                .map_err(|e| WebError::internal(lang, e))?;
            for record in page.items {
                let title = record.body.title();
                let shown = title.display(lang).map(|(t, _)| t).unwrap_or("");
                let _ = write!(
                    html,
                    "<option value=\"{}\">{}</option>",
                    record.id,
                    escape(shown)
                );
            }
        }
        html.push_str("</datalist>");
    }
    html.push_str(&countries_datalist(lang));
    Ok(html)
}

pub fn countries_datalist(lang: Lang) -> String {
    let mut html = String::from("<datalist id=\"countries\">");
    for c in reference::countries() {
        let name = c.name.get(lang).unwrap_or(&c.alpha2);
        let _ = write!(
            html,
            "<option value=\"{}\">{}</option>",
            c.alpha2,
            escape(name)
        );
    }
    html.push_str("</datalist>");
    html
}
