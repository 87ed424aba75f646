//! A web application over a throwaway database with the demo data and one user of each
//! role in NMU's international office, and a small client that signs in as one of them.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use meridian_app::{AddUser, App};
use meridian_domain::user::{Role, UnitKind};
use meridian_domain::{Lang, RecordId};
use meridian_test_support::{Backend, TestDb};
use std::net::{IpAddr, Ipv4Addr};
use tower::ServiceExt;

pub const PASSWORD: &str = "correct horse battery";

pub struct Site {
    #[allow(dead_code)]
    pub app: App,
    pub router: Router,
    /// Cookie and CSRF token of the signed-in user, if any.
    session: Option<(String, String)>,
    /// Sessions already made, by user name: signing in again reuses them, so tests do not
    /// run into the per-address sign-in limit.
    sessions: std::collections::HashMap<String, (String, String)>,
    _db: TestDb,
}

pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
    pub headers: axum::http::HeaderMap,
}

/// NMU, the unit the test users belong to.
pub fn nmu() -> RecordId {
    RecordId::named("org:nmu")
}

impl Site {
    /// Demo data, users `admin`, `approver`, `editor`, `viewer` (NMU), signed in as editor.
    pub async fn with_demo() -> Site {
        let mut site = Site::anonymous().await;
        site.sign_in("editor").await;
        site
    }

    pub async fn anonymous() -> Site {
        Site::build(false).await
    }

    /// Like `with_demo`, with an in-memory search index kept up to date by the app.
    pub async fn with_demo_and_search() -> Site {
        let mut site = Site::build(true).await;
        site.sign_in("editor").await;
        site
    }

    async fn build(with_index: bool) -> Site {
        let db = TestDb::new(Backend::Sqlite).await;
        let mut app = App::new(db.open().await);
        if with_index {
            app = app.with_search(std::sync::Arc::new(
                meridian_app::SearchIndex::in_memory().unwrap(),
            ));
        }
        app.load_demo().await.unwrap();
        app.add_unit(nmu(), UnitKind::Institution, None)
            .await
            .unwrap();
        for role in Role::ALL {
            let user = AddUser {
                name: role.as_str().into(),
                display_name: None,
                role,
                unit: nmu(),
                language: Lang::En,
            };
            app.add_user(user, PASSWORD).await.unwrap();
        }
        Site {
            router: meridian_web::router(app.clone()),
            app,
            session: None,
            sessions: Default::default(),
            _db: db,
        }
    }

    pub async fn sign_in(&mut self, name: &str) {
        if let Some(known) = self.sessions.get(name) {
            self.session = Some(known.clone());
            return;
        }
        let session = self
            .app
            .login(name, PASSWORD, IpAddr::V4(Ipv4Addr::LOCALHOST))
            .await
            .unwrap();
        let pair = (session.token, session.csrf);
        self.sessions.insert(name.to_string(), pair.clone());
        self.session = Some(pair);
    }

    pub fn sign_out(&mut self) {
        self.session = None;
    }

    pub fn csrf(&self) -> String {
        self.session
            .as_ref()
            .map(|s| s.1.clone())
            .unwrap_or_default()
    }

    /// The `Cookie` header this client sends, for requests built by hand.
    pub fn cookie_header(&self, lang: &str) -> String {
        self.cookies(lang)
    }

    fn cookies(&self, lang: &str) -> String {
        match &self.session {
            Some((token, _)) => format!("lang={lang}; meridian_session={token}"),
            None => format!("lang={lang}"),
        }
    }

    pub async fn send(&self, request: Request<Body>) -> Page {
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
            .header(header::COOKIE, self.cookies(lang))
            .body(Body::empty())
            .unwrap();
        self.send(request).await
    }

    /// Posts a form with this session's CSRF token added.
    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        self.post_in(path, form, "en").await
    }

    pub async fn post_in(&self, path: &str, form: &[(&str, &str)], lang: &str) -> Page {
        let csrf = self.csrf();
        let mut fields = form.to_vec();
        fields.push(("csrf", &csrf));
        self.post_raw(path, &fields, lang).await
    }

    /// Posts exactly the given fields (no CSRF token added).
    pub async fn post_raw(&self, path: &str, form: &[(&str, &str)], lang: &str) -> Page {
        let body = serde_urlencoded::to_string(form).unwrap();
        let request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, self.cookies(lang))
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
            id.parse::<RecordId>().ok()?;
            Some(rest[..prefix.len() - 6 + 36].to_string())
        })
        .next()
        .unwrap_or_else(|| panic!("no {kind} record link"))
}
