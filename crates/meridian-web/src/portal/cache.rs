//! The portal's page cache: a rendered page is kept with the number of changes the records
//! had seen when it was rendered (`App::changes`) and served again until a record is
//! created, changed, approved, withdrawn or deleted. Each page carries an ETag made of
//! that number and its content, so a browser that has it gets `304 Not Modified`.

use crate::WebState;
use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::Mutex;

/// Pages bigger than this are served but not kept.
const MAX_PAGE_BYTES: usize = 4 << 20;
/// At most this many pages are kept; the cache empties when it is full.
const MAX_PAGES: usize = 2_000;

#[derive(Clone)]
struct Kept {
    changes: u64,
    etag: HeaderValue,
    content_type: HeaderValue,
    body: Bytes,
}

#[derive(Default)]
pub struct PageCache {
    pages: Mutex<HashMap<String, Kept>>,
}

fn etag(changes: u64, body: &[u8]) -> HeaderValue {
    let hash = body.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    });
    HeaderValue::from_str(&format!("\"{changes:x}-{hash:016x}\""))
        .unwrap_or(HeaderValue::from_static("\"0\""))
}

fn answer(kept: &Kept, if_none_match: Option<&HeaderValue>) -> Response {
    let mut response = if if_none_match == Some(&kept.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut r = Response::new(Body::from(kept.body.clone()));
        r.headers_mut()
            .insert(header::CONTENT_TYPE, kept.content_type.clone());
        r
    };
    let headers = response.headers_mut();
    headers.insert(header::ETAG, kept.etag.clone());
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, no-cache"),
    );
    response
}

/// Serves portal pages from the cache, or renders and keeps them.
pub async fn cached(State(state): State<WebState>, request: Request, next: Next) -> Response {
    // Only reading is cached: a form sent to the same address must reach its handler.
    if request.method() != axum::http::Method::GET {
        return next.run(request).await;
    }
    let key = request.uri().to_string();
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let changes = state.app.changes();
    let cache = &state.portal_cache;
    let hit = cache
        .pages
        .lock()
        .ok()
        .and_then(|pages| pages.get(&key).filter(|k| k.changes == changes).cloned());
    if let Some(kept) = hit {
        return answer(&kept, if_none_match.as_ref());
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(body) = to_bytes(body, MAX_PAGE_BYTES).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let kept = Kept {
        changes,
        etag: etag(changes, &body),
        content_type: parts
            .headers
            .get(header::CONTENT_TYPE)
            .cloned()
            .unwrap_or(HeaderValue::from_static("text/html; charset=utf-8")),
        body,
    };
    if let Ok(mut pages) = cache.pages.lock() {
        if pages.len() >= MAX_PAGES {
            pages.clear();
        }
        pages.insert(key, kept.clone());
    }
    answer(&kept, if_none_match.as_ref())
}
