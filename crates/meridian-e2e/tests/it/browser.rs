//! Headless Chromium through chromedriver: start-up, navigation that waits for the next
//! page, screenshots, and the browser console's errors.

use crate::harness::{self, Proc};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const INSTALL_HINT: &str = "the browser tests need the Debian packages chromium, \
     chromium-driver and fonts-wqy-microhei (`.ci/run` installs them: \
     apt-get install chromium chromium-driver fonts-wqy-microhei)";

/// How long one page may take to appear.
const PAGE_TIMEOUT: Duration = Duration::from_secs(20);

/// A browser session, its chromedriver and its profile directory.
pub struct Browser {
    pub client: Client,
    pub base: String,
    driver_port: u16,
    session: String,
    _driver: Proc,
    _profile: tempfile::TempDir,
}

/// The first of `candidates` that exists, or the program found on `PATH`.
fn find_program(candidates: &[&str], name: &str) -> Option<PathBuf> {
    candidates
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
        .or_else(|| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|dir| dir.join(name))
                    .find(|p| p.exists())
            })
        })
}

impl Browser {
    /// Starts chromedriver and a headless Chromium; pages are opened relative to `base`.
    pub async fn start(base: String) -> Browser {
        let driver = find_program(&[CHROMEDRIVER], "chromedriver")
            .unwrap_or_else(|| panic!("chromedriver is not installed: {INSTALL_HINT}"));
        let chromium = find_program(&[CHROMIUM], "chromium")
            .unwrap_or_else(|| panic!("chromium is not installed: {INSTALL_HINT}"));
        let driver_port = harness::free_port();
        let child = Command::new(&driver)
            .arg(format!("--port={driver_port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", driver.display()));
        let driver_proc = Proc(child);
        harness::wait_until("chromedriver to be ready", || {
            harness::get(driver_port, "/status")
                .is_some_and(|r| r.contains("\"ready\":true") || r.contains("\"ready\": true"))
        });
        let profile = tempfile::tempdir().expect("browser profile directory");
        let capabilities = json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-dev-shm-usage",
                    "--window-size=1280,1000",
                    "--lang=en-US",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
                "prefs": { "intl.accept_languages": "en-US,en" },
            },
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{driver_port}"))
            .await
            .unwrap_or_else(|e| panic!("chromedriver could not start Chromium: {e}"));
        let session = client
            .session_id()
            .await
            .unwrap()
            .expect("a WebDriver session id");
        Browser {
            client,
            base,
            driver_port,
            session,
            _driver: driver_proc,
            _profile: profile,
        }
    }

    /// Ends the browser session (chromedriver is killed when dropped).
    pub async fn close(&self) {
        let _ = self.client.clone().close().await;
    }

    /// Opens `path` on the server under test and waits for it to load.
    pub async fn open(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap_or_else(|e| panic!("cannot open {path}: {e}"));
        self.wait_loaded().await;
    }

    /// The current page's path (and query).
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    pub async fn find(&self, css: &str) -> Element {
        let found = self
            .client
            .wait()
            .at_most(PAGE_TIMEOUT)
            .for_element(Locator::Css(css))
            .await;
        match found {
            Ok(element) => element,
            Err(e) => panic!("no element `{css}` on {}: {e}", self.where_now().await),
        }
    }

    pub async fn exists(&self, css: &str) -> bool {
        !self
            .client
            .find_all(Locator::Css(css))
            .await
            .unwrap()
            .is_empty()
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.unwrap()
    }

    /// The `lang` of the page's `<html>` element.
    pub async fn html_lang(&self) -> String {
        self.find("html")
            .await
            .attr("lang")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    /// Replaces the value of the input `css` with `text`.
    pub async fn fill(&self, css: &str, text: &str) {
        let input = self.find(css).await;
        input.clear().await.unwrap();
        input.send_keys(text).await.unwrap();
    }

    /// Clicks `css` and waits until a new page has loaded in its place.
    pub async fn click_and_load(&self, css: &str) {
        let element = self.find(css).await;
        self.client
            .execute("window.__e2eOldPage = true;", vec![])
            .await
            .unwrap();
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click `{css}`: {e}"));
        self.wait_loaded().await;
    }

    /// Waits until the page is a new document that has finished loading.
    async fn wait_loaded(&self) {
        let started = Instant::now();
        loop {
            let ready = self
                .client
                .execute(
                    "return !window.__e2eOldPage && document.readyState === 'complete';",
                    vec![],
                )
                .await;
            if matches!(ready, Ok(Value::Bool(true))) {
                return;
            }
            if started.elapsed() > PAGE_TIMEOUT {
                panic!("the next page did not load: {}", self.where_now().await);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The current URL and the page's text, for a failure message.
    pub async fn where_now(&self) -> String {
        let url = match self.client.current_url().await {
            Ok(url) => url.to_string(),
            Err(e) => format!("(no URL: {e})"),
        };
        let text = match self.client.find(Locator::Css("body")).await {
            Ok(body) => body.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        format!("{url}\n--- page text ---\n{text}")
    }

    /// Saves a PNG of the viewport as `dir/name.png`.
    pub async fn screenshot(&self, dir: &Path, name: &str) {
        let png = self.client.screenshot().await.unwrap();
        assert!(png.starts_with(b"\x89PNG"), "a screenshot is a PNG");
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }

    /// The browser console's errors since the last call (reading empties the log).
    pub fn console_errors(&self) -> Vec<String> {
        let response = harness::request(
            self.driver_port,
            "POST",
            &format!("/session/{}/se/log", self.session),
            Some(r#"{"type":"browser"}"#),
        )
        .expect("chromedriver answers a log request");
        let log: Value = serde_json::from_str(harness::body(&response))
            .unwrap_or_else(|e| panic!("chromedriver's log is not JSON ({e}): {response}"));
        let entries = log["value"]
            .as_array()
            .unwrap_or_else(|| panic!("chromedriver's log has no entries: {response}"));
        entries
            .iter()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// Fails when the browser console logged an error on `page`.
    pub fn assert_no_console_errors(&self, page: &str) {
        let errors = self.console_errors();
        assert!(
            errors.is_empty(),
            "the browser console has errors on {page}: {errors:#?}"
        );
    }
}
