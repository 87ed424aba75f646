//! API errors as `{code, message, fields}` with the status the web front end's one mapping
//! (`WebError::from_app`) decides; `fields` lists each invalid field with its reason.

use crate::error::WebError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use meridian_app::AppError;
use meridian_domain::Lang;
use serde_json::{json, Value};

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    /// `[{field, reason, message}]`, empty unless the input was invalid.
    pub fields: Vec<Value>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    /// An error the web front end already knows, with its message in `lang`.
    pub fn web(e: WebError) -> Self {
        Self::new(e.status, e.code, e.message)
    }

    pub fn not_found(lang: Lang) -> Self {
        Self::web(WebError::not_found(lang))
    }

    pub fn forbidden(lang: Lang) -> Self {
        Self::web(WebError::forbidden(lang))
    }

    /// Input that is not what the operation takes (bad JSON, a missing version).
    pub fn bad_request(lang: Lang, field: &str, reason: impl Into<String>) -> Self {
        let reason = reason.into();
        let mut e = Self::web(WebError::bad_request(lang, format!("{field}: {reason}")));
        e.fields = vec![json!({"field": field, "reason": "bad_input", "message": reason})];
        e
    }

    pub fn from_app(lang: Lang, e: AppError) -> Self {
        let fields = e
            .problems()
            .map(|p| {
                p.errors
                    .iter()
                    .map(|f| {
                        json!({
                            "field": f.field,
                            "reason": f.reason.code(),
                            "message": f.reason.describe(lang),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut out = Self::web(WebError::from_app(lang, e));
        out.fields = fields;
        out
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({"code": self.code, "message": self.message, "fields": self.fields});
        (self.status, Json(body)).into_response()
    }
}
