//! Who may do what: every route for every role and for an anonymous visitor, CSRF tokens
//! on state-changing forms, cross-site posts, and a locked-out sign-in.

use crate::support::{Page, Site, PASSWORD};
use axum::http::StatusCode;

const ROLES: [&str; 5] = ["anonymous", "viewer", "editor", "approver", "admin"];

fn refused(page: &Page) -> bool {
    matches!(
        page.status,
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN
    ) || page
        .location
        .as_deref()
        .is_some_and(|l| l.starts_with("/login"))
}

async fn as_role(site: &mut Site, role: &str) {
    if role == "anonymous" {
        site.sign_out();
    } else {
        site.sign_in(role).await;
    }
}

/// A news record of NMU, created by the admin and brought to `state`.
async fn news_in_state(site: &mut Site, state: &str) -> (String, i64) {
    site.sign_in("admin").await;
    let created = site
        .post(
            "/records/news",
            &[("title.en", "Access check"), ("kind", "news")],
        )
        .await;
    let path = created.location.unwrap();
    let steps: &[&str] = match state {
        "draft" => &[],
        "submitted" => &["submit"],
        "approved" => &["submit", "approve"],
        "archived" => &["submit", "approve", "archive"],
        _ => unreachable!(),
    };
    for (i, step) in steps.iter().enumerate() {
        let version = (i + 1).to_string();
        let page = site
            .post(&format!("{path}/{step}"), &[("version", &version)])
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{step}: {}", page.body);
    }
    (path, steps.len() as i64 + 1)
}

#[tokio::test]
async fn every_route_allows_exactly_the_roles_it_should() {
    let mut site = Site::with_demo().await;
    let reads = [
        "/",
        "/trash",
        "/account/password",
        "/account/tokens",
        "/records/news",
        "/records/news/new",
        "/pick?kinds=organization&q=nan",
        "/analytics",
        "/progress",
    ];
    // (route suffix or action, state needed, roles allowed)
    let actions: [(&str, &str, &[&str]); 9] = [
        ("edit-form", "draft", &["editor", "approver", "admin"]),
        ("update", "draft", &["editor", "approver", "admin"]),
        ("submit", "draft", &["editor", "approver", "admin"]),
        ("approve", "submitted", &["approver", "admin"]),
        ("return", "submitted", &["approver", "admin"]),
        ("archive", "approved", &["approver", "admin"]),
        ("reopen", "archived", &["editor", "approver", "admin"]),
        ("delete", "draft", &["editor", "approver", "admin"]),
        ("restore", "draft", &["editor", "approver", "admin"]),
    ];
    for role in ROLES {
        as_role(&mut site, role).await;
        for path in reads {
            let allowed = role != "anonymous" && !(path.ends_with("/new") && role == "viewer");
            let page = site.get(path).await;
            assert_eq!(
                !refused(&page),
                allowed,
                "{role} GET {path}: {}",
                page.status
            );
        }
        let create = site
            .post(
                "/records/news",
                &[("title.en", "By role"), ("kind", "news")],
            )
            .await;
        assert_eq!(
            !refused(&create),
            matches!(role, "editor" | "approver" | "admin"),
            "{role} creates"
        );
        for (action, state, allowed_roles) in actions {
            let (path, version) = news_in_state(&mut site, state).await;
            if action == "restore" {
                site.post(
                    &path,
                    &[("version", "1"), ("title.en", "Changed"), ("kind", "news")],
                )
                .await;
            }
            as_role(&mut site, role).await;
            let v = if action == "restore" {
                (version + 1).to_string()
            } else {
                version.to_string()
            };
            let page = match action {
                "edit-form" => site.get(&format!("{path}/edit")).await,
                "update" => {
                    site.post(
                        &path,
                        &[("version", &v), ("title.en", "Edited"), ("kind", "news")],
                    )
                    .await
                }
                "restore" => {
                    site.post(&format!("{path}/restore/1"), &[("version", &v)])
                        .await
                }
                "return" => {
                    site.post(
                        &format!("{path}/return"),
                        &[("version", &v), ("comment", "Fix it")],
                    )
                    .await
                }
                step => {
                    site.post(&format!("{path}/{step}"), &[("version", &v)])
                        .await
                }
            };
            let allowed = allowed_roles.contains(&role);
            assert_eq!(
                !refused(&page),
                allowed,
                "{role} {action}: {} {}",
                page.status,
                page.body
            );
            if allowed {
                assert!(
                    page.status.is_redirection() || page.status == StatusCode::OK,
                    "{role} {action}: {} {}",
                    page.status,
                    page.body
                );
            }
            let page = site.get(&path).await;
            assert_eq!(
                !refused(&page),
                role != "anonymous",
                "{role} reads the record"
            );
        }
        let (path, _) = news_in_state(&mut site, "draft").await;
        site.post(&format!("{path}/delete"), &[("version", "1")])
            .await;
        as_role(&mut site, role).await;
        let id = path.rsplit('/').next().unwrap();
        let page = site.post(&format!("/trash/{id}/undelete"), &[]).await;
        assert_eq!(
            !refused(&page),
            matches!(role, "editor" | "approver" | "admin"),
            "{role} undeletes"
        );
    }
    for path in [
        "/healthz",
        "/metrics",
        "/login",
        "/static/app.css",
        "/lang/zh",
    ] {
        site.sign_out();
        assert!(!refused(&site.get(path).await), "{path} is public");
    }
}

#[tokio::test]
async fn records_of_other_units_are_read_only_and_their_drafts_are_hidden() {
    let mut site = Site::with_demo().await;
    let centres = site.get("/records/centre").await;
    let cacms_centre = crate::support::first_link(&centres.body, "centre");
    let page = site.get(&format!("{cacms_centre}/edit")).await;
    assert_eq!(
        page.status,
        StatusCode::FORBIDDEN,
        "an NMU editor cannot edit a CACMS centre"
    );
    let detail = site.get(&cacms_centre).await;
    assert_eq!(detail.status, StatusCode::OK);
    assert!(!detail.body.contains("/edit\""), "no edit button offered");
    // A draft of another unit is invisible to NMU's editor.
    site.sign_in("admin").await;
    let app = site.app.clone();
    let cacms = meridian_domain::RecordId::named("org:cacms");
    let body = meridian_domain::RecordBody::from_data(
        meridian_domain::RecordKind::News,
        serde_json::json!({"title": {"en": "CACMS draft"}, "kind": "news"}),
    )
    .unwrap();
    let draft = app
        .create(
            meridian_store::NewRecord {
                unit: Some(cacms),
                ..meridian_store::NewRecord::draft(body)
            },
            &meridian_store::Actor::new("admin"),
        )
        .await
        .unwrap();
    site.sign_in("editor").await;
    assert_eq!(
        site.get(&format!("/records/news/{}", draft.id))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert!(!site.get("/records/news").await.body.contains("CACMS draft"));
}

#[tokio::test]
async fn a_form_without_this_sessions_csrf_token_is_refused() {
    let site = Site::with_demo().await;
    let form = [("title.en", "No token"), ("kind", "news")];
    assert_eq!(
        site.post_raw("/records/news", &form, "en").await.status,
        StatusCode::FORBIDDEN
    );
    let forged = [("title.en", "Forged"), ("kind", "news"), ("csrf", "0000")];
    assert_eq!(
        site.post_raw("/records/news", &forged, "en").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        site.post("/records/news", &form).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_post_from_another_site_is_refused_before_anything_runs() {
    let site = Site::with_demo().await;
    let request = axum::http::Request::post("/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("host", "meridian.example")
        .header("origin", "https://evil.example")
        .body(axum::body::Body::from(format!(
            "name=editor&password={PASSWORD}"
        )))
        .unwrap();
    assert_eq!(site.send(request).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn sign_in_works_and_a_locked_out_name_stays_refused_with_the_right_password() {
    let site = Site::anonymous().await;
    let signed = site
        .post_raw(
            "/login",
            &[
                ("name", "viewer"),
                ("password", PASSWORD),
                ("next", "/trash"),
            ],
            "en",
        )
        .await;
    assert_eq!(signed.location.as_deref(), Some("/trash"));
    let cookie = signed
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("meridian_session="))
        .unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("Secure") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    for _ in 0..5 {
        let wrong = site
            .post_raw(
                "/login",
                &[("name", "editor"), ("password", "wrong password!")],
                "en",
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert!(wrong.body.contains("Wrong user name or password"));
    }
    let locked = site
        .post_raw(
            "/login",
            &[("name", "editor"), ("password", PASSWORD)],
            "en",
        )
        .await;
    assert!(
        matches!(
            locked.status,
            StatusCode::UNAUTHORIZED | StatusCode::TOO_MANY_REQUESTS
        ),
        "{}",
        locked.status
    );
    assert!(
        locked.location.is_none(),
        "no session for a locked-out name"
    );
}

#[tokio::test]
async fn search_finds_only_what_the_user_may_read() {
    let mut site = Site::with_demo_and_search().await;
    let own = site
        .post(
            "/records/news",
            &[("title.en", "Acupuncture draft of NMU"), ("kind", "news")],
        )
        .await;
    assert_eq!(own.status, StatusCode::SEE_OTHER);
    let cacms = meridian_domain::RecordId::named("org:cacms");
    let body = meridian_domain::RecordBody::from_data(
        meridian_domain::RecordKind::News,
        serde_json::json!({"title": {"en": "Acupuncture draft of CACMS"}, "kind": "news"}),
    )
    .unwrap();
    site.app
        .create(
            meridian_store::NewRecord {
                unit: Some(cacms),
                ..meridian_store::NewRecord::draft(body)
            },
            &meridian_store::Actor::new("admin"),
        )
        .await
        .unwrap();
    let found = site.get("/search?q=acupuncture+draft").await;
    assert!(
        found.body.contains("Acupuncture draft of NMU"),
        "{}",
        found.body
    );
    assert!(
        !found.body.contains("Acupuncture draft of CACMS"),
        "another unit's draft stays hidden"
    );
    let approved = site.get("/search?q=%E4%B8%AD%E5%8C%BB").await;
    assert!(
        approved.body.contains("<mark>中医</mark>"),
        "approved records of other units are found"
    );
    site.sign_in("admin").await;
    assert!(site
        .get("/search?q=acupuncture+draft")
        .await
        .body
        .contains("Acupuncture draft of CACMS"));
    site.sign_out();
    let anonymous = site.get("/search?q=acupuncture").await;
    assert!(refused(&anonymous), "search needs sign-in");
}
