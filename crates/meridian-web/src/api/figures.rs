//! Figures through the one computation path (`App::analytics`, `App::plan_progress`): the
//! plans, a plan's progress, and counts and breakdowns of records, as the pages show them.

use super::auth::ApiUser;
use super::error::{ApiError, ApiResult};
use crate::WebState;
use axum::extract::{Path, Query, State};
use axum::Json;
use meridian_app::analytics::{Dimension, Selection};
use meridian_domain::{Lang, PartialDate, Period, RecordId, RecordKind};
use serde::Deserialize;
use serde_json::{json, Value};

pub async fn plans(State(state): State<WebState>, user: ApiUser) -> ApiResult<Json<Value>> {
    let mut plans = state
        .app
        .analytics(|a| {
            a.plans()
                .filter(|p| user.signed.principal.can_read(p.unit, p.approval))
                .map(|p| {
                    json!({
                        "id": p.id.to_string(),
                        "title": p.value.title,
                        "document_number": p.value.document_number,
                        "period": p.value.period,
                        "approval": p.approval.as_str(),
                    })
                })
                .collect::<Vec<_>>()
        })
        .await
        .map_err(|e| ApiError::from_app(user.lang, e))?;
    plans.sort_by_key(|p| p["id"].as_str().map(str::to_string));
    Ok(Json(json!({ "items": plans })))
}

pub async fn progress(
    State(state): State<WebState>,
    user: ApiUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let lang = user.lang;
    let plan: RecordId = id.parse().map_err(|_| ApiError::not_found(lang))?;
    let record = state
        .app
        .get(RecordKind::Plan, plan)
        .await
        .map_err(|e| ApiError::from_app(lang, e))?;
    if !user.signed.principal.can_read(record.unit, record.approval) {
        return Err(ApiError::not_found(lang));
    }
    let progress = state
        .app
        .plan_progress(Some(plan))
        .await
        .map_err(|e| ApiError::from_app(lang, e))?;
    Ok(Json(serde_json::to_value(progress).unwrap_or(Value::Null)))
}

#[derive(Debug, Default, Deserialize)]
pub struct FigureParams {
    /// Record kinds, comma-separated; all kinds when absent.
    kind: Option<String>,
    by: Option<String>,
    country: Option<String>,
    group: Option<String>,
    from: Option<i32>,
    to: Option<i32>,
    /// Count drafts and submissions too (the official figures count approved records).
    #[serde(default)]
    include_unapproved: bool,
}

fn selection(lang: Lang, params: &FigureParams) -> ApiResult<Selection> {
    let kinds = match params.kind.as_deref().filter(|k| !k.is_empty()) {
        Some(list) => list
            .split(',')
            .map(|k| {
                RecordKind::parse(k.trim()).ok_or_else(|| {
                    ApiError::bad_request(lang, "kind", format!("unknown kind {k:?}"))
                })
            })
            .collect::<ApiResult<Vec<_>>>()?,
        None => RecordKind::ALL.to_vec(),
    };
    let group = match params.group.as_deref().filter(|g| !g.is_empty()) {
        Some(g) => Some(
            g.parse()
                .map_err(|_| ApiError::bad_request(lang, "group", "not a record id"))?,
        ),
        None => None,
    };
    let window = (params.from.is_some() || params.to.is_some()).then(|| {
        Period {
            start: params.from.map(PartialDate::year),
            end: params.to.map(PartialDate::year),
        }
        .day_range()
    });
    Ok(Selection {
        kinds,
        include_unapproved: params.include_unapproved,
        country_group: group,
        countries: params
            .country
            .iter()
            .flat_map(|c| c.split(','))
            .map(|c| c.trim().to_ascii_uppercase())
            .filter(|c| !c.is_empty())
            .collect(),
        window,
        ..Selection::default()
    })
}

/// `GET /figures`: how many records the question selects; with `by`, broken down by year,
/// kind, organization type, continent, country group or country.
pub async fn figures(
    State(state): State<WebState>,
    user: ApiUser,
    Query(params): Query<FigureParams>,
) -> ApiResult<Json<Value>> {
    let lang = user.lang;
    let selection = selection(lang, &params)?;
    let dimension = match params.by.as_deref().filter(|b| !b.is_empty()) {
        Some(by) => Some(Dimension::parse(by).ok_or_else(|| {
            ApiError::bad_request(
                lang,
                "by",
                "one of year, kind, org_type, continent, country_group, country",
            )
        })?),
        None => None,
    };
    let value = state
        .app
        .analytics(|a| match dimension {
            Some(d) => serde_json::to_value(a.breakdown(&selection, d)),
            None => serde_json::to_value(a.count(&selection)),
        })
        .await
        .map_err(|e| ApiError::from_app(lang, e))?
        .unwrap_or(Value::Null);
    Ok(Json(value))
}
