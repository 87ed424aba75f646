//! The home dashboard of a signed-in user: counts by kind for their unit (and the units
//! below it), recent changes they may read, items waiting for their approval, their
//! unit's drafts not submitted, agreements expiring and designations falling due within
//! 180 days.

use super::{summaries, summary};
use crate::auth::User;
use crate::error::{WebError, WebResult};
use crate::i18n::{t, UiLang};
use crate::WebState;
use axum::extract::State;
use axum::response::Html;
use meridian_app::analytics::{Dimension, Selection};
use meridian_app::App;
use meridian_domain::user::Principal;
use meridian_domain::{Approval, Lang, RecordKind};
use meridian_store::{ListQuery, StoredRecord};
use minijinja::{context, Value};

const DUE_WITHIN_DAYS: i64 = 180;

/// Live records per kind owned by the user's scope (everything for the admin), drafts
/// included: counted by the figures (`App::analytics`), the path every other count takes.
async fn counts(app: &App, lang: Lang, principal: &Principal) -> WebResult<Vec<(RecordKind, u64)>> {
    let selection = Selection {
        kinds: RecordKind::ALL.to_vec(),
        include_unapproved: true,
        units: if principal.is_admin() {
            Vec::new()
        } else {
            principal.units_in_scope.to_vec()
        },
        ..Selection::default()
    };
    if !principal.is_admin() && selection.units.is_empty() {
        return Ok(RecordKind::ALL.iter().map(|k| (*k, 0)).collect());
    }
    let breakdown = app
        .analytics(|a| a.breakdown(&selection, Dimension::Kind))
        .await
        .map_err(|e| WebError::from_app(lang, e))?;
    Ok(RecordKind::ALL
        .iter()
        .map(|k| {
            let n = breakdown
                .buckets
                .iter()
                .find(|b| b.key == k.as_str())
                .map_or(0, |b| b.count);
            (*k, n)
        })
        .collect())
}

fn dated(record: &StoredRecord, title: meridian_domain::LocalizedText, date: String) -> Value {
    let mut value = serde_json::to_value(summary(record, title)).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.insert("note".into(), serde_json::Value::String(date));
    }
    crate::ui::value(value)
}

pub async fn page(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    user: User,
) -> WebResult<Html<String>> {
    let app = &state.app;
    let me = &user.0.principal;
    let fail = |e| WebError::from_app(lang, e);
    let counts = counts(app, lang, me).await?;
    let total: u64 = counts.iter().map(|(_, n)| n).sum();
    let counts: Vec<_> = counts
        .iter()
        .map(|(kind, n)| context! { kind => kind.as_str(), label => kind.label(lang), count => n })
        .collect();
    let recent: Vec<StoredRecord> = app
        .store()
        .list(&ListQuery {
            limit: 200,
            ..ListQuery::default()
        })
        .await
        .map_err(|e| WebError::internal(lang, e))?
        .items
        .into_iter()
        .filter(|r| me.can_read(r.unit, r.approval))
        .collect();
    let mut recent = recent;
    recent.sort_by(|a, b| b.updated_at.cmp(&a.updated_at));
    recent.truncate(10);
    let waiting: Vec<_> = app
        .records_in_state(Approval::Submitted, 500)
        .await
        .map_err(fail)?
        .into_iter()
        .filter(|r| me.can_approve(r.unit))
        .collect();
    let drafts: Vec<_> = app
        .records_in_state(Approval::Draft, 500)
        .await
        .map_err(fail)?
        .into_iter()
        .filter(|r| me.can_edit(r.unit))
        .collect();
    let due = app
        .due_within(&meridian_app::today(), DUE_WITHIN_DAYS)
        .await
        .map_err(fail)?;
    let (mut expiring, mut designations) = (Vec::new(), Vec::new());
    for d in due
        .iter()
        .filter(|d| me.can_read(d.record.unit, d.record.approval))
    {
        let item = dated(&d.record, app.title_of(&d.record).await, d.date.to_string());
        if d.record.kind() == RecordKind::Agreement {
            expiring.push(item)
        } else {
            designations.push(item)
        }
    }
    let sections = vec![
        context! { title => t(lang, "home.waiting"), items => summaries(app, &waiting).await },
        context! { title => t(lang, "home.drafts"), items => summaries(app, &drafts).await },
        context! { title => t(lang, "home.expiring"), items => expiring },
        context! { title => t(lang, "home.designations_due"), items => designations },
    ];
    let page = context! {
        title => t(lang, "home.title"),
        counts, total,
        recent => summaries(app, &recent).await,
        sections,
        here => "/",
    };
    crate::ui::render(lang, Some(&user.0), "home.html", page)
        .map_err(|e| WebError::internal(lang, e))
}
