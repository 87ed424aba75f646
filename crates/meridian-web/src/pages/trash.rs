//! The trash: deleted records the user may read, newest first, each with a button to
//! bring it back (for those the user may edit).

use super::{id, summaries};
use crate::auth::User;
use crate::error::{WebError, WebResult};
use crate::forms::parse::Input;
use crate::i18n::{t, UiLang};
use crate::WebState;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use minijinja::context;

pub async fn page(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    user: User,
) -> WebResult<Html<String>> {
    let principal = &user.0.principal;
    let items: Vec<_> = state
        .app
        .trash()
        .await
        .map_err(|e| WebError::from_app(lang, e))?
        .into_iter()
        .filter(|r| principal.can_read(r.unit, r.approval))
        .collect();
    let page = context! {
        title => t(lang, "trash.title"),
        items => summaries(&state.app, &items).await,
        here => "/trash",
    };
    crate::ui::render(lang, Some(&user.0), "trash.html", page)
        .map_err(|e| WebError::internal(lang, e))
}

pub async fn undelete(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    user: User,
    Path(id_text): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    user.check_csrf(lang, &Input::new(pairs))?;
    let id = id(lang, &id_text)?;
    let current = state
        .app
        .store()
        .get(id)
        .await
        .map_err(|e| WebError::from_app(lang, e.into()))?;
    if !user.0.principal.can_edit(current.unit) {
        return Err(WebError::forbidden(lang));
    }
    let record = state
        .app
        .undelete(id, &user.actor())
        .await
        .map_err(|e| WebError::from_app(lang, e))?;
    Ok(Redirect::to(&format!(
        "/records/{}/{}",
        record.kind().as_str(),
        record.id
    ))
    .into_response())
}
