//! One organization's way through the application, as people do it in a browser: the
//! editor creates it in Chinese and English, corrects it and restores the first version
//! from its history, then submits it; the approver approves it and finds it by a Chinese
//! and by an English word. Both languages; no console errors; screenshots on the way.

use crate::browser::Browser;
use crate::harness;
use meridian_test_support::{Backend, TestDb};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

const PASSWORD: &str = "a long enough password";
const NAME_ZH: &str = "测试中医药大学";
const NAME_EN: &str = "Test University of Traditional Medicine Centres";
const RENAMED_EN: &str = "Test University of Traditional Medicine (renamed)";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organization_is_created_restored_approved_and_found_in_a_browser() {
    let started = Instant::now();
    let db = TestDb::new(Backend::Sqlite).await;
    harness::demo_with_a_unit(&db);
    for (name, role) in [("editor", "editor"), ("approver", "approver")] {
        harness::meridian(
            &db,
            &[
                "user",
                "add",
                name,
                "--role",
                role,
                "--unit",
                "NMU",
                "--language",
                "en",
            ],
            &format!("{PASSWORD}\n"),
        );
    }
    let (_server, port) = harness::serve(&db);
    let browser = Arc::new(Browser::start(format!("http://127.0.0.1:{port}")).await);
    eprintln!("set-up took {:?}", started.elapsed());

    // The flow runs on a task of its own so that the browser is closed even when it fails.
    let shots = harness::screenshot_dir();
    let run = tokio::spawn({
        let browser = Arc::clone(&browser);
        async move { flow(&browser, &shots, port).await }
    })
    .await;
    browser.close().await;
    eprintln!("the browser test took {:?}", started.elapsed());
    if let Err(e) = run {
        std::panic::resume_unwind(e.into_panic());
    }
}

async fn flow(b: &Browser, shots: &Path, port: u16) {
    // The console check is live: an error logged by the page is seen.
    b.open("/login").await;
    b.client
        .execute("console.error('e2e console probe');", vec![])
        .await
        .unwrap();
    let probe = b.console_errors();
    assert!(
        probe.iter().any(|m| m.contains("e2e console probe")),
        "the browser log does not show console errors: {probe:?}"
    );

    // Sign in as the editor.
    b.open("/login").await;
    assert_eq!(b.html_lang().await, "en");
    assert_eq!(b.text("main h1").await, "Sign in");
    b.screenshot(shots, "01-login").await;
    b.assert_no_console_errors("the sign-in page");
    sign_in(b, "editor").await;
    assert_eq!(b.path().await, "/");
    assert_eq!(b.text("main h1").await, "Overview");
    assert!(b.text("header .user").await.contains("editor"));
    b.screenshot(shots, "02-home").await;
    b.assert_no_console_errors("the home page");

    // Switch to Chinese and back.
    b.click_and_load("header a.lang").await;
    assert_eq!(b.html_lang().await, "zh-CN");
    assert_eq!(b.text("main h1").await, "概览");
    assert_eq!(b.path().await, "/");
    b.screenshot(shots, "03-home-zh").await;
    b.assert_no_console_errors("the home page in Chinese");
    b.click_and_load("header a.lang").await;
    assert_eq!(b.html_lang().await, "en");
    assert_eq!(b.text("main h1").await, "Overview");

    // Create the organization from the list's "New" button.
    b.open("/records/organization").await;
    b.screenshot(shots, "04-organization-list").await;
    b.assert_no_console_errors("the organization list");
    b.click_and_load("main a.button[href='/records/organization/new']")
        .await;
    b.fill("[name='name.zh']", NAME_ZH).await;
    b.fill("[name='name.en']", NAME_EN).await;
    b.find("select[name='org_type']")
        .await
        .select_by_value("university")
        .await
        .unwrap();
    b.screenshot(shots, "05-organization-form").await;
    b.assert_no_console_errors("the organization form");
    b.click_and_load("form.record p.submit button[type='submit']")
        .await;
    let record = b.path().await;
    let id = record
        .strip_prefix("/records/organization/")
        .filter(|id| id.len() == 36)
        .unwrap_or_else(|| panic!("saving did not open the new record: {record}"))
        .to_string();
    assert_eq!(b.text("main h1").await, NAME_EN);
    assert!(b.text("dl.fields").await.contains(NAME_ZH));
    assert_eq!(b.text("main .state").await, "Draft");
    assert!(b.text("main").await.contains("Version 1"));
    b.screenshot(shots, "06-record").await;
    b.assert_no_console_errors("the record page");

    // The record page in Chinese shows the Chinese name.
    b.click_and_load("header a.lang").await;
    assert_eq!(b.html_lang().await, "zh-CN");
    assert_eq!(b.text("main h1").await, NAME_ZH);
    assert_eq!(b.text("main .state").await, "草稿");
    b.screenshot(shots, "07-record-zh").await;
    b.assert_no_console_errors("the record page in Chinese");
    b.click_and_load("header a.lang").await;
    assert_eq!(b.text("main h1").await, NAME_EN);

    // Correct the English name, then restore version 1 from the history.
    b.click_and_load(&format!("main a.button[href='{record}/edit']"))
        .await;
    b.fill("[name='name.en']", RENAMED_EN).await;
    b.click_and_load("form.record p.submit button[type='submit']")
        .await;
    assert_eq!(b.path().await, record);
    assert_eq!(b.text("main h1").await, RENAMED_EN);
    assert!(b.text("main").await.contains("Version 2"));
    b.click_and_load(&format!("main .actions a[href='{record}/history']"))
        .await;
    assert_eq!(b.text("main h1").await, "History");
    b.screenshot(shots, "08-history").await;
    b.assert_no_console_errors("the history page");
    b.click_and_load("button[form='restore-1']").await;
    assert_eq!(b.path().await, format!("{record}/history"));
    b.click_and_load(&format!("main p a[href='{record}']"))
        .await;
    assert_eq!(b.text("main h1").await, NAME_EN);
    assert!(b.text("main").await.contains("Version 3"));
    assert!(b.text("dl.fields").await.contains(NAME_ZH));

    // Submit for approval, sign out.
    b.click_and_load(&format!("form[action='{record}/submit'] button"))
        .await;
    assert_eq!(b.path().await, record);
    assert_eq!(b.text("main .state").await, "Submitted");
    b.click_and_load("header form[action='/logout'] button")
        .await;
    assert_eq!(b.path().await, "/login");

    // The approver approves it.
    sign_in(b, "approver").await;
    assert!(b.text("header .user").await.contains("approver"));
    b.open(&record).await;
    assert_eq!(b.text("main .state").await, "Submitted");
    b.click_and_load(&format!("form[action='{record}/approve'] button"))
        .await;
    assert_eq!(b.path().await, record);
    assert_eq!(b.text("main .state").await, "Approved");
    assert!(b.exists("main .state.state-approved").await);
    b.screenshot(shots, "09-record-approved").await;
    b.assert_no_console_errors("the approved record page");

    search(b, shots, port, &id).await;
}

/// Signs in from the sign-in page the browser is on.
async fn sign_in(b: &Browser, name: &str) {
    if !b.path().await.starts_with("/login") {
        b.open("/login").await;
    }
    b.fill("#name", name).await;
    b.fill("#password", PASSWORD).await;
    b.click_and_load("form.login button[type='submit']").await;
    assert!(
        !b.path().await.starts_with("/login"),
        "{name} could not sign in: {}",
        b.where_now().await
    );
}

/// Finds the organization by a Chinese and by an English word with the header's search box.
async fn search(b: &Browser, shots: &Path, port: u16, id: &str) {
    // The search page is newer than this test: while the route does not exist, say so.
    let probe = harness::get(port, "/search?q=x").expect("the server answers");
    if probe.starts_with("HTTP/1.1 404") {
        eprintln!("NOTE: /search does not exist yet; the search steps were not run");
        return;
    }
    for (word, shot) in [("中医", "10-search-zh"), ("centre", "11-search-en")] {
        b.fill("header input#q", word).await;
        b.click_and_load("header form.search button[type='submit']")
            .await;
        assert!(b.path().await.starts_with("/search?"), "{}", b.path().await);
        // Many demo records match too: narrow to organizations, then read page by page.
        b.find("form.filters select[name='kind']")
            .await
            .select_by_value("organization")
            .await
            .unwrap();
        b.click_and_load("form.filters button[type='submit']").await;
        let link = format!("/records/organization/{id}");
        let mut hit = None;
        for _ in 0..10 {
            for li in b
                .client
                .find_all(fantoccini::Locator::Css("ol.hits li.hit"))
                .await
                .unwrap()
            {
                let html = li.html(true).await.unwrap();
                if html.contains(&format!("href=\"{link}\"")) {
                    hit = Some(html);
                    break;
                }
            }
            if hit.is_some() || !b.exists("nav.pages a[rel='next']").await {
                break;
            }
            b.click_and_load("nav.pages a[rel='next']").await;
        }
        let hit = hit.unwrap_or_else(|| {
            panic!("searching for {word} does not find the organization {link}")
        });
        assert!(
            hit.contains("<mark>"),
            "the hit for {word} highlights nothing: {hit}"
        );
        b.screenshot(shots, shot).await;
        b.assert_no_console_errors(&format!("the search page for {word}"));
    }
}
