//! Operations: a structured log line per request and Prometheus metrics at `/metrics`
//! (requests by route and status, latency histogram, server errors, database pool).

use crate::WebState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::{LazyLock, Mutex};
use std::time::Instant;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 11] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];

#[derive(Default)]
struct Registry {
    /// (method, route, status) → count
    requests: BTreeMap<(String, String, u16), u64>,
    /// Count of requests at or under each bucket bound, then the total.
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum_seconds: f64,
    errors: u64,
}

static REGISTRY: LazyLock<Mutex<Registry>> = LazyLock::new(|| Mutex::new(Registry::default()));

/// Times and counts every request, and logs it.
pub async fn track(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().to_string();
    let path = request.uri().path().to_string();
    // The route template ("/records/{kind}/{id}") keeps the label set small.
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_else(|| "unmatched".into());
    let response = next.run(request).await;
    let status = response.status().as_u16();
    let seconds = started.elapsed().as_secs_f64();
    if let Ok(mut r) = REGISTRY.lock() {
        *r.requests
            .entry((method.clone(), route.clone(), status))
            .or_default() += 1;
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                r.buckets[i] += 1;
            }
        }
        r.count += 1;
        r.sum_seconds += seconds;
        if status >= 500 {
            r.errors += 1;
        }
    }
    tracing::info!(target: "meridian::request", method, path, route, status, ms = seconds * 1000.0, "request");
    response
}

/// The metrics in Prometheus text format.
pub async fn render(State(state): State<WebState>) -> Response {
    let mut out = String::new();
    if let Ok(r) = REGISTRY.lock() {
        out.push_str(
            "# HELP meridian_http_requests_total HTTP requests by method, route and status.\n",
        );
        out.push_str("# TYPE meridian_http_requests_total counter\n");
        for ((method, route, status), n) in &r.requests {
            let _ = writeln!(out, "meridian_http_requests_total{{method=\"{method}\",route=\"{route}\",status=\"{status}\"}} {n}");
        }
        out.push_str("# HELP meridian_http_request_duration_seconds Time to answer a request.\n");
        out.push_str("# TYPE meridian_http_request_duration_seconds histogram\n");
        for (bound, n) in BUCKETS.iter().zip(r.buckets.iter()) {
            let _ = writeln!(
                out,
                "meridian_http_request_duration_seconds_bucket{{le=\"{bound}\"}} {n}"
            );
        }
        let _ = writeln!(
            out,
            "meridian_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}",
            r.count
        );
        let _ = writeln!(
            out,
            "meridian_http_request_duration_seconds_sum {}",
            r.sum_seconds
        );
        let _ = writeln!(
            out,
            "meridian_http_request_duration_seconds_count {}",
            r.count
        );
        out.push_str("# HELP meridian_http_server_errors_total Responses with a 5xx status.\n");
        out.push_str("# TYPE meridian_http_server_errors_total counter\n");
        let _ = writeln!(out, "meridian_http_server_errors_total {}", r.errors);
    }
    let pool = state.app.store().pool_status();
    out.push_str("# HELP meridian_db_pool_connections Database connections open in the pool.\n");
    out.push_str("# TYPE meridian_db_pool_connections gauge\n");
    let _ = writeln!(out, "meridian_db_pool_connections {}", pool.open);
    out.push_str(
        "# HELP meridian_db_pool_idle_connections Open database connections not in use.\n",
    );
    out.push_str("# TYPE meridian_db_pool_idle_connections gauge\n");
    let _ = writeln!(out, "meridian_db_pool_idle_connections {}", pool.idle);
    let _ = writeln!(out, "# HELP meridian_db_pool_max_connections The pool's limit.\n# TYPE meridian_db_pool_max_connections gauge\nmeridian_db_pool_max_connections {}", pool.max);
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        out,
    )
        .into_response()
}
