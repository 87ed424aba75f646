//! The trash: deleted records, newest first, each with a button to bring it back.

use super::{id, summaries};
use crate::error::{WebError, WebResult};
use crate::i18n::{t, UiLang};
use crate::WebState;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use meridian_store::Actor;
use minijinja::context;

pub async fn page(State(state): State<WebState>, UiLang(lang): UiLang) -> WebResult<Html<String>> {
    let items = state
        .app
        .trash()
        .await
        .map_err(|e| WebError::from_app(lang, e))?;
    let page = context! {
        title => t(lang, "trash.title"),
        items => summaries(&state.app, &items).await,
        csrf => "",
        here => "/trash",
    };
    crate::ui::render(lang, "trash.html", page).map_err(|e| WebError::internal(lang, e))
}

pub async fn undelete(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    Path(id_text): Path<String>,
) -> WebResult<Response> {
    let id = id(lang, &id_text)?;
    let record = state
        .app
        .undelete(id, &Actor::new("web"))
        .await
        .map_err(|e| WebError::from_app(lang, e))?;
    Ok(Redirect::to(&format!(
        "/records/{}/{}",
        record.kind().as_str(),
        record.id
    ))
    .into_response())
}
