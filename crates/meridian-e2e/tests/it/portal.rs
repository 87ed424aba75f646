//! The public portal in a real browser, signed out: the home page with its map, an
//! institution page in each language and the plan page render with no console errors, and
//! an accessibility audit with axe-core (vendored in `vendor/`, injected into each page)
//! finds no serious or critical violations; the API reference page is drawn by Redoc with
//! no console errors. Screenshots: `portal-*`, `api-reference`.

use crate::browser::Browser;
use crate::harness;
use meridian_test_support::{Backend, TestDb};
use std::path::Path;
use std::sync::Arc;

const AXE: &str = include_str!("../../vendor/axe.min.js");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_portal_renders_and_passes_an_accessibility_audit() {
    let db = TestDb::new(Backend::Sqlite).await;
    harness::meridian(&db, &["demo"], "");
    let (_server, port) = harness::serve(&db);
    let browser = Arc::new(Browser::start(format!("http://127.0.0.1:{port}")).await);
    let shots = harness::screenshot_dir();
    let run = tokio::spawn({
        let browser = Arc::clone(&browser);
        async move { pages(&browser, &shots).await }
    })
    .await;
    browser.close().await;
    if let Err(e) = run {
        std::panic::resume_unwind(e.into_panic());
    }
}

/// Fails when axe-core finds serious or critical violations on the open page.
async fn audit(b: &Browser, page: &str) {
    let violations = violations(b).await;
    assert!(
        violations.is_empty(),
        "accessibility violations on {page}: {violations:#?}"
    );
}

/// Serious and critical violations axe-core finds on the open page.
async fn violations(b: &Browser) -> Vec<String> {
    b.client
        .execute(&format!("{AXE}\nreturn true;"), vec![])
        .await
        .unwrap();
    let found = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {resultTypes: ['violations']})
               .then(r => done(r.violations
                 .filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))))
               .catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

async fn wait_for_map(b: &Browser) {
    for _ in 0..100 {
        let n = b
            .client
            .execute(
                "return document.querySelectorAll('.chart.map svg path').length;",
                vec![],
            )
            .await
            .unwrap()
            .as_u64()
            .unwrap_or(0);
        if n > 150 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the portal map was not drawn on {}", b.where_now().await);
}

async fn pages(b: &Browser, shots: &Path) {
    // The audit is live: an image without a text alternative is found.
    b.open("/portal/en/news").await;
    b.client
        .execute("const i = document.createElement('img'); i.src = 'data:,'; document.querySelector('main').appendChild(i); return true;", vec![])
        .await
        .unwrap();
    let probe = violations(b).await;
    assert!(
        probe.iter().any(|v| v.starts_with("image-alt")),
        "axe does not see a missing alt: {probe:?}"
    );

    b.open("/portal/en/").await;
    assert_eq!(b.html_lang().await, "en");
    wait_for_map(b).await;
    b.screenshot(shots, "portal-home-en").await;
    b.assert_no_console_errors("the portal home page");
    audit(b, "the portal home page").await;

    // An institution from the home page's list, in both languages.
    b.click_and_load("main a[href*='/institutions/']").await;
    let english = b.path().await;
    assert!(english.starts_with("/portal/en/institutions/"), "{english}");
    b.screenshot(shots, "portal-institution-en").await;
    b.assert_no_console_errors("an institution page");
    audit(b, "an institution page").await;
    b.click_and_load("header a.lang").await;
    assert_eq!(b.html_lang().await, "zh-CN");
    assert_eq!(b.path().await, english.replace("/en/", "/zh/"));
    b.screenshot(shots, "portal-institution-zh").await;
    b.assert_no_console_errors("an institution page in Chinese");
    audit(b, "an institution page in Chinese").await;

    b.open("/portal/zh/plan").await;
    b.screenshot(shots, "portal-plan-zh").await;
    b.assert_no_console_errors("the plan page");
    audit(b, "the plan page").await;

    b.open("/portal/en/contact").await;
    b.assert_no_console_errors("the inquiry form");
    audit(b, "the inquiry form").await;

    api_reference(b, shots).await;
}

/// The API reference page, public like the portal: the vendored Redoc draws the OpenAPI
/// document (every operation listed) under the page's own content security policy.
async fn api_reference(b: &Browser, shots: &Path) {
    b.open("/api/v1/docs").await;
    let mut drawn = 0;
    for _ in 0..100 {
        drawn = b
            .client
            .execute(
                "return document.querySelectorAll('[data-section-id^=\"operation/\"]').length;",
                vec![],
            )
            .await
            .unwrap()
            .as_u64()
            .unwrap_or(0);
        if drawn >= 16 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(drawn >= 16, "Redoc drew {drawn} operations");
    assert!(b.text("h1").await.contains("Meridian API"));
    b.screenshot(shots, "api-reference").await;
    b.assert_no_console_errors("the API reference");
}
