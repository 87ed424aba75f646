//! The caller's own API tokens: list, create (the secret is in the answer, once), revoke.

use super::auth::ApiUser;
use super::error::{ApiError, ApiResult};
use crate::WebState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use meridian_store::ApiToken;
use serde_json::{json, Value};

pub fn token_json(token: &ApiToken) -> Value {
    json!({
        "id": token.id,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
    })
}

pub async fn list(State(state): State<WebState>, user: ApiUser) -> ApiResult<Json<Value>> {
    let tokens = state
        .app
        .tokens(&user.signed.principal)
        .await
        .map_err(|e| ApiError::from_app(user.lang, e))?;
    Ok(Json(
        json!({ "items": tokens.iter().map(token_json).collect::<Vec<_>>() }),
    ))
}

pub async fn create(
    State(state): State<WebState>,
    user: ApiUser,
    bytes: Bytes,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let lang = user.lang;
    let body: Value = serde_json::from_slice(&bytes)
        .map_err(|e| ApiError::bad_request(lang, "body", format!("not valid JSON: {e}")))?;
    let name = body
        .get("name")
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::bad_request(lang, "name", "missing"))?;
    let made = state
        .app
        .create_token(&user.signed.principal, name)
        .await
        .map_err(|e| ApiError::from_app(lang, e))?;
    let mut out = token_json(&made.token);
    out["secret"] = Value::String(made.secret);
    Ok((StatusCode::CREATED, Json(out)))
}

pub async fn revoke(
    State(state): State<WebState>,
    user: ApiUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let token = state
        .app
        .revoke_token(&user.signed.principal, &id)
        .await
        .map_err(|e| ApiError::from_app(user.lang, e))?;
    Ok(Json(token_json(&token)))
}
