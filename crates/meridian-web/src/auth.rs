//! Who is asking: the session cookie, the signed-in user extractors, the per-session CSRF
//! token every state-changing form carries, and the sign-in, sign-out and password pages.
//!
//! The session cookie is `Secure; HttpOnly; SameSite=Lax` (browsers accept Secure cookies
//! from http://localhost; anywhere else, serve Meridian over HTTPS). Cross-site form posts
//! are refused before any handler runs (`same_origin_posts`), which also protects the
//! sign-in form, where no session token exists yet.

use crate::error::{WebError, WebResult};
use crate::forms::parse::Input;
use crate::i18n::{t, UiLang};
use crate::WebState;
use axum::extract::{ConnectInfo, FromRequestParts, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use meridian_app::{AppError, SignedIn};
use meridian_domain::Lang;
use meridian_store::Actor;
use minijinja::context;
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

pub const COOKIE: &str = "meridian_session";

/// The signed-in user, if any.
pub struct Viewer(pub Option<SignedIn>);

impl FromRequestParts<WebState> for Viewer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &WebState) -> Result<Self, Response> {
        let Some(token) = crate::i18n::cookie(&parts.headers, COOKIE) else {
            return Ok(Viewer(None));
        };
        match state.app.session(token).await {
            Ok(found) => Ok(Viewer(found)),
            Err(e) => {
                let UiLang(lang) = UiLang::from_request_parts(parts, state)
                    .await
                    .unwrap_or(UiLang(Lang::En));
                Err(WebError::internal(lang, e).into_response())
            }
        }
    }
}

/// A signed-in user; anyone else is sent to the sign-in page (or refused, for a POST).
pub struct User(pub SignedIn);

impl User {
    pub fn actor(&self) -> Actor {
        Actor::new(self.0.principal.name.clone())
    }

    /// Refuses a form whose CSRF token is not this session's.
    pub fn check_csrf(&self, lang: Lang, input: &Input) -> WebResult<()> {
        if meridian_app::csrf_matches(&self.0.csrf, input.one("csrf")) {
            Ok(())
        } else {
            Err(WebError::new(StatusCode::FORBIDDEN, "csrf", lang))
        }
    }
}

impl FromRequestParts<WebState> for User {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &WebState) -> Result<Self, Response> {
        let Viewer(found) = Viewer::from_request_parts(parts, state).await?;
        match found {
            Some(signed) => Ok(User(signed)),
            None if parts.method == Method::GET => {
                let next = parts
                    .uri
                    .path_and_query()
                    .map(|p| p.as_str())
                    .unwrap_or("/");
                let query = serde_urlencoded::to_string([("next", next)]).unwrap_or_default();
                Err(Redirect::to(&format!("/login?{query}")).into_response())
            }
            None => {
                let UiLang(lang) = UiLang::from_request_parts(parts, state)
                    .await
                    .unwrap_or(UiLang(Lang::En));
                Err(WebError::new(StatusCode::UNAUTHORIZED, "signed_out", lang).into_response())
            }
        }
    }
}

/// Refuses a state-changing request that another site's page sent.
pub async fn same_origin_posts(request: Request, next: Next) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let headers = request.headers();
        let cross_site =
            headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("cross-site");
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
        let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
        let foreign_origin = match (origin, host) {
            (Some(origin), Some(host)) => {
                origin != "null" && origin.split("://").nth(1) != Some(host)
            }
            (Some(_), None) => true,
            _ => false,
        };
        if cross_site || foreign_origin {
            return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
        }
    }
    next.run(request).await
}

fn session_cookie(token: &str, max_age: i64) -> String {
    format!("{COOKIE}={token}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age={max_age}")
}

fn safe_next(next: Option<&String>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//"))
        .cloned()
        .unwrap_or_else(|| "/".into())
}

/// The address the request came from (loopback when the server was not told, in tests).
pub struct ClientIp(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        Ok(ClientIp(ip.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))))
    }
}

fn login_page(
    lang: Lang,
    next: &str,
    name: &str,
    error: Option<String>,
    status: StatusCode,
) -> WebResult<Response> {
    let page = context! { title => t(lang, "login.title"), next, name, error, here => "/login" };
    let html = crate::ui::render(lang, None, "login.html", page)
        .map_err(|e| WebError::internal(lang, e))?;
    Ok((status, html).into_response())
}

pub async fn login_form(
    UiLang(lang): UiLang,
    Query(q): Query<HashMap<String, String>>,
) -> WebResult<Response> {
    login_page(lang, &safe_next(q.get("next")), "", None, StatusCode::OK)
}

pub async fn login(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    ClientIp(ip): ClientIp,
    Form(form): Form<HashMap<String, String>>,
) -> WebResult<Response> {
    let name = form.get("name").map(|s| s.trim()).unwrap_or("");
    let password = form.get("password").map(String::as_str).unwrap_or("");
    let next = safe_next(form.get("next"));
    match state.app.login(name, password, ip).await {
        Ok(session) => {
            let lang_cookie = format!(
                "lang={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
                session.language.as_str()
            );
            let headers = axum::response::AppendHeaders([
                (
                    header::SET_COOKIE,
                    session_cookie(&session.token, 7 * 24 * 3600),
                ),
                (header::SET_COOKIE, lang_cookie),
            ]);
            Ok((headers, Redirect::to(&next)).into_response())
        }
        Err(AppError::TooManyAttempts { retry_after_secs }) => {
            let message = crate::i18n::tf(
                lang,
                "login.too_many",
                &[("minutes", &retry_after_secs.div_ceil(60).to_string())],
            );
            login_page(
                lang,
                &next,
                name,
                Some(message),
                StatusCode::TOO_MANY_REQUESTS,
            )
        }
        Err(AppError::LoginFailed) => login_page(
            lang,
            &next,
            name,
            Some(t(lang, "login.failed")),
            StatusCode::UNAUTHORIZED,
        ),
        Err(e) => Err(WebError::from_app(lang, e)),
    }
}

pub async fn logout(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    user: User,
    headers: axum::http::HeaderMap,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    user.check_csrf(lang, &Input::new(pairs))?;
    let token = crate::i18n::cookie(&headers, COOKIE).map(String::from);
    if let Some(token) = token {
        state
            .app
            .logout(&token)
            .await
            .map_err(|e| WebError::from_app(lang, e))?;
    }
    Ok((
        [(header::SET_COOKIE, session_cookie("", 0))],
        Redirect::to("/login"),
    )
        .into_response())
}

pub async fn password_form(UiLang(lang): UiLang, user: User) -> WebResult<Html<String>> {
    let page = context! { title => t(lang, "password.title"), here => "/account/password" };
    crate::ui::render(lang, Some(&user.0), "password.html", page)
        .map_err(|e| WebError::internal(lang, e))
}

pub async fn change_password(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    user: User,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let input = Input::new(pairs);
    user.check_csrf(lang, &input)?;
    let (old, new, again) = (input.one("old"), input.one("new"), input.one("again"));
    let fail = |message: String, status: StatusCode| -> WebResult<Response> {
        let page = context! { title => t(lang, "password.title"), error => message, here => "/account/password" };
        let html = crate::ui::render(lang, Some(&user.0), "password.html", page)
            .map_err(|e| WebError::internal(lang, e))?;
        Ok((status, html).into_response())
    };
    if new != again {
        return fail(
            t(lang, "password.mismatch"),
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    match state.app.change_password(&user.0.principal, old, new).await {
        Ok(session) => Ok((
            [(
                header::SET_COOKIE,
                session_cookie(&session.token, 7 * 24 * 3600),
            )],
            Redirect::to("/?changed=password"),
        )
            .into_response()),
        Err(AppError::WrongPassword) => {
            fail(t(lang, "password.wrong"), StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => match e.problems() {
            Some(p) => fail(
                p.describe(lang).join("; "),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            None => Err(WebError::from_app(lang, e)),
        },
    }
}
