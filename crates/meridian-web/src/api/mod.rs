//! The HTTP JSON API under `/api/v1`: records of every kind (list with the pages' filters
//! and search, read, create, update and delete with version checks, history, restore,
//! undelete), plans and figures through the one computation path, the caller's personal
//! tokens, and the OpenAPI 3.1 document with its reference page. Errors are
//! `{code, message, fields}` (`error.rs`); callers are identified by token (`auth.rs`).

mod auth;
mod docs;
mod error;
mod figures;
pub mod openapi;
mod records;
mod schema;
mod tokens;

use crate::WebState;
use axum::http::StatusCode;
use axum::routing::{delete, get, post, MethodRouter};
use axum::Router;
use error::ApiError;
pub(crate) use records::record_json;

/// Every route below `/api/v1`, with the methods it answers.
fn table() -> Vec<(&'static str, MethodRouter<WebState>)> {
    vec![
        ("/openapi.json", get(openapi::serve)),
        ("/docs", get(docs::page)),
        ("/records/{kind}", get(records::list).post(records::create)),
        (
            "/records/{kind}/{id}",
            get(records::read)
                .put(records::update)
                .delete(records::delete),
        ),
        ("/records/{kind}/{id}/history", get(records::history)),
        ("/records/{kind}/{id}/restore", post(records::restore)),
        ("/records/{kind}/{id}/undelete", post(records::undelete)),
        ("/plans", get(figures::plans)),
        ("/plans/{plan}/progress", get(figures::progress)),
        ("/figures", get(figures::figures)),
        ("/tokens", get(tokens::list).post(tokens::create)),
        ("/tokens/{token}", delete(tokens::revoke)),
    ]
}

/// The paths the API answers, below `/api/v1` (for the test that compares them with the
/// OpenAPI document).
pub fn paths() -> Vec<&'static str> {
    table().into_iter().map(|(path, _)| path).collect()
}

pub fn routes() -> Router<WebState> {
    let api = table()
        .into_iter()
        .fold(Router::new(), |router, (path, methods)| {
            router.route(path, methods)
        })
        .fallback(no_route);
    Router::new().nest("/api/v1", api)
}

async fn no_route() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "no_route",
        "no such API address; see /api/v1/openapi.json",
    )
}
