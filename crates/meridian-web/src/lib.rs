//! HTTP front end: the web application's pages (records of every kind, forms, review,
//! history, trash), the public portal, the JSON API under `/api/v1`, the language switch,
//! static assets, `/healthz`, and the security headers every response carries.

mod api;
pub mod assets;
mod auth;
mod error;
mod forms;
mod i18n;
mod metrics;
mod pages;
pub mod portal;
mod security;
mod ui;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use meridian_app::App;
use meridian_domain::Lang;
use std::collections::HashMap;
use std::net::SocketAddr;

pub use api::openapi::{document as openapi_document, operations as openapi_operations};
pub use api::paths as api_paths;
pub use i18n::{catalog, parse_catalog};
pub use portal::export::{export as export_portal, ExportReport};

/// What every handler can reach.
#[derive(Clone)]
pub struct WebState {
    pub app: App,
    pub options: WebOptions,
    /// Rendered portal pages, until the records change.
    pub portal_cache: std::sync::Arc<portal::cache::PageCache>,
    /// Inquiries per address on the portal's contact form.
    pub inquiry_limits: std::sync::Arc<portal::inquiry::Limiter>,
}

/// How the operator configured the web front end.
#[derive(Clone, Default)]
pub struct WebOptions {
    /// World boundaries the operator supplied (`--boundaries FILE`), served instead of the
    /// embedded ones; checked by [`assets::Boundaries::from_file`] before serving starts.
    pub boundaries: Option<std::sync::Arc<assets::Boundaries>>,
}

/// The application's routes, with the default options.
pub fn router(app: App) -> Router {
    router_with(app, WebOptions::default())
}

/// The application's routes.
pub fn router_with(app: App, options: WebOptions) -> Router {
    let state = WebState {
        app,
        options,
        portal_cache: std::sync::Arc::default(),
        inquiry_limits: std::sync::Arc::default(),
    };
    Router::new()
        .route("/", get(pages::home::page))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics::render))
        .route("/lang/{lang}", get(switch_language))
        .route("/login", get(auth::login_form).post(auth::login))
        .route("/logout", post(auth::logout))
        .route(
            "/account/password",
            get(auth::password_form).post(auth::change_password),
        )
        .route(
            "/account/tokens",
            get(pages::tokens::page).post(pages::tokens::create),
        )
        .route("/account/tokens/{id}/revoke", post(pages::tokens::revoke))
        .route(
            "/import",
            get(pages::import::page).post(pages::import::upload).layer(
                axum::extract::DefaultBodyLimit::max(pages::import::MAX_UPLOAD),
            ),
        )
        .route("/static/{file}", get(assets::serve))
        .route("/static/vendor/{file}", get(assets::serve_vendor))
        .route("/pick", get(pages::pick::pick))
        .route("/search", get(pages::search::page))
        .route("/analytics", get(pages::analytics::page))
        .route("/progress", get(pages::progress::page))
        .route("/trash", get(pages::trash::page))
        .route("/trash/{id}/undelete", post(pages::trash::undelete))
        .route(
            "/records/{kind}",
            get(pages::list::page).post(pages::edit::create),
        )
        .route("/records/{kind}/new", get(pages::edit::new_page))
        .route(
            "/records/{kind}/{id}",
            get(pages::detail::page).post(pages::edit::update),
        )
        .route("/records/{kind}/{id}/edit", get(pages::edit::edit_page))
        .route("/records/{kind}/{id}/history", get(pages::history::page))
        .route(
            "/records/{kind}/{id}/restore/{version}",
            post(pages::history::restore),
        )
        .route("/records/{kind}/{id}/{step}", post(pages::edit::step))
        .merge(portal::routes(state.clone()))
        .merge(api::routes())
        .fallback(not_found)
        .layer(axum::middleware::from_fn(auth::same_origin_posts))
        .layer(axum::middleware::from_fn(security::headers))
        // Pages, CSV and JSON compress well; files already compressed (the vendored
        // scripts and boundaries) pass through as they are.
        .layer(tower_http::compression::CompressionLayer::new().gzip(true))
        .layer(axum::middleware::from_fn(metrics::track))
        .with_state(state)
}

/// Serves until Ctrl-C or SIGTERM, then lets requests in flight finish.
pub async fn serve(app: App, options: WebOptions, bind: SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind).await?;
    tracing::info!(address = %listener.local_addr()?, "serving");
    let service = router_with(app, options).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
    tracing::info!("shutting down");
}

async fn not_found(i18n::UiLang(lang): i18n::UiLang) -> Response {
    error::WebError::not_found(lang).into_response()
}

/// Healthy when the database answers.
async fn healthz(State(state): State<WebState>) -> Response {
    match state.app.stats().await {
        Ok(_) => Json(serde_json::json!({"status": "ok", "database": "ok"})).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({"status": "error", "database": e.to_string()})),
            )
                .into_response()
        }
    }
}

/// Sets the language cookie and goes back to where the visitor was.
async fn switch_language(
    Path(lang): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let Some(lang) = Lang::parse(&lang) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let next = q
        .get("next")
        .filter(|n| n.starts_with('/') && !n.starts_with("//"))
        .cloned()
        .unwrap_or_else(|| "/".into());
    let cookie = format!(
        "lang={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
        lang.as_str()
    );
    ([(header::SET_COOKIE, cookie)], Redirect::to(&next)).into_response()
}
