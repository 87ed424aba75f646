//! The search page over the demo data, indexed through the app as it is loaded: Chinese
//! and English words, highlighted passages, the kind filter, and no index at all.

use crate::support::PASSWORD;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use meridian_app::{AddUser, App, SearchIndex};
use meridian_domain::user::{Role, UnitKind};
use meridian_domain::{Lang, RecordId};
use meridian_store::{Actor, NewRecord};
use meridian_test_support::builders::organization;
use meridian_test_support::{Backend, TestDb};
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use tower::ServiceExt;

/// The site with the demo data, indexed, and the cookies of a signed-in administrator.
struct Searchable {
    app: App,
    router: Router,
    cookie: String,
    _db: TestDb,
}

async fn site(with_index: bool) -> Searchable {
    let db = TestDb::new(Backend::Sqlite).await;
    let mut app = App::new(db.open().await);
    if with_index {
        app = app.with_search(Arc::new(SearchIndex::in_memory().unwrap()));
    }
    app.load_demo().await.unwrap();
    let nmu = RecordId::named("org:nmu");
    app.add_unit(nmu, UnitKind::Institution, None)
        .await
        .unwrap();
    let admin = AddUser {
        name: "admin".into(),
        display_name: None,
        role: Role::Admin,
        unit: nmu,
        language: Lang::En,
    };
    app.add_user(admin, PASSWORD).await.unwrap();
    let localhost = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let session = app.login("admin", PASSWORD, localhost).await.unwrap();
    Searchable {
        router: meridian_web::router(app.clone()),
        app,
        cookie: format!("lang=en; meridian_session={}", session.token),
        _db: db,
    }
}

impl Searchable {
    /// GET /search with these parameters: the status and the page.
    async fn search(&self, params: &[(&str, &str)]) -> (StatusCode, String) {
        let query = serde_urlencoded::to_string(params).unwrap();
        let request = Request::get(format!("/search?{query}"))
            .header(header::COOKIE, &self.cookie)
            .body(Body::empty())
            .unwrap();
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 10 << 20)
            .await
            .unwrap();
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// How many hits a results page lists.
fn hits(body: &str) -> usize {
    body.matches("<li class=\"hit\">").count()
}

#[tokio::test]
async fn a_chinese_word_inside_longer_text_is_found_and_highlighted() {
    let site = site(true).await;
    let (status, body) = site.search(&[("q", "中医")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("China Academy of Chinese Medical Sciences"));
    assert!(body.contains("<mark>中医</mark>"), "{body}");
    assert_eq!(hits(&body), 20, "a full first page");
    assert!(body.contains("rel=\"next\""), "more pages");
    let (_, second) = site.search(&[("q", "中医"), ("page", "2")]).await;
    assert!(second.contains("rel=\"prev\"") && hits(&second) > 0);
}

#[tokio::test]
async fn english_words_match_across_inflections_and_the_kind_filter_narrows() {
    let site = site(true).await;
    let (status, all) = site.search(&[("q", "training")]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(all.contains("<mark>training</mark>"), "{all}");
    assert!(all.contains("Training tasks undertaken for the Ministry of Commerce"));
    let kinds = ["Indicator", "Activity or exchange"].map(|k| format!("\"kind\">{k}<"));
    assert!(kinds.iter().all(|k| all.contains(k)), "{all}");
    let (_, activities) = site.search(&[("q", "trained"), ("kind", "activity")]).await;
    assert!(hits(&activities) > 0, "{activities}");
    assert!(!activities.contains(&kinds[0]), "{activities}");
    assert!(activities.contains("<option value=\"activity\" selected>"));
}

#[tokio::test]
async fn titles_are_escaped_and_an_empty_query_shows_the_form_only() {
    let site = site(true).await;
    let (status, body) = site.search(&[("q", "")]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<form class=\"filters\" method=\"get\" action=\"/search\">"));
    assert_eq!(hits(&body), 0);
    assert!(!body.contains("records found"), "{body}");
    let (_, odd) = site.search(&[("q", "<script>中医")]).await;
    assert!(!odd.contains("<script>中医"), "the query is escaped");
    let marked = organization("<i>针灸</i>学会", "<i>Acupuncture</i> Society");
    let actor = Actor::new("tester");
    site.app
        .create(NewRecord::draft(marked), &actor)
        .await
        .unwrap();
    let (_, body) = site.search(&[("q", "针灸 acupuncture")]).await;
    assert!(
        body.contains("&lt;i&gt;Acupuncture&lt;/i&gt; Society"),
        "{body}"
    );
    assert!(!body.contains("<i>"), "{body}");
}

#[tokio::test]
async fn the_page_speaks_chinese_and_says_so_when_there_is_no_index() {
    let site = site(false).await;
    let (status, body) = site.search(&[("q", "中医")]).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(body.contains("Search is not available"), "{body}");
    let indexed = self::site(true).await;
    let zh = Searchable {
        cookie: indexed.cookie.replace("lang=en", "lang=zh"),
        ..indexed
    };
    let (_, body) = zh.search(&[("q", "centres"), ("country", "de")]).await;
    assert!(
        body.contains("<span class=\"kind\">中心与基地</span>"),
        "{body}"
    );
    assert!(body.contains("中德中医药中心"), "{body}");
    assert!(
        !body.contains("中美中医药中心"),
        "the country filter narrows"
    );
}
