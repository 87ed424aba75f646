//! The home dashboard: counts by kind, recent changes, items waiting for approval, drafts
//! not submitted, agreements expiring and designations falling due within 180 days.

use super::{summaries, summary};
use crate::error::{WebError, WebResult};
use crate::i18n::{t, UiLang};
use crate::WebState;
use axum::extract::State;
use axum::response::Html;
use meridian_domain::{Approval, RecordKind};
use meridian_store::ListQuery;
use minijinja::context;

const DUE_WITHIN_DAYS: i64 = 180;

pub async fn page(State(state): State<WebState>, UiLang(lang): UiLang) -> WebResult<Html<String>> {
    let app = &state.app;
    let fail = |e| WebError::from_app(lang, e);
    let stats = app.stats().await.map_err(fail)?;
    let counts: Vec<_> = stats
        .iter()
        .map(|(kind, n)| context! { kind => kind.as_str(), label => kind.label(lang), count => n })
        .collect();
    let total: u64 = stats.values().sum();
    let recent = app
        .store()
        .list(&ListQuery {
            limit: 10,
            ..ListQuery::default()
        })
        .await
        .map_err(|e| WebError::internal(lang, e))?;
    let mut recent: Vec<_> = recent.items;
    recent.sort_by(|a, b| b.updated_at.cmp(&a.updated_at));
    let waiting = app
        .records_in_state(Approval::Submitted, 50)
        .await
        .map_err(fail)?;
    let drafts = app
        .records_in_state(Approval::Draft, 50)
        .await
        .map_err(fail)?;
    let due = app
        .due_within(&meridian_app::today(), DUE_WITHIN_DAYS)
        .await
        .map_err(fail)?;
    let (expiring, designations): (Vec<_>, Vec<_>) = due
        .into_iter()
        .partition(|d| d.record.kind() == RecordKind::Agreement);
    let mut dated = Vec::new();
    for d in expiring.iter().chain(designations.iter()) {
        let title = app.title_of(&d.record).await;
        dated.push((
            d.record.kind(),
            crate::ui::value(merge(summary(&d.record, title), d.date.to_string())),
        ));
    }
    let (expiring, designations): (Vec<_>, Vec<_>) = dated
        .into_iter()
        .partition(|(k, _)| *k == RecordKind::Agreement);
    let strip =
        |v: Vec<(RecordKind, minijinja::Value)>| v.into_iter().map(|(_, x)| x).collect::<Vec<_>>();
    let sections = vec![
        context! { title => t(lang, "home.waiting"), items => summaries(app, &waiting).await },
        context! { title => t(lang, "home.drafts"), items => summaries(app, &drafts).await },
        context! { title => t(lang, "home.expiring"), items => strip(expiring) },
        context! { title => t(lang, "home.designations_due"), items => strip(designations) },
    ];
    let page = context! {
        title => t(lang, "home.title"),
        counts, total,
        recent => summaries(app, recent.iter().take(10)).await,
        sections,
        here => "/",
    };
    crate::ui::render(lang, "home.html", page).map_err(|e| WebError::internal(lang, e))
}

fn merge(summary: minijinja::Value, note: String) -> serde_json::Value {
    let mut value = serde_json::to_value(&summary).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.insert("note".into(), serde_json::Value::String(note));
    }
    value
}
