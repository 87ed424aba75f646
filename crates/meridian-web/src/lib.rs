//! HTTP front end. For now: `/healthz` and a plain bilingual page of record counts per
//! kind; the full web application is built on this router later.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use meridian_app::App;
use meridian_domain::Lang;
use std::net::SocketAddr;

/// The application's routes.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/", get(counts_page))
        .route("/healthz", get(healthz))
        .with_state(app)
}

/// Serves until Ctrl-C or SIGTERM, then lets requests in flight finish.
pub async fn serve(app: App, bind: SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind).await?;
    tracing::info!(address = %listener.local_addr()?, "serving");
    axum::serve(listener, router(app))
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

/// Healthy when the database answers.
async fn healthz(State(app): State<App>) -> Response {
    match app.stats().await {
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

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A plain page of counts per kind, in Chinese and English.
async fn counts_page(State(app): State<App>) -> Response {
    let counts = match app.stats().await {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "counts failed");
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                "database error / 数据库错误",
            )
                .into_response();
        }
    };
    let rows: String = counts
        .iter()
        .map(|(kind, n)| {
            format!(
                "<tr><th scope=\"row\">{} <span lang=\"en\">{}</span></th><td>{n}</td></tr>\n",
                escape(kind.label(Lang::Zh)),
                escape(kind.label(Lang::En))
            )
        })
        .collect();
    let total: u64 = counts.values().sum();
    let page = format!(
        "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Meridian — 记录统计 Record counts</title></head>\n<body><main>\
         <h1>Meridian：记录统计 <span lang=\"en\">Record counts</span></h1>\n\
         <table><thead><tr><th scope=\"col\">类型 Kind</th><th scope=\"col\">数量 Count</th></tr></thead><tbody>\n{rows}</tbody>\
         <tfoot><tr><th scope=\"row\">合计 Total</th><td>{total}</td></tr></tfoot></table></main></body></html>\n"
    );
    ([(header::CACHE_CONTROL, "no-store")], Html(page)).into_response()
}
