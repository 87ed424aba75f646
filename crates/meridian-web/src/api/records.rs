//! Records of every kind: list (the list page's filters, full-text search, pages), read,
//! create (as a draft of the caller's unit), update and delete (each with the version it
//! was based on), history, restore of an earlier version, and undelete. Every handler asks
//! the caller's `Principal` first, as the pages do.

use super::auth::ApiUser;
use super::error::{ApiError, ApiResult};
use crate::WebState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use meridian_app::{App, RecordFilter, Sort};
use meridian_domain::{Approval, Lang, RecordBody, RecordId, RecordKind};
use meridian_store::{Change, NewRecord, StoredRecord};
use serde::Deserialize;
use serde_json::{json, Value};

/// Items per page unless `per_page` says otherwise, and the most it may say.
pub const PER_PAGE: usize = 50;
pub const MAX_PER_PAGE: usize = 500;

#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    q: Option<String>,
    approval: Option<String>,
    country: Option<String>,
    group: Option<String>,
    year: Option<i32>,
    organization: Option<String>,
    status: Option<String>,
    page: Option<usize>,
    per_page: Option<usize>,
}

fn kind(lang: Lang, name: &str) -> ApiResult<RecordKind> {
    RecordKind::parse(name).ok_or_else(|| ApiError::not_found(lang))
}

fn id(lang: Lang, text: &str) -> ApiResult<RecordId> {
    text.parse().map_err(|_| ApiError::not_found(lang))
}

fn parse_id(lang: Lang, field: &str, text: &str) -> ApiResult<RecordId> {
    text.parse()
        .map_err(|_| ApiError::bad_request(lang, field, "not a record id"))
}

/// A record as the API gives it: its envelope, its title and its content.
pub async fn record_json(app: &App, record: &StoredRecord) -> Value {
    let title = app.title_of(record).await;
    json!({
        "id": record.id.to_string(),
        "kind": record.kind().as_str(),
        "version": record.version,
        "approval": record.approval.as_str(),
        "unit": record.unit.map(|u| u.to_string()),
        "title": {"zh": title.zh, "en": title.en},
        "data": record.body.to_data(),
        "created_at": record.created_at,
        "created_by": record.created_by,
        "updated_at": record.updated_at,
        "updated_by": record.updated_by,
        "deleted_at": record.deleted_at,
        "deleted_by": record.deleted_by,
    })
}

pub async fn list(
    State(state): State<WebState>,
    user: ApiUser,
    Path(kind_name): Path<String>,
    Query(params): Query<ListParams>,
) -> ApiResult<Json<Value>> {
    let lang = user.lang;
    let kind = kind(lang, &kind_name)?;
    let approval = match params.approval.as_deref().filter(|a| !a.is_empty()) {
        Some(a) => Some(
            Approval::parse(a)
                .ok_or_else(|| ApiError::bad_request(lang, "approval", "unknown approval state"))?,
        ),
        None => None,
    };
    let optional_id = |field: &str, text: &Option<String>| {
        text.as_deref()
            .filter(|t| !t.is_empty())
            .map(|t| parse_id(lang, field, t))
            .transpose()
    };
    let filter = RecordFilter {
        approval,
        country: params
            .country
            .as_deref()
            .map(|c| c.trim().to_ascii_uppercase())
            .filter(|c| !c.is_empty()),
        group: optional_id("group", &params.group)?,
        year: params.year,
        organization: optional_id("organization", &params.organization)?,
        units: None,
        reader: Some(user.signed.principal.clone()),
        status: params.status.clone().filter(|s| !s.is_empty()),
    };
    let per_page = params.per_page.unwrap_or(PER_PAGE).clamp(1, MAX_PER_PAGE);
    let page = params.page.unwrap_or(1).max(1);
    let offset = (page - 1) * per_page;
    let found = match params.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) => {
            state
                .app
                .find_text(kind, q, &filter, offset, per_page)
                .await
        }
        None => {
            state
                .app
                .find(kind, &filter, Sort::Updated, offset, per_page)
                .await
        }
    }
    .map_err(|e| ApiError::from_app(lang, e))?;
    let mut items = Vec::with_capacity(found.items.len());
    for record in &found.items {
        items.push(record_json(&state.app, record).await);
    }
    Ok(Json(json!({
        "items": items,
        "total": found.total,
        "page": page,
        "per_page": per_page,
    })))
}

/// The record a `/records/{kind}/{id}` address names, if the caller may read it; trashed
/// records too (their `deleted_at` says so).
async fn readable(
    state: &WebState,
    user: &ApiUser,
    path: &(String, String),
) -> ApiResult<StoredRecord> {
    let kind = kind(user.lang, &path.0)?;
    let record = state
        .app
        .get(kind, id(user.lang, &path.1)?)
        .await
        .map_err(|e| ApiError::from_app(user.lang, e))?;
    if !user.signed.principal.can_read(record.unit, record.approval) {
        return Err(ApiError::not_found(user.lang));
    }
    Ok(record)
}

/// The record an address names, if the caller may change it.
async fn editable(
    state: &WebState,
    user: &ApiUser,
    path: &(String, String),
) -> ApiResult<StoredRecord> {
    let record = readable(state, user, path).await?;
    if !user.signed.principal.can_edit(record.unit) {
        return Err(ApiError::forbidden(user.lang));
    }
    Ok(record)
}

pub async fn read(
    State(state): State<WebState>,
    user: ApiUser,
    Path(path): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let record = readable(&state, &user, &path).await?;
    Ok(Json(record_json(&state.app, &record).await))
}

/// The record a change left, as the API gives it, or the change's refusal.
async fn changed(
    state: &WebState,
    lang: Lang,
    result: Result<StoredRecord, meridian_app::AppError>,
) -> ApiResult<Json<Value>> {
    let record = result.map_err(|e| ApiError::from_app(lang, e))?;
    Ok(Json(record_json(&state.app, &record).await))
}

/// The JSON object a create or update sends.
fn read_body(lang: Lang, bytes: &Bytes) -> ApiResult<serde_json::Map<String, Value>> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(ApiError::bad_request(
            lang,
            "body",
            "expected a JSON object",
        )),
        Err(e) => Err(ApiError::bad_request(
            lang,
            "body",
            format!("not valid JSON: {e}"),
        )),
    }
}

/// The record content in `data`, read as `kind`.
fn read_data(
    lang: Lang,
    kind: RecordKind,
    body: &serde_json::Map<String, Value>,
) -> ApiResult<RecordBody> {
    let data = body
        .get("data")
        .cloned()
        .ok_or_else(|| ApiError::bad_request(lang, "data", "missing"))?;
    RecordBody::from_data(kind, data).map_err(|e| {
        let mut err = ApiError::bad_request(lang, "data", e.to_string());
        err.status = StatusCode::UNPROCESSABLE_ENTITY;
        err.code = "invalid";
        err
    })
}

fn read_version(lang: Lang, body: &serde_json::Map<String, Value>, field: &str) -> ApiResult<i64> {
    body.get(field).and_then(Value::as_i64).ok_or_else(|| {
        ApiError::bad_request(lang, field, "the version the change is based on is needed")
    })
}

pub async fn create(
    State(state): State<WebState>,
    user: ApiUser,
    Path(kind_name): Path<String>,
    bytes: Bytes,
) -> ApiResult<Response> {
    let lang = user.lang;
    let kind = kind(lang, &kind_name)?;
    let body = read_body(lang, &bytes)?;
    let principal = &user.signed.principal;
    let unit = match body.get("unit").and_then(Value::as_str) {
        Some(text) => parse_id(lang, "unit", text)?,
        None => principal.unit,
    };
    if !principal.can_create() || !principal.can_edit(Some(unit)) {
        return Err(ApiError::forbidden(lang));
    }
    let data = read_data(lang, kind, &body)?;
    let new = NewRecord {
        unit: Some(unit),
        ..NewRecord::draft(data)
    };
    let record = state
        .app
        .create(new, &user.actor())
        .await
        .map_err(|e| ApiError::from_app(lang, e))?;
    let location = format!("/api/v1/records/{}/{}", kind.as_str(), record.id);
    Ok((
        StatusCode::CREATED,
        [(axum::http::header::LOCATION, location)],
        Json(record_json(&state.app, &record).await),
    )
        .into_response())
}

pub async fn update(
    State(state): State<WebState>,
    user: ApiUser,
    Path(path): Path<(String, String)>,
    bytes: Bytes,
) -> ApiResult<Json<Value>> {
    let lang = user.lang;
    let current = editable(&state, &user, &path).await?;
    let body = read_body(lang, &bytes)?;
    let version = read_version(lang, &body, "version")?;
    let data = read_data(lang, current.kind(), &body)?;
    let record = state
        .app
        .update(
            current.id,
            version,
            Change::body_of(&current, data),
            &user.actor(),
        )
        .await;
    changed(&state, lang, record).await
}

#[derive(Debug, Deserialize)]
pub struct VersionParam {
    version: Option<i64>,
}

pub async fn delete(
    State(state): State<WebState>,
    user: ApiUser,
    Path(path): Path<(String, String)>,
    Query(params): Query<VersionParam>,
) -> ApiResult<Json<Value>> {
    let lang = user.lang;
    let current = editable(&state, &user, &path).await?;
    let version = params.version.ok_or_else(|| {
        ApiError::bad_request(
            lang,
            "version",
            "the version the deletion is based on is needed",
        )
    })?;
    let record = state
        .app
        .delete(current.kind(), current.id, Some(version), &user.actor())
        .await;
    changed(&state, lang, record).await
}

pub async fn history(
    State(state): State<WebState>,
    user: ApiUser,
    Path(path): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let lang = user.lang;
    let record = readable(&state, &user, &path).await?;
    let entries = state
        .app
        .history(record.kind(), record.id)
        .await
        .map_err(|e| ApiError::from_app(lang, e))?;
    Ok(Json(json!({ "items": entries })))
}

pub async fn restore(
    State(state): State<WebState>,
    user: ApiUser,
    Path(path): Path<(String, String)>,
    bytes: Bytes,
) -> ApiResult<Json<Value>> {
    let lang = user.lang;
    let current = editable(&state, &user, &path).await?;
    let body = read_body(lang, &bytes)?;
    let version = read_version(lang, &body, "version")?;
    let expected = read_version(lang, &body, "expected_version")?;
    let record = state
        .app
        .revert(
            current.kind(),
            current.id,
            version,
            Some(expected),
            &user.actor(),
        )
        .await;
    changed(&state, lang, record).await
}

pub async fn undelete(
    State(state): State<WebState>,
    user: ApiUser,
    Path(path): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let lang = user.lang;
    let current = editable(&state, &user, &path).await?;
    let record = state.app.undelete(current.id, &user.actor()).await;
    changed(&state, lang, record).await
}
