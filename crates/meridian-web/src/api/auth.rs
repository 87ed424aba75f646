//! Who is calling the API: a personal token (`Authorization: Bearer mrd_…`) acting with
//! its user's roles, or, for reading only, the browser's session cookie.

use super::error::ApiError;
use crate::i18n::UiLang;
use crate::WebState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, Method, StatusCode};
use meridian_app::SignedIn;
use meridian_domain::Lang;
use meridian_store::Actor;

/// The caller, and the language its messages are in.
pub struct ApiUser {
    pub signed: SignedIn,
    pub lang: Lang,
}

impl ApiUser {
    pub fn actor(&self) -> Actor {
        Actor::new(self.signed.principal.name.clone())
    }
}

impl FromRequestParts<WebState> for ApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &WebState) -> Result<Self, ApiError> {
        let Ok(UiLang(lang)) = UiLang::from_request_parts(parts, state).await;
        let unauthorized = |code| {
            let message = match (lang, code) {
                (Lang::Zh, "bad_token") => "API令牌无效、已撤销或其用户已停用",
                (Lang::Zh, _) => "需要API令牌：Authorization: Bearer mrd_…",
                (Lang::En, "bad_token") => {
                    "the API token is unknown, revoked, or its user is disabled"
                }
                (Lang::En, _) => "an API token is needed: Authorization: Bearer mrd_…",
            };
            ApiError::new(StatusCode::UNAUTHORIZED, code, message)
        };
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        let found = match bearer {
            Some(secret) => state.app.token_user(secret.trim()).await,
            // A session cookie may read; changes need a token, so no page of another
            // site can make them with the visitor's cookie.
            None if parts.method == Method::GET || parts.method == Method::HEAD => {
                match crate::i18n::cookie(&parts.headers, crate::auth::COOKIE) {
                    Some(token) => state.app.session(token).await,
                    None => Ok(None),
                }
            }
            None => Ok(None),
        };
        match found {
            Ok(Some(signed)) => Ok(ApiUser { signed, lang }),
            Ok(None) if bearer.is_some() => Err(unauthorized("bad_token")),
            Ok(None) => Err(unauthorized("token_required")),
            Err(e) => Err(ApiError::from_app(lang, e)),
        }
    }
}
