//! A record's history: every version (who, when, what changed), a field-by-field diff
//! between any two versions, and restoring one as a new version.

use super::{form_version, id, kind};
use crate::auth::User;
use crate::error::{WebError, WebResult};
use crate::forms::parse::Input;
use crate::i18n::{t, UiLang};
use crate::ui::text_html;
use crate::WebState;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use meridian_store::{HistoryEntry, Snapshot};
use minijinja::context;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Debug, Default, Deserialize)]
pub struct Compare {
    a: Option<i64>,
    b: Option<i64>,
}

/// A snapshot flattened to `path → text`, so two versions compare field by field.
fn flatten(snapshot: &Snapshot) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    out.insert(
        "approval".to_string(),
        snapshot.approval.as_str().to_string(),
    );
    if snapshot.deleted {
        out.insert("deleted".to_string(), "✓".to_string());
    }
    walk(&snapshot.data, String::new(), &mut out);
    out
}

fn walk(value: &Value, path: String, out: &mut BTreeMap<String, String>) {
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            walk(
                v,
                if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                },
                out,
            )
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| walk(v, format!("{path}[{i}]"), out)),
        Value::Null => {}
        Value::String(s) => {
            out.insert(path, s.clone());
        }
        other => {
            out.insert(path, other.to_string());
        }
    }
}

/// Fields that differ between two snapshots, as (field, before, after).
pub fn diff(a: &Snapshot, b: &Snapshot) -> Vec<(String, String, String)> {
    let (fa, fb) = (flatten(a), flatten(b));
    let mut keys: Vec<&String> = fa.keys().chain(fb.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| fa.get(*k) != fb.get(*k))
        .map(|k| {
            (
                k.clone(),
                fa.get(k).cloned().unwrap_or_default(),
                fb.get(k).cloned().unwrap_or_default(),
            )
        })
        .collect()
}

fn changed_summary(entry: &HistoryEntry) -> String {
    match &entry.before {
        None => String::new(),
        Some(before) => {
            let mut top: Vec<String> = diff(before, &entry.after)
                .into_iter()
                .map(|(f, _, _)| f.split(['.', '[']).next().unwrap_or("").to_string())
                .collect();
            top.dedup();
            top.join(", ")
        }
    }
}

pub async fn page(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    user: User,
    Path((kind_name, id_text)): Path<(String, String)>,
    Query(compare): Query<Compare>,
) -> WebResult<Html<String>> {
    let kind = kind(lang, &kind_name)?;
    let id = id(lang, &id_text)?;
    let record = state
        .app
        .get(kind, id)
        .await
        .map_err(|e| WebError::from_app(lang, e))?;
    if !user.0.principal.can_read(record.unit, record.approval) {
        return Err(WebError::not_found(lang));
    }
    let can_edit = user.0.principal.can_edit(record.unit);
    let entries = state
        .app
        .history(kind, id)
        .await
        .map_err(|e| WebError::from_app(lang, e))?;
    let latest = entries.last().map(|e| e.version).unwrap_or(1);
    let a = compare.a.unwrap_or(latest.saturating_sub(1).max(1));
    let b = compare.b.unwrap_or(latest);
    let find = |v: i64| entries.iter().find(|e| e.version == v).map(|e| &e.after);
    let diff: Vec<_> = match (find(a), find(b)) {
        (Some(sa), Some(sb)) if a != b => diff(sa, sb)
            .into_iter()
            .map(|(field, before, after)| context! { field, before, after })
            .collect(),
        _ => Vec::new(),
    };
    let rows: Vec<_> = entries
        .iter()
        .map(|e| {
            context! {
                version => e.version,
                action => e.action.as_str(),
                actor => e.actor.clone(),
                at => e.at.replace('T', " ").get(..19).map(String::from),
                comment => e.comment.clone(),
                changed => changed_summary(e),
                restorable => can_edit && e.version != record.version && !record.is_deleted(),
            }
        })
        .collect();
    let page = context! {
        title => t(lang, "history.title"),
        heading => text_html(&record.body.title(), lang),
        kind => kind.as_str(), id => id.to_string(),
        entries => rows, a, b, diff,
        current => record.version,
        can_edit,
        here => format!("/records/{}/{id}/history", kind.as_str()),
    };
    crate::ui::render(lang, Some(&user.0), "history.html", page)
        .map_err(|e| WebError::internal(lang, e))
}

pub async fn restore(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    user: User,
    Path((kind_name, id_text, version)): Path<(String, String, i64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let kind = kind(lang, &kind_name)?;
    let id = id(lang, &id_text)?;
    let input = Input::new(pairs);
    user.check_csrf(lang, &input)?;
    let current = form_version(lang, &input)?;
    let record = state
        .app
        .get(kind, id)
        .await
        .map_err(|e| WebError::from_app(lang, e))?;
    if !user.0.principal.can_edit(record.unit) {
        return Err(WebError::forbidden(lang));
    }
    state
        .app
        .revert(kind, id, version, Some(current), &user.actor())
        .await
        .map_err(|e| WebError::from_app(lang, e))?;
    Ok(Redirect::to(&format!("/records/{}/{id}/history", kind.as_str())).into_response())
}
