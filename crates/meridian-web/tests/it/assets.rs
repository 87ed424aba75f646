//! Static and vendored files: media types, ETags and 304s, gzip, the embedded world map,
//! and operator-supplied boundaries (checked when loaded, served instead of the map).

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use meridian_app::App;
use meridian_test_support::{Backend, TestDb};
use meridian_web::assets::Boundaries;
use meridian_web::WebOptions;
use serde_json::{json, Value};
use std::collections::HashSet;
use std::sync::Arc;
use tower::ServiceExt;

const VENDOR_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/static/vendor");

/// A router over an empty database: static files need no data and no user.
async fn site(options: WebOptions) -> (Router, TestDb) {
    let db = TestDb::new(Backend::Sqlite).await;
    let app = App::new(db.open().await);
    (meridian_web::router_with(app, options), db)
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: header::HeaderName) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }
}

async fn get(router: &Router, path: &str, headers: &[(header::HeaderName, &str)]) -> Reply {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    let response = router
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), 16 << 20)
        .await
        .unwrap()
        .to_vec();
    Reply {
        status,
        headers,
        body,
    }
}

fn vendored(file: &str) -> Vec<u8> {
    std::fs::read(format!("{VENDOR_DIR}/{file}")).unwrap()
}

#[tokio::test]
async fn vendored_and_own_files_are_served_with_their_type_and_an_etag() {
    let (router, _db) = site(WebOptions::default()).await;
    let cases = [
        (
            "/static/vendor/echarts.min.js",
            "text/javascript; charset=utf-8",
        ),
        ("/static/vendor/world.geo.json", "application/geo+json"),
        (
            "/static/vendor/echarts.LICENSE.txt",
            "text/plain; charset=utf-8",
        ),
        (
            "/static/vendor/echarts.LICENSE-d3.txt",
            "text/plain; charset=utf-8",
        ),
        (
            "/static/vendor/echarts.NOTICE.txt",
            "text/plain; charset=utf-8",
        ),
        (
            "/static/vendor/world-atlas.LICENSE.txt",
            "text/plain; charset=utf-8",
        ),
        (
            "/static/vendor/topojson-client.LICENSE.txt",
            "text/plain; charset=utf-8",
        ),
        ("/static/charts.js", "text/javascript; charset=utf-8"),
        ("/static/app.js", "text/javascript; charset=utf-8"),
        ("/static/app.css", "text/css; charset=utf-8"),
    ];
    for (path, mime) in cases {
        let reply = get(&router, path, &[]).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.header(header::CONTENT_TYPE), Some(mime), "{path}");
        assert_eq!(
            reply.header(header::CACHE_CONTROL),
            Some("no-cache"),
            "{path}"
        );
        assert_eq!(reply.header(header::CONTENT_ENCODING), None, "{path}");
        let tag = reply.header(header::ETAG).unwrap();
        assert!(tag.starts_with('"') && tag.ends_with('"'), "{path}: {tag}");
        assert!(!reply.body.is_empty(), "{path}");
    }
    let echarts = get(&router, "/static/vendor/echarts.min.js", &[]).await;
    assert_eq!(echarts.body, vendored("echarts.min.js"));
}

#[tokio::test]
async fn a_matching_etag_gives_304_and_unknown_files_404() {
    let (router, _db) = site(WebOptions::default()).await;
    for path in ["/static/vendor/world.geo.json", "/static/charts.js"] {
        let first = get(&router, path, &[]).await;
        let tag = first.header(header::ETAG).unwrap().to_string();
        let again = get(&router, path, &[(header::IF_NONE_MATCH, &tag)]).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path}");
        assert!(again.body.is_empty());
        assert_eq!(again.header(header::ETAG), Some(tag.as_str()));
        let stale = get(&router, path, &[(header::IF_NONE_MATCH, "\"0000\"")]).await;
        assert_eq!(stale.status, StatusCode::OK, "{path}");
    }
    for path in [
        "/static/vendor/nope.js",
        "/static/vendor/README.md",
        "/static/vendor/echarts.min.js.gz",
        "/static/vendor/..%2Fapp.css",
        "/static/nope.css",
    ] {
        assert_eq!(
            get(&router, path, &[]).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

/// CRC-32 (IEEE), as in a gzip trailer.
fn crc32(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!0u32, |mut crc, b| {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
        crc
    })
}

#[tokio::test]
async fn large_vendored_files_come_gzipped_to_clients_that_take_gzip() {
    let (router, _db) = site(WebOptions::default()).await;
    for file in ["echarts.min.js", "world.geo.json"] {
        let path = format!("/static/vendor/{file}");
        let plain = get(&router, &path, &[]).await;
        let zipped = get(
            &router,
            &path,
            &[(header::ACCEPT_ENCODING, "gzip, deflate, br")],
        )
        .await;
        assert_eq!(zipped.status, StatusCode::OK);
        assert_eq!(
            zipped.header(header::CONTENT_ENCODING),
            Some("gzip"),
            "{file}"
        );
        assert_eq!(zipped.header(header::VARY), Some("accept-encoding"));
        assert_eq!(plain.header(header::VARY), Some("accept-encoding"));
        assert_ne!(zipped.header(header::ETAG), plain.header(header::ETAG));
        assert!(zipped.body.len() < plain.body.len() / 2, "{file}");
        // The compressed copy is of exactly these bytes: the gzip trailer holds their
        // CRC-32 and length.
        let body = &zipped.body;
        assert_eq!(&body[..2], &[0x1f, 0x8b], "{file}: gzip magic");
        let trailer = &body[body.len() - 8..];
        let crc = u32::from_le_bytes(trailer[..4].try_into().unwrap());
        let size = u32::from_le_bytes(trailer[4..].try_into().unwrap());
        assert_eq!(crc, crc32(&plain.body), "{file}: .gz is stale, rebuild it");
        assert_eq!(size as usize, plain.body.len(), "{file}: .gz is stale");
        // Either representation's tag revalidates.
        let tag = zipped.header(header::ETAG).unwrap();
        let again = get(&router, &path, &[(header::IF_NONE_MATCH, tag)]).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);
        let refused = get(&router, &path, &[(header::ACCEPT_ENCODING, "gzip;q=0, br")]).await;
        assert_eq!(refused.header(header::CONTENT_ENCODING), None);
        assert_eq!(refused.body, plain.body);
    }
    // Smaller files have no stored copy: the router's compression layer gzips them.
    let small = get(
        &router,
        "/static/charts.js",
        &[(header::ACCEPT_ENCODING, "gzip")],
    )
    .await;
    assert_eq!(small.header(header::CONTENT_ENCODING), Some("gzip"));
}

#[tokio::test]
async fn the_embedded_world_map_has_one_feature_per_iso_code_and_taiwan_within_china() {
    let (router, _db) = site(WebOptions::default()).await;
    let reply = get(&router, "/static/vendor/world.geo.json", &[]).await;
    let map: Value = serde_json::from_slice(&reply.body).unwrap();
    assert_eq!(map["type"], "FeatureCollection");
    let features = map["features"].as_array().unwrap();
    assert!(features.len() >= 170, "{} features", features.len());
    let mut codes = HashSet::new();
    for feature in features {
        let properties = feature["properties"].as_object().unwrap();
        assert_eq!(properties.len(), 2, "only code and name: {properties:?}");
        let code = properties["code"].as_str().unwrap();
        assert!(
            code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()),
            "{code}"
        );
        assert!(!properties["name"].as_str().unwrap().is_empty(), "{code}");
        assert!(codes.insert(code.to_string()), "{code} twice");
        let kind = feature["geometry"]["type"].as_str().unwrap();
        assert!(
            kind == "Polygon" || kind == "MultiPolygon",
            "{code}: {kind}"
        );
    }
    for code in ["CN", "HK", "MO", "IN", "US", "FR", "ZA", "BR", "XK"] {
        assert!(codes.contains(code), "{code} missing");
    }
    assert!(!codes.contains("TW"), "Taiwan is drawn as part of China");
    assert!(reply.body.len() < 2 << 20, "{} bytes", reply.body.len());
    // And it passes the checks an operator's file must pass.
    let path = std::path::Path::new(VENDOR_DIR).join("world.geo.json");
    assert_eq!(
        Boundaries::from_file(&path).unwrap().features(),
        features.len()
    );
}

fn square(code: Value) -> Value {
    json!({
        "type": "Feature",
        "properties": {"code": code, "name": "Somewhere"},
        "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    })
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn collection(features: Vec<Value>) -> String {
    json!({"type": "FeatureCollection", "features": features}).to_string()
}

#[test]
fn boundaries_are_checked_and_refusals_name_the_file_and_feature() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(
        &dir,
        "good.geo.json",
        &collection(vec![square(json!("CN")), square(json!("FR"))]),
    );
    assert_eq!(Boundaries::from_file(&good).unwrap().features(), 2);

    let cases: Vec<(&str, String, &str)> = vec![
        (
            "no-code.geo.json",
            collection(vec![
                square(json!("CN")),
                json!({"type": "Feature", "properties": {"name": "X"},
                       "geometry": {"type": "Polygon", "coordinates": []}}),
            ]),
            "feature 1: properties.code is missing",
        ),
        (
            "lower.geo.json",
            collection(vec![square(json!("cn"))]),
            "feature 0: properties.code \"cn\"",
        ),
        (
            "number.geo.json",
            collection(vec![square(json!("CN")), square(json!(156))]),
            "feature 1: properties.code is not text",
        ),
        (
            "point.geo.json",
            collection(vec![
                json!({"type": "Feature", "properties": {"code": "CN"},
                                   "geometry": {"type": "Point", "coordinates": [0, 0]}}),
            ]),
            "feature 0: geometry is a Point",
        ),
        (
            "not-feature.geo.json",
            collection(vec![json!({"type": "Polygon", "coordinates": []})]),
            "feature 0: type is not \"Feature\"",
        ),
        (
            "empty.geo.json",
            collection(vec![]),
            "\"features\" is empty",
        ),
        (
            "geometry.geo.json",
            json!({"type": "Polygon", "coordinates": []}).to_string(),
            "not \"FeatureCollection\"",
        ),
        (
            "text.geo.json",
            "countries, please".into(),
            "not valid JSON",
        ),
    ];
    for (name, text, reason) in cases {
        let path = write(&dir, name, &text);
        let error = Boundaries::from_file(&path).unwrap_err();
        assert!(error.contains(name), "{error}");
        assert!(error.contains(reason), "{name}: {error}");
    }
    let missing = Boundaries::from_file(&dir.path().join("absent.json")).unwrap_err();
    assert!(missing.contains("absent.json"), "{missing}");
}

#[tokio::test]
async fn the_operators_boundaries_are_served_instead_of_the_embedded_map() {
    let dir = tempfile::tempdir().unwrap();
    let text = collection(vec![square(json!("CN"))]);
    let path = write(&dir, "approved.geo.json", &text);
    let boundaries = Boundaries::from_file(&path).unwrap();
    let (router, _db) = site(WebOptions {
        boundaries: Some(Arc::new(boundaries)),
    })
    .await;
    let reply = get(&router, "/static/vendor/world.geo.json", &[]).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, text.as_bytes());
    assert_eq!(
        reply.header(header::CONTENT_TYPE),
        Some("application/geo+json")
    );
    assert_eq!(reply.header(header::CONTENT_ENCODING), None);
    let tag = reply.header(header::ETAG).unwrap().to_string();
    let again = get(
        &router,
        "/static/vendor/world.geo.json",
        &[(header::IF_NONE_MATCH, &tag)],
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    // The other vendored files are still the embedded ones.
    let echarts = get(&router, "/static/vendor/echarts.min.js", &[]).await;
    assert_eq!(echarts.status, StatusCode::OK);
}
