//! Pages of every kind render; forms, review, history and trash work end to end.

use crate::support::{first_link, Site};
use axum::http::StatusCode;
use meridian_domain::RecordKind;

#[tokio::test]
async fn pages_carry_the_security_headers() {
    let site = Site::with_demo().await;
    let page = site.get("/").await;
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(page.headers["x-frame-options"], "DENY");
    assert_eq!(page.headers["referrer-policy"], "same-origin");
    assert!(
        !page.body.contains("<script>") && !page.body.contains(" style=\""),
        "no inline script or style"
    );
}

#[tokio::test]
async fn an_organization_is_created_with_both_names_and_a_missing_translation_shows() {
    let site = Site::with_demo().await;
    let created = site
        .post(
            "/records/organization",
            &[
                ("name.zh", "新疆医科大学"),
                ("name.en", ""),
                ("org_type", "university"),
                ("country", "cn"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let page = site.get(created.location.as_deref().unwrap()).await;
    assert!(
        page.body.contains("<p lang=\"zh\">新疆医科大学</p>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("English missing"));
    assert!(page.body.contains("China (CN)"));
    assert!(page.body.contains("state-draft"));
}

#[tokio::test]
async fn field_errors_are_shown_beside_the_field_in_the_users_language() {
    let site = Site::with_demo().await;
    let form = [("joined", "2019-13"), ("status", "active")];
    let en = site.post_in("/records/membership", &form, "en").await;
    assert_eq!(en.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(en.body.contains("month 13 does not exist"), "{}", en.body);
    assert!(
        en.body.contains("value=\"2019-13\""),
        "what was typed is kept"
    );
    assert!(
        en.body.contains("id=\"e-member\""),
        "the required member is flagged on its field"
    );
    let zh = site.post_in("/records/membership", &form, "zh").await;
    assert!(zh.body.contains("月份 13 不存在"), "{}", zh.body);
}

#[tokio::test]
async fn a_new_organization_named_like_an_existing_one_gets_a_warning_first() {
    let site = Site::with_demo().await;
    let form = [
        ("name.en", "Nanjing Medical Univ."),
        ("acronyms", "NMU"),
        ("org_type", "university"),
    ];
    let warned = site.post("/records/organization", &form).await;
    assert_eq!(warned.status, StatusCode::CONFLICT);
    assert!(
        warned.body.contains("shares the name “NMU”"),
        "{}",
        warned.body
    );
    let mut confirmed = form.to_vec();
    confirmed.push(("confirm_duplicate", "1"));
    assert_eq!(
        site.post("/records/organization", &confirmed).await.status,
        StatusCode::SEE_OTHER
    );
}

async fn new_news(site: &Site, title: &str) -> String {
    let created = site
        .post("/records/news", &[("title.en", title), ("kind", "news")])
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    created.location.unwrap()
}

#[tokio::test]
async fn two_editors_saving_the_same_version_lose_nothing() {
    let site = Site::with_demo().await;
    let record = new_news(&site, "Original title").await;
    let first = site
        .post(
            &record,
            &[
                ("version", "1"),
                ("title.en", "First editor's title"),
                ("kind", "news"),
            ],
        )
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let second = site
        .post(
            &record,
            &[
                ("version", "1"),
                ("title.en", "Second editor's title"),
                ("kind", "news"),
            ],
        )
        .await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert!(
        second.body.contains("First editor&#39;s title")
            || second.body.contains("First editor's title"),
        "theirs is shown"
    );
    assert!(
        second.body.contains("value=\"Second editor&#39;s title\""),
        "yours stays in the form: {}",
        second.body
    );
    assert!(
        second.body.contains("name=\"version\" value=\"2\""),
        "saving again is based on their version"
    );
}

#[tokio::test]
async fn history_compares_versions_and_restores_one() {
    let site = Site::with_demo().await;
    let record = new_news(&site, "Version one").await;
    site.post(
        &record,
        &[
            ("version", "1"),
            ("title.en", "Version two"),
            ("kind", "news"),
        ],
    )
    .await;
    let history = site.get(&format!("{record}/history?a=1&b=2")).await;
    assert!(
        history.body.contains("<del>Version one</del>")
            && history.body.contains("<ins>Version two</ins>"),
        "{}",
        history.body
    );
    let restored = site
        .post(&format!("{record}/restore/1"), &[("version", "2")])
        .await;
    assert_eq!(restored.status, StatusCode::SEE_OTHER);
    assert!(site
        .get(&record)
        .await
        .body
        .contains("<h1>Version one</h1>"));
}

#[tokio::test]
async fn a_deleted_record_is_in_the_trash_and_comes_back() {
    let site = Site::with_demo().await;
    let record = new_news(&site, "Short-lived").await;
    assert_eq!(
        site.post(&format!("{record}/delete"), &[("version", "1")])
            .await
            .location
            .as_deref(),
        Some("/trash")
    );
    let trash = site.get("/trash").await;
    assert!(trash.body.contains("Short-lived"));
    let id = record.rsplit('/').next().unwrap();
    let back = site.post(&format!("/trash/{id}/undelete"), &[]).await;
    assert_eq!(back.location.as_deref(), Some(record.as_str()));
    assert!(!site.get("/trash").await.body.contains("Short-lived"));
}

#[tokio::test]
async fn lists_filter_by_country_group_and_year() {
    let site = Site::with_demo().await;
    let all = site.get("/records/centre").await;
    let norway = site.get("/records/centre?country=NO").await;
    assert!(norway.body.contains("China-Norway"), "{}", norway.body);
    assert!(!norway.body.contains("China-Italy"));
    assert!(all.body.contains("China-Italy"));
    let page2 = site.get("/records/organization?page=2").await;
    assert!(page2.body.contains("Page 2 of"), "{}", page2.body);
}

#[tokio::test]
async fn pickers_find_organizations_by_part_of_either_name() {
    let site = Site::with_demo().await;
    let en = site.get("/pick?kinds=organization&q=nanjing").await;
    assert!(
        en.body.contains("Nanjing Medical University"),
        "{}",
        en.body
    );
    let zh = site
        .get_in("/pick?kinds=organization&q=%E5%8D%97%E4%BA%AC", "zh")
        .await;
    assert!(zh.body.contains("南京医科大学"), "{}", zh.body);
    assert_eq!(site.get("/pick?kinds=organization&q=").await.body, "[]");
}

#[tokio::test]
async fn every_page_of_every_kind_renders_in_both_languages() {
    let mut site = Site::with_demo().await;
    site.sign_in("admin").await;
    for lang in ["zh", "en"] {
        for path in ["/", "/trash", "/account/password"] {
            let page = site.get_in(path, lang).await;
            assert_eq!(
                page.status,
                StatusCode::OK,
                "{path} in {lang}: {}",
                page.body
            );
        }
        for kind in RecordKind::ALL {
            let list = site.get_in(&format!("/records/{kind}"), lang).await;
            assert_eq!(list.status, StatusCode::OK, "{kind} list in {lang}");
            let new = site.get_in(&format!("/records/{kind}/new"), lang).await;
            assert_eq!(new.status, StatusCode::OK, "new {kind} in {lang}");
            if list.body.contains("<table class=\"list\">") {
                let record = first_link(&list.body, kind.as_str());
                for suffix in ["", "/edit", "/history"] {
                    let page = site.get_in(&format!("{record}{suffix}"), lang).await;
                    assert_eq!(
                        page.status,
                        StatusCode::OK,
                        "{record}{suffix} in {lang}: {}",
                        page.body
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn chinese_is_the_default_when_the_browser_prefers_it_and_the_switch_remembers() {
    let site = Site::anonymous().await;
    let request = axum::http::Request::get("/login")
        .header("accept-language", "zh-CN,zh;q=0.9,en;q=0.5")
        .body(axum::body::Body::empty())
        .unwrap();
    let page = site.send(request).await;
    assert!(page.body.contains("<html lang=\"zh-CN\">"), "{}", page.body);
    let switch = site.get("/lang/en?next=/trash").await;
    assert_eq!(switch.location.as_deref(), Some("/trash"));
    assert!(switch.headers["set-cookie"]
        .to_str()
        .unwrap()
        .starts_with("lang=en;"));
    let offsite = site.get("/lang/en?next=//evil.example").await;
    assert_eq!(offsite.location.as_deref(), Some("/"), "no open redirect");
}

#[tokio::test]
async fn a_record_goes_through_review_and_a_return_needs_a_comment() {
    let mut site = Site::with_demo().await;
    let record = new_news(&site, "Reviewed item").await;
    let step = |s: &'static str, v: &'static str| (format!("{record}/{s}"), [("version", v)]);
    let (path, form) = step("submit", "1");
    assert_eq!(site.post(&path, &form).await.status, StatusCode::SEE_OTHER);
    let (path, form) = step("approve", "2");
    assert_eq!(
        site.post(&path, &form).await.status,
        StatusCode::FORBIDDEN,
        "an editor cannot approve"
    );
    site.sign_in("approver").await;
    let refused = site
        .post(
            &format!("{record}/return"),
            &[("version", "2"), ("comment", " ")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.body.contains("needs a comment"));
    let returned = site
        .post(
            &format!("{record}/return"),
            &[("version", "2"), ("comment", "Add the date")],
        )
        .await;
    assert_eq!(returned.status, StatusCode::SEE_OTHER);
    site.sign_in("editor").await;
    let (path, form) = step("submit", "3");
    assert_eq!(site.post(&path, &form).await.status, StatusCode::SEE_OTHER);
    site.sign_in("approver").await;
    let (path, form) = step("approve", "4");
    assert_eq!(site.post(&path, &form).await.status, StatusCode::SEE_OTHER);
    assert!(site.get(&record).await.body.contains("state-approved"));
    let history = site.get(&format!("{record}/history")).await;
    assert!(
        history.body.contains("return: Add the date"),
        "{}",
        history.body
    );
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_show_the_database_pool() {
    let site = Site::with_demo().await;
    site.get("/records/centre").await;
    site.get("/records/centre").await;
    let metrics = site.get("/metrics").await;
    assert_eq!(metrics.status, StatusCode::OK);
    let line = metrics
        .body
        .lines()
        .find(|l| l.starts_with("meridian_http_requests_total{method=\"GET\",route=\"/records/{kind}\",status=\"200\"}"))
        .unwrap_or_else(|| panic!("{}", metrics.body));
    let n: u64 = line.rsplit(' ').next().unwrap().parse().unwrap();
    assert!(n >= 2, "{line}");
    assert!(metrics
        .body
        .contains("meridian_http_request_duration_seconds_bucket{le=\"+Inf\"}"));
    assert!(
        metrics.body.contains("meridian_db_pool_max_connections 4"),
        "{}",
        metrics.body
    );
}
