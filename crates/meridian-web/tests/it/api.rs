//! The JSON API under /api/v1: tokens, records through their whole life, errors with their
//! fields, lists like the pages', figures from the one path, and the OpenAPI document
//! naming exactly the routes the server answers.

use crate::support::{nmu, Page, Site};
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use meridian_app::analytics::{Dimension, Selection};
use meridian_domain::RecordKind;
use serde_json::{json, Value};

/// A token of the demo user `name` (NMU), made as the account page makes it.
async fn token(site: &Site, name: &str) -> String {
    let user = site.app.store().user_by_name(name).await.unwrap().unwrap();
    let principal = site.app.principal(&user).await.unwrap();
    site.app
        .create_token(&principal, "tests")
        .await
        .unwrap()
        .secret
}

async fn call(
    site: &Site,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, Value, Page) {
    call_in(site, method, path, token, body, "en").await
}

async fn call_in(
    site: &Site,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
    lang: &str,
) -> (StatusCode, Value, Page) {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::ACCEPT_LANGUAGE, lang);
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let request = match body {
        Some(body) => request
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string())),
        None => request.body(Body::empty()),
    }
    .unwrap();
    let page = site.send(request).await;
    let value = serde_json::from_str(&page.body).unwrap_or(Value::Null);
    (page.status, value, page)
}

fn organization(en: &str) -> Value {
    json!({"name": {"zh": "测试大学", "en": en}, "org_type": "university", "country": "FR"})
}

#[tokio::test]
async fn tokens_are_made_listed_and_revoked_and_act_with_their_users_roles() {
    let site = Site::anonymous().await;
    let (status, body, _) = call(&site, Method::GET, "/api/v1/tokens", None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "token_required");

    let first = token(&site, "editor").await;
    let (status, made, _) = call(
        &site,
        Method::POST,
        "/api/v1/tokens",
        Some(&first),
        Some(json!({"name": "nightly export"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let second = made["secret"].as_str().unwrap().to_string();
    assert!(second.starts_with("mrd_") && second.len() == 68, "{second}");
    assert!(second.starts_with(made["prefix"].as_str().unwrap()));

    let (_, listed, _) = call(&site, Method::GET, "/api/v1/tokens", Some(&second), None).await;
    let items = listed["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{listed}");
    assert!(
        items.iter().all(|t| t.get("secret").is_none()),
        "secrets are never listed"
    );
    // Another user does not see them, and cannot revoke them.
    let viewer = token(&site, "viewer").await;
    let (_, theirs, _) = call(&site, Method::GET, "/api/v1/tokens", Some(&viewer), None).await;
    assert_eq!(theirs["items"].as_array().unwrap().len(), 1);
    let id = made["id"].as_str().unwrap();
    let (status, _, _) = call(
        &site,
        Method::DELETE,
        &format!("/api/v1/tokens/{id}"),
        Some(&viewer),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, revoked, _) = call(
        &site,
        Method::DELETE,
        &format!("/api/v1/tokens/{id}"),
        Some(&first),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{revoked}");
    assert!(revoked["revoked_at"].is_string());
    let (status, body, _) = call(&site, Method::GET, "/api/v1/tokens", Some(&second), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "bad_token");

    // A viewer's token reads but cannot write, as the viewer cannot.
    let (status, _, _) = call(
        &site,
        Method::GET,
        "/api/v1/records/organization",
        Some(&viewer),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body, _) = call(
        &site,
        Method::POST,
        "/api/v1/records/organization",
        Some(&viewer),
        Some(json!({"data": organization("Viewer University")})),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["code"], "forbidden");
}

#[tokio::test]
async fn a_record_is_created_read_updated_deleted_and_restored_with_version_checks() {
    let site = Site::anonymous().await;
    let editor = token(&site, "editor").await;
    let (status, created, page) = call(
        &site,
        Method::POST,
        "/api/v1/records/organization",
        Some(&editor),
        Some(json!({"data": organization("API University")})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap().to_string();
    let address = format!("/api/v1/records/organization/{id}");
    assert_eq!(page.location.as_deref(), Some(address.as_str()));
    assert_eq!(created["approval"], "draft");
    assert_eq!(created["unit"], nmu().to_string(), "the caller's unit");
    assert_eq!(created["version"], 1);

    let (_, read, _) = call(&site, Method::GET, &address, Some(&editor), None).await;
    assert_eq!(read["data"]["name"]["en"], "API University");

    let renamed = json!({"version": 1, "data": organization("API University, renamed")});
    let (status, updated, _) = call(
        &site,
        Method::PUT,
        &address,
        Some(&editor),
        Some(renamed.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["version"], 2);
    // The same change again is based on a stale version: refused, nothing overwritten.
    let (status, stale, _) = call(&site, Method::PUT, &address, Some(&editor), Some(renamed)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{stale}");
    assert_eq!(stale["code"], "conflict");

    let (_, history, _) = call(
        &site,
        Method::GET,
        &format!("{address}/history"),
        Some(&editor),
        None,
    )
    .await;
    let entries = history["items"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[1]["before"]["data"]["name"]["en"], "API University");

    let (status, restored, _) = call(
        &site,
        Method::POST,
        &format!("{address}/restore"),
        Some(&editor),
        Some(json!({"version": 1, "expected_version": 2})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{restored}");
    assert_eq!(restored["version"], 3);
    assert_eq!(restored["data"]["name"]["en"], "API University");

    let (status, missing, _) = call(&site, Method::DELETE, &address, Some(&editor), None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(missing["fields"][0]["field"], "version");
    let (status, deleted, _) = call(
        &site,
        Method::DELETE,
        &format!("{address}?version=3"),
        Some(&editor),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{deleted}");
    assert!(deleted["deleted_at"].is_string());
    let (_, list, _) = call(
        &site,
        Method::GET,
        "/api/v1/records/organization?q=&per_page=500",
        Some(&editor),
        None,
    )
    .await;
    assert!(
        !list.to_string().contains(&id),
        "a deleted record is not listed"
    );
    let (status, back, _) = call(
        &site,
        Method::POST,
        &format!("{address}/undelete"),
        Some(&editor),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{back}");
    assert!(back["deleted_at"].is_null());
}

#[tokio::test]
async fn invalid_content_is_refused_naming_each_field_in_the_callers_language() {
    let site = Site::anonymous().await;
    let editor = token(&site, "editor").await;
    let bad =
        json!({"data": {"name": {"zh": "", "en": ""}, "org_type": "university", "country": "XX"}});
    let (status, en, _) = call_in(
        &site,
        Method::POST,
        "/api/v1/records/organization",
        Some(&editor),
        Some(bad.clone()),
        "en",
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{en}");
    assert_eq!(en["code"], "invalid");
    let fields: Vec<&str> = en["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert!(fields.iter().any(|f| f.ends_with("name")), "{fields:?}");
    assert!(fields.iter().any(|f| f.ends_with("country")), "{fields:?}");
    let (_, zh, _) = call_in(
        &site,
        Method::POST,
        "/api/v1/records/organization",
        Some(&editor),
        Some(bad),
        "zh-CN",
    )
    .await;
    let message = zh["fields"][0]["message"].as_str().unwrap();
    assert!(
        message
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "in Chinese: {message}"
    );

    let (status, body, _) = call(
        &site,
        Method::POST,
        "/api/v1/records/organization",
        Some(&editor),
        Some(json!({"data": {"name": {"en": "x"}, "org_type": "castle"}})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["message"].as_str().unwrap().contains("castle"),
        "{body}"
    );
    let (status, body, _) = call(
        &site,
        Method::GET,
        "/api/v1/records/castle",
        Some(&editor),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, body, _) = call(
        &site,
        Method::GET,
        "/api/v1/nothing-here",
        Some(&editor),
        None,
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("no_route"))
    );
}

#[tokio::test]
async fn lists_filter_search_and_page_as_the_list_pages_do() {
    let mut site = Site::with_demo_and_search().await;
    let editor = token(&site, "editor").await;
    let (_, all, _) = call(
        &site,
        Method::GET,
        "/api/v1/records/organization?country=US&per_page=500",
        Some(&editor),
        None,
    )
    .await;
    let total = all["total"].as_u64().unwrap();
    assert!(total >= 2, "{all}");
    assert!(all["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["data"]["country"] == "US"));
    site.sign_in("editor").await;
    let page = site.get("/records/organization?country=US").await;
    assert!(
        page.body.contains(&format!("{total} records")),
        "the page counts the same: {total}"
    );

    let (_, first, _) = call(
        &site,
        Method::GET,
        "/api/v1/records/organization?country=US&per_page=1",
        Some(&editor),
        None,
    )
    .await;
    let (_, second, _) = call(
        &site,
        Method::GET,
        "/api/v1/records/organization?country=US&per_page=1&page=2",
        Some(&editor),
        None,
    )
    .await;
    assert_eq!(first["items"].as_array().unwrap().len(), 1);
    assert_ne!(first["items"][0]["id"], second["items"][0]["id"]);

    let (status, found, _) = call(
        &site,
        Method::GET,
        "/api/v1/records/organization?q=Johns%20Hopkins",
        Some(&editor),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{found}");
    assert_eq!(
        found["items"][0]["title"]["en"], "Johns Hopkins University",
        "{found}"
    );
    let (_, status_filtered, _) = call(
        &site,
        Method::GET,
        "/api/v1/records/membership?status=ended",
        Some(&editor),
        None,
    )
    .await;
    assert!(status_filtered["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["data"]["status"] == "ended"));
}

#[tokio::test]
async fn figures_and_progress_are_the_apps_own() {
    let site = Site::anonymous().await;
    let viewer = token(&site, "viewer").await;
    let (_, plans, _) = call(&site, Method::GET, "/api/v1/plans", Some(&viewer), None).await;
    let plan = plans["items"][0]["id"].as_str().unwrap().to_string();
    let (status, progress, _) = call(
        &site,
        Method::GET,
        &format!("/api/v1/plans/{plan}/progress"),
        Some(&viewer),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let expected = site
        .app
        .plan_progress(Some(plan.parse().unwrap()))
        .await
        .unwrap();
    assert_eq!(progress, serde_json::to_value(&expected).unwrap());

    let (_, by_country, _) = call(
        &site,
        Method::GET,
        "/api/v1/figures?kind=centre&by=country",
        Some(&viewer),
        None,
    )
    .await;
    let expected = site
        .app
        .analytics(|a| a.breakdown(&Selection::of_kind(RecordKind::Centre), Dimension::Country))
        .await
        .unwrap();
    assert_eq!(by_country, serde_json::to_value(&expected).unwrap());
    assert!(by_country["total"]["value"].as_u64().unwrap() > 0);
    let (status, body, _) = call(
        &site,
        Method::GET,
        "/api/v1/figures?by=colour",
        Some(&viewer),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
}

#[tokio::test]
async fn a_session_cookie_may_read_but_not_write() {
    let mut site = Site::anonymous().await;
    site.sign_in("editor").await;
    let read = site.get("/api/v1/records/news").await;
    assert_eq!(read.status, StatusCode::OK);
    let write = site.post("/api/v1/records/news", &[]).await;
    assert_eq!(write.status, StatusCode::UNAUTHORIZED, "{}", write.body);
}

/// Every operation the document describes is answered (not 404 or 405), every path the
/// router answers is in the document, and no method the document leaves out is answered.
#[tokio::test]
async fn the_openapi_document_names_exactly_the_routes_the_server_answers() {
    let site = Site::anonymous().await;
    let (status, doc, _) = call(&site, Method::GET, "/api/v1/openapi.json", None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.1.0");
    let documented: std::collections::BTreeSet<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let routed: std::collections::BTreeSet<&str> = meridian_web::api_paths().into_iter().collect();
    assert_eq!(
        documented, routed,
        "paths in the document and in the router"
    );
    let fill = |path: &str| {
        path.replace("{kind}", "organization")
            .replace("{id}", "0190e6a0-0000-7000-8000-000000000000")
            .replace("{plan}", "0190e6a0-0000-7000-8000-000000000000")
            .replace("{token}", "0000")
    };
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in ["get", "post", "put", "delete", "patch"] {
            let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let (status, body, _) =
                call(&site, m, &format!("/api/v1{}", fill(path)), None, None).await;
            if item.get(method).is_some() {
                assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
                assert_ne!(body["code"], "no_route", "{method} {path}");
            } else {
                assert_eq!(
                    status,
                    StatusCode::METHOD_NOT_ALLOWED,
                    "{method} {path} is not documented but answered"
                );
            }
        }
    }
    // Each kind's data has a schema drawn from the domain's field list.
    let organization = &doc["components"]["schemas"]["Data.organization"];
    assert!(organization["required"]
        .as_array()
        .unwrap()
        .contains(&json!("name")));
    assert_eq!(
        organization["properties"]["name"]["$ref"],
        "#/components/schemas/LocalizedText"
    );
}

#[tokio::test]
async fn the_reference_page_draws_the_document_with_the_vendored_redoc() {
    let site = Site::anonymous().await;
    let page = site.get("/api/v1/docs").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("spec-url=\"/api/v1/openapi.json\""));
    assert!(page
        .body
        .contains("src=\"/static/vendor/redoc.standalone.js\""));
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self';"), "{csp}");
    let script = site.get("/static/vendor/redoc.standalone.js").await;
    assert_eq!(script.status, StatusCode::OK);
    assert!(script.body.len() > 1_000_000);
    let home = site.get("/portal/en/").await;
    let strict = home.headers["content-security-policy"].to_str().unwrap();
    assert!(
        !strict.contains("unsafe-inline"),
        "other pages keep the strict policy"
    );
}

#[tokio::test]
async fn the_account_page_makes_shows_once_and_revokes_a_token_that_then_works_and_stops() {
    let mut site = Site::anonymous().await;
    site.sign_in("editor").await;
    let empty = site.get_in("/account/tokens", "zh").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.body.contains("您还没有API令牌"), "{}", empty.body);
    let made = site
        .post("/account/tokens", &[("name", "weekly report")])
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let secret = made
        .body
        .split("<code class=\"secret\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap()
        .to_string();
    let (status, _, _) = call(
        &site,
        Method::GET,
        "/api/v1/records/news",
        Some(&secret),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let listed = site.get("/account/tokens").await;
    assert!(listed.body.contains("weekly report"));
    assert!(
        !listed.body.contains(&secret),
        "the secret is shown once only"
    );
    let revoke = listed
        .body
        .split("action=\"/account/tokens/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap();
    let done = site.post(&format!("/account/tokens/{revoke}"), &[]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let (status, _, _) = call(
        &site,
        Method::GET,
        "/api/v1/records/news",
        Some(&secret),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let nameless = site.post("/account/tokens", &[("name", " ")]).await;
    assert_eq!(nameless.status, StatusCode::UNPROCESSABLE_ENTITY);
}
