//! Static files embedded in the binary: our own (`static/`: stylesheet, page script, chart
//! script) and vendored third-party files (`static/vendor/`: Apache ECharts, the world map,
//! Redoc for the API reference, their licences; see `static/vendor/README.md`). Every file is served with an ETag and
//! `Cache-Control: no-cache`, so browsers revalidate cheaply; the two large vendored files
//! also come gzip-compressed (compressed once when vendored, not per request) to clients
//! that accept it. The operator may replace the world map ([`Boundaries`]).

use crate::WebState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use std::sync::LazyLock;

const JS: &str = "text/javascript; charset=utf-8";
const TEXT: &str = "text/plain; charset=utf-8";
const GEOJSON: &str = "application/geo+json";

const FILES: &[(&str, &str, &[u8])] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../static/app.css"),
    ),
    ("app.js", JS, include_bytes!("../static/app.js")),
    ("charts.js", JS, include_bytes!("../static/charts.js")),
];

/// The world map's file name under `/static/vendor/`.
pub const WORLD_MAP: &str = "world.geo.json";

/// A vendored file: its name under `/static/vendor/`, media type, bytes, and the same bytes
/// gzip-compressed (`*.gz` beside it, made when it was vendored) if it is worth it.
struct Vendored {
    name: &'static str,
    mime: &'static str,
    bytes: &'static [u8],
    gzip: Option<&'static [u8]>,
}

/// Every embedded file's address, for the portal's static export.
pub fn paths() -> Vec<String> {
    FILES
        .iter()
        .map(|(name, _, _)| format!("/static/{name}"))
        .chain(VENDOR.iter().map(|f| format!("/static/vendor/{}", f.name)))
        .collect()
}

const VENDOR: &[Vendored] = &[
    Vendored {
        name: "echarts.min.js",
        mime: JS,
        bytes: include_bytes!("../static/vendor/echarts.min.js"),
        gzip: Some(include_bytes!("../static/vendor/echarts.min.js.gz")),
    },
    Vendored {
        name: WORLD_MAP,
        mime: GEOJSON,
        bytes: include_bytes!("../static/vendor/world.geo.json"),
        gzip: Some(include_bytes!("../static/vendor/world.geo.json.gz")),
    },
    Vendored {
        name: "redoc.standalone.js",
        mime: JS,
        bytes: include_bytes!("../static/vendor/redoc.standalone.js"),
        gzip: Some(include_bytes!("../static/vendor/redoc.standalone.js.gz")),
    },
    Vendored {
        name: "redoc.LICENSE.txt",
        mime: TEXT,
        bytes: include_bytes!("../static/vendor/redoc.LICENSE.txt"),
        gzip: None,
    },
    Vendored {
        name: "redoc.standalone.js.LICENSE.txt",
        mime: TEXT,
        bytes: include_bytes!("../static/vendor/redoc.standalone.js.LICENSE.txt"),
        gzip: None,
    },
    Vendored {
        name: "echarts.LICENSE.txt",
        mime: TEXT,
        bytes: include_bytes!("../static/vendor/echarts.LICENSE.txt"),
        gzip: None,
    },
    Vendored {
        name: "echarts.LICENSE-d3.txt",
        mime: TEXT,
        bytes: include_bytes!("../static/vendor/echarts.LICENSE-d3.txt"),
        gzip: None,
    },
    Vendored {
        name: "echarts.NOTICE.txt",
        mime: TEXT,
        bytes: include_bytes!("../static/vendor/echarts.NOTICE.txt"),
        gzip: None,
    },
    Vendored {
        name: "world-atlas.LICENSE.txt",
        mime: TEXT,
        bytes: include_bytes!("../static/vendor/world-atlas.LICENSE.txt"),
        gzip: None,
    },
    Vendored {
        name: "topojson-client.LICENSE.txt",
        mime: TEXT,
        bytes: include_bytes!("../static/vendor/topojson-client.LICENSE.txt"),
        gzip: None,
    },
];

/// The vendored files' hashes, computed once (the large ones take a moment).
static VENDOR_HASHES: LazyLock<Vec<u64>> =
    LazyLock::new(|| VENDOR.iter().map(|f| hash(f.bytes)).collect());

/// A short content hash (FNV-1a), stable across builds for the same bytes.
fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The ETag of a file's bytes; the gzip-compressed representation gets its own.
fn etag(hash: u64, gzip: bool) -> String {
    if gzip {
        format!("\"{hash:016x}-gz\"")
    } else {
        format!("\"{hash:016x}\"")
    }
}

/// Whether `If-None-Match` names this file, in either representation (or is `*`).
fn not_modified(request: &HeaderMap, hash: u64) -> bool {
    let plain = etag(hash, false);
    let gzip = etag(hash, true);
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == "*" || tag == plain || tag == gzip)
}

/// Whether `Accept-Encoding` allows gzip (`gzip`, `x-gzip` or `*` with a non-zero q).
fn accepts_gzip(request: &HeaderMap) -> bool {
    let mut gzip = None;
    let mut any = None;
    for coding in request
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
    {
        let mut parts = coding.split(';');
        let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        match name.as_str() {
            "gzip" | "x-gzip" => gzip = Some(q > 0.0),
            "*" => any = Some(q > 0.0),
            _ => {}
        }
    }
    gzip.or(any).unwrap_or(false)
}

/// One file's response: 304 when the client has it, else the bytes (compressed when a
/// compressed copy is given and the client takes gzip).
fn respond(
    request: &HeaderMap,
    mime: &'static str,
    hash: u64,
    plain: Bytes,
    gzip: Option<Bytes>,
) -> Response {
    let has_variants = gzip.is_some();
    let compressed = gzip.filter(|_| accepts_gzip(request));
    let mut headers = HeaderMap::new();
    let tag = etag(hash, compressed.is_some());
    if let Ok(value) = HeaderValue::from_str(&tag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if has_variants {
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    if not_modified(request, hash) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    let body = match compressed {
        Some(bytes) => {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            bytes
        }
        None => plain,
    };
    (headers, body).into_response()
}

/// `/static/{file}`: our own stylesheet and scripts.
pub async fn serve(Path(file): Path<String>, request_headers: HeaderMap) -> Response {
    let Some((_, mime, bytes)) = FILES.iter().find(|(name, _, _)| *name == file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    respond(
        &request_headers,
        mime,
        hash(bytes),
        Bytes::from_static(bytes),
        None,
    )
}

/// `/static/vendor/{file}`: the vendored files; `world.geo.json` is the operator's
/// boundaries when they gave some (`--boundaries`), sent as they are (uncompressed).
pub async fn serve_vendor(
    State(state): State<WebState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    if file == WORLD_MAP {
        if let Some(boundaries) = &state.options.boundaries {
            return respond(
                &headers,
                GEOJSON,
                boundaries.hash,
                boundaries.bytes.clone(),
                None,
            );
        }
    }
    let Some(at) = VENDOR.iter().position(|f| f.name == file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let vendored = &VENDOR[at];
    respond(
        &headers,
        vendored.mime,
        VENDOR_HASHES[at],
        Bytes::from_static(vendored.bytes),
        vendored.gzip.map(Bytes::from_static),
    )
}

/// World boundaries supplied by the operator (`--boundaries FILE`, for instance an
/// officially approved base map), served as `/static/vendor/world.geo.json` instead of the
/// embedded map: a GeoJSON FeatureCollection whose features are Polygons or MultiPolygons,
/// each with an ISO 3166-1 alpha-2 `code` property (`"CN"`), which the charts match their
/// data on. Checked once, when loaded.
pub struct Boundaries {
    bytes: Bytes,
    hash: u64,
    features: usize,
}

impl std::fmt::Debug for Boundaries {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Boundaries")
            .field("bytes", &self.bytes.len())
            .field("features", &self.features)
            .finish()
    }
}

impl Boundaries {
    /// Reads and checks a boundary file; the error names the file and, for a bad feature,
    /// its index (from 0) and what is wrong with it.
    pub fn from_file(path: &std::path::Path) -> Result<Self, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Self::from_bytes(bytes, &path.display().to_string())
    }

    /// Checks boundaries held in memory; `origin` names them in the error.
    pub fn from_bytes(bytes: Vec<u8>, origin: &str) -> Result<Self, String> {
        let features = check_boundaries(&bytes).map_err(|e| format!("{origin}: {e}"))?;
        Ok(Self {
            hash: hash(&bytes),
            bytes: Bytes::from(bytes),
            features,
        })
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// How many features (countries) the file has.
    pub fn features(&self) -> usize {
        self.features
    }
}

/// Checks a boundary file's structure; returns its number of features.
fn check_boundaries(bytes: &[u8]) -> Result<usize, String> {
    let json: Value = serde_json::from_slice(bytes).map_err(|e| format!("not valid JSON: {e}"))?;
    match json.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => {}
        Some(other) => return Err(format!("type is \"{other}\", not \"FeatureCollection\"")),
        None => return Err("not a GeoJSON FeatureCollection (no \"type\")".into()),
    }
    let features = json
        .get("features")
        .and_then(Value::as_array)
        .ok_or("\"features\" is missing or not a list")?;
    if features.is_empty() {
        return Err("\"features\" is empty".into());
    }
    for (index, feature) in features.iter().enumerate() {
        check_feature(feature).map_err(|reason| format!("feature {index}: {reason}"))?;
    }
    Ok(features.len())
}

fn check_feature(feature: &Value) -> Result<(), String> {
    if feature.get("type").and_then(Value::as_str) != Some("Feature") {
        return Err("type is not \"Feature\"".into());
    }
    let geometry = feature
        .get("geometry")
        .filter(|g| g.is_object())
        .ok_or("no geometry")?;
    match geometry.get("type").and_then(Value::as_str) {
        Some("Polygon" | "MultiPolygon") => {}
        Some(other) => {
            return Err(format!(
                "geometry is a {other}, not a Polygon or MultiPolygon"
            ))
        }
        None => return Err("geometry has no type".into()),
    }
    if !geometry.get("coordinates").is_some_and(Value::is_array) {
        return Err("geometry has no coordinates".into());
    }
    let code = feature
        .get("properties")
        .and_then(|p| p.get("code"))
        .ok_or("properties.code is missing")?;
    let code = code.as_str().ok_or("properties.code is not text")?;
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(format!(
            "properties.code \"{code}\" is not an ISO 3166-1 alpha-2 code (two capital letters)"
        ));
    }
    Ok(())
}
