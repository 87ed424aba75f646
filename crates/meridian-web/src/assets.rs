//! Static files (stylesheet, page script) embedded in the binary, served with an ETag so
//! browsers revalidate cheaply.

use axum::extract::Path;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

const FILES: &[(&str, &str, &[u8])] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../static/app.css"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/app.js"),
    ),
];

/// A short content hash (FNV-1a), stable across builds for the same bytes.
fn etag(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("\"{hash:016x}\"")
}

pub async fn serve(Path(file): Path<String>, request_headers: HeaderMap) -> Response {
    let Some((_, mime, bytes)) = FILES.iter().find(|(name, _, _)| *name == file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let tag = etag(bytes);
    let cache = [
        (header::ETAG, tag.clone()),
        (header::CACHE_CONTROL, "no-cache".to_string()),
    ];
    if request_headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        == Some(tag.as_str())
    {
        return (StatusCode::NOT_MODIFIED, cache).into_response();
    }
    (cache, [(header::CONTENT_TYPE, *mime)], *bytes).into_response()
}

/// World boundaries supplied by the operator: a GeoJSON FeatureCollection whose features
/// carry an ISO 3166-1 alpha-2 `code` property. (Placeholder until the map assets land.)
pub struct Boundaries {
    pub bytes: Vec<u8>,
}

impl Boundaries {
    pub fn from_file(path: &std::path::Path) -> Result<Self, String> {
        std::fs::read(path)
            .map(|bytes| Self { bytes })
            .map_err(|e| format!("{}: {e}", path.display()))
    }
}

pub async fn serve_vendor(Path(_file): Path<String>) -> Response {
    StatusCode::NOT_FOUND.into_response()
}
