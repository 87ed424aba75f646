//! The one mapping from failures to HTTP: status, stable code, a message in the user's
//! language, and an HTML page (or JSON for API-style requests).

use crate::i18n::{t, tf};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use meridian_app::AppError;
use meridian_domain::Lang;
use meridian_store::StoreError;

#[derive(Debug)]
pub struct WebError {
    pub status: StatusCode,
    /// Stable snake_case code, shown to scripts in the page's `data-error` attribute.
    pub code: &'static str,
    pub message: String,
    pub lang: Lang,
}

impl WebError {
    pub fn new(status: StatusCode, code: &'static str, lang: Lang) -> Self {
        Self {
            status,
            code,
            message: t(lang, &format!("error.{code}")),
            lang,
        }
    }

    pub fn not_found(lang: Lang) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", lang)
    }

    pub fn forbidden(lang: Lang) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", lang)
    }

    pub fn bad_request(lang: Lang, message: String) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            code: "bad_request",
            message,
            lang,
        }
    }

    pub fn internal(lang: Lang, detail: impl std::fmt::Display) -> Self {
        tracing::error!(error = %detail, "internal error");
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", lang)
    }

    /// Decides the status for an application error, in one place.
    pub fn from_app(lang: Lang, e: AppError) -> Self {
        let status = match &e {
            AppError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Store(
                StoreError::NotFound { .. }
                | StoreError::VersionNotFound { .. }
                | StoreError::UnknownToken(_),
            ) => StatusCode::NOT_FOUND,
            AppError::Store(
                StoreError::Conflict { .. }
                | StoreError::Referenced { .. }
                | StoreError::InTrash { .. }
                | StoreError::NotInTrash { .. }
                | StoreError::AlreadyExists { .. },
            ) => StatusCode::CONFLICT,
            AppError::Store(StoreError::Invalid { .. }) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::WrongKind { .. } | AppError::NoPlan(_) => StatusCode::NOT_FOUND,
            AppError::NotAllowed {
                code: "token_name", ..
            } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::NotAllowed { .. } => StatusCode::CONFLICT,
            _ => return Self::internal(lang, e),
        };
        let code = e.code();
        let key = format!("error.{code}");
        let known = crate::i18n::catalog(lang).contains_key(&key);
        let message = if known {
            tf(lang, &key, &[("detail", &e.to_string())])
        } else {
            e.to_string()
        };
        Self {
            status,
            code,
            message,
            lang,
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let page = crate::ui::render_error(self.lang, self.status, self.code, &self.message);
        (self.status, page).into_response()
    }
}

pub type WebResult<T> = Result<T, WebError>;
