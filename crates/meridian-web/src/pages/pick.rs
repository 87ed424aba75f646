//! `/pick?kinds=organization&q=…`: records whose title contains the typed text, in either
//! language, for the search-as-you-type pickers (JSON, at most 20).

use crate::auth::User;
use crate::i18n::UiLang;
use crate::WebState;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use meridian_domain::RecordKind;
use meridian_store::ListQuery;
use serde::Deserialize;

const LIMIT: usize = 20;

#[derive(Debug, Deserialize)]
pub struct Pick {
    #[serde(default)]
    kinds: String,
    #[serde(default)]
    q: String,
}

pub async fn pick(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    user: User,
    Query(pick): Query<Pick>,
) -> Response {
    let needle = pick.q.trim().to_lowercase();
    if needle.is_empty() {
        return Json(Vec::<serde_json::Value>::new()).into_response();
    }
    let kinds: Vec<RecordKind> = pick
        .kinds
        .split(',')
        .filter_map(RecordKind::parse)
        .collect();
    let mut found = Vec::new();
    for kind in kinds {
        let Ok(page) = state
            .app
            .store()
            .list(&ListQuery {
                limit: u32::MAX,
                ..ListQuery::kind(kind)
            })
            .await
        else {
            continue;
        };
        for record in page.items {
            if !user.0.principal.can_read(record.unit, record.approval) {
                continue;
            }
            let title = state.app.title_of(&record).await;
            if title.texts().any(|t| t.to_lowercase().contains(&needle)) {
                let shown = title
                    .display(lang)
                    .map(|(t, _)| t.to_string())
                    .unwrap_or_default();
                found.push(
                    serde_json::json!({"id": record.id, "kind": kind.as_str(), "title": shown}),
                );
                if found.len() == LIMIT {
                    return Json(found).into_response();
                }
            }
        }
    }
    Json(found).into_response()
}
