//! The plan's progress in public (seed 004): every indicator with its baseline, target and
//! progress, by task area, from the same computation as the staff page and the reports.
//! Reporting completeness and reminders are work inside the administration and stay out.

use super::{path_lang, render};
use crate::error::{WebError, WebResult};
use crate::WebState;
use axum::extract::{Path, State};
use axum::response::Response;

pub async fn page(State(state): State<WebState>, Path(lang): Path<String>) -> WebResult<Response> {
    let lang = path_lang(&lang)?;
    let app = &state.app;
    let progress = app
        .plan_progress(None)
        .await
        .map_err(|e| WebError::from_app(lang, e))?;
    let page = app
        .analytics(|a| crate::pages::progress::page_context(a, &progress, lang))
        .await
        .map_err(|e| WebError::from_app(lang, e))?;
    let description = meridian_app::summary_sentence(&progress, lang);
    let page = minijinja::context! { ..page, ..minijinja::context! { description } };
    render(lang, "portal/plan.html", "/plan", page)
}
