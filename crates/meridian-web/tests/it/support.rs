//! A web application over a throwaway database with the demo data, and a small client.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use meridian_app::App;
use meridian_test_support::{Backend, TestDb};
use tower::ServiceExt;

pub struct Site {
    #[allow(dead_code)]
    pub app: App,
    pub router: Router,
    _db: TestDb,
}

pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
    pub headers: axum::http::HeaderMap,
}

impl Site {
    pub async fn with_demo() -> Site {
        let db = TestDb::new(Backend::Sqlite).await;
        let app = App::new(db.open().await);
        app.load_demo().await.unwrap();
        Site {
            router: meridian_web::router(app.clone()),
            app,
            _db: db,
        }
    }

    async fn send(&self, request: Request<Body>) -> Page {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let location = headers
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_string());
        let bytes = axum::body::to_bytes(response.into_body(), 10 << 20)
            .await
            .unwrap();
        Page {
            status,
            location,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            headers,
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        self.get_in(path, "en").await
    }

    pub async fn get_in(&self, path: &str, lang: &str) -> Page {
        let request = Request::get(path)
            .header(header::COOKIE, format!("lang={lang}"))
            .body(Body::empty())
            .unwrap();
        self.send(request).await
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        self.post_in(path, form, "en").await
    }

    pub async fn post_in(&self, path: &str, form: &[(&str, &str)], lang: &str) -> Page {
        let body = serde_urlencoded::to_string(form).unwrap();
        let request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, format!("lang={lang}"))
            .body(Body::from(body))
            .unwrap();
        self.send(request).await
    }
}

/// The first `/records/KIND/ID` link on a page.
pub fn first_link(body: &str, kind: &str) -> String {
    let prefix = format!("href=\"/records/{kind}/");
    body.match_indices(&prefix)
        .map(|(at, _)| &body[at + 6..])
        .filter_map(|rest| {
            let id = rest.get(prefix.len() - 6..prefix.len() - 6 + 36)?;
            id.parse::<meridian_domain::RecordId>().ok()?;
            Some(rest[..prefix.len() - 6 + 36].to_string())
        })
        .next()
        .unwrap_or_else(|| panic!("no {kind} record link"))
}
