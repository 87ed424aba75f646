//! The figures pages in a real browser: plan progress with its charts against targets,
//! the analytics page with the world map, the breakdown charts and the partner network,
//! in both languages, with no console errors (the charts run under the strict CSP).
//! Screenshots: `progress-*`, `analytics-*`, `map-*`.

use crate::browser::Browser;
use crate::harness;
use meridian_test_support::{Backend, TestDb};
use std::path::Path;
use std::sync::Arc;

const PASSWORD: &str = "a long enough password";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn progress_analytics_and_the_map_render_in_a_browser() {
    let db = TestDb::new(Backend::Sqlite).await;
    harness::meridian(&db, &["demo"], "");
    harness::meridian(&db, &["unit", "add", "CACMS", "--kind", "institution"], "");
    harness::meridian(
        &db,
        &[
            "user",
            "add",
            "viewer",
            "--role",
            "viewer",
            "--unit",
            "CACMS",
            "--language",
            "en",
        ],
        &format!("{PASSWORD}\n"),
    );
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

/// Waits until `count_js` (an expression) is at least `at_least`; returns the count.
async fn wait_for_count(b: &Browser, what: &str, count_js: &str, at_least: u64) -> u64 {
    let script = format!("return {count_js};");
    for _ in 0..100 {
        let n = b
            .client
            .execute(&script, vec![])
            .await
            .unwrap()
            .as_u64()
            .unwrap_or(0);
        if n >= at_least {
            return n;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!(
        "{what}: fewer than {at_least} after 10 s on {}",
        b.where_now().await
    );
}

async fn scroll_to(b: &Browser, css: &str) {
    let script = format!("document.querySelector({css:?}).scrollIntoView(); return true;");
    b.client.execute(&script, vec![]).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
}

async fn pages(b: &Browser, shots: &Path) {
    b.open("/login").await;
    b.fill("#name", "viewer").await;
    b.fill("#password", PASSWORD).await;
    b.click_and_load("form.login button[type='submit']").await;
    assert_eq!(b.path().await, "/");

    // Plan progress: the seed plan, a chart per indicator with a numeric target.
    b.open("/progress").await;
    assert!(
        b.text("main h1").await.contains("Belt and Road"),
        "{}",
        b.text("main h1").await
    );
    let charts = wait_for_count(
        b,
        "progress charts drawn",
        "document.querySelectorAll('.chart svg').length",
        3,
    )
    .await;
    let wanted = wait_for_count(
        b,
        "progress chart blocks",
        "document.querySelectorAll('.chart').length",
        1,
    )
    .await;
    assert_eq!(charts, wanted, "every chart block is drawn");
    assert!(!b.exists(".chart-error").await, "no chart failed");
    b.screenshot(shots, "progress-en").await;
    scroll_to(b, ".chart").await;
    b.screenshot(shots, "progress-chart-en").await;
    b.assert_no_console_errors("the progress page");

    // Analytics in English: the map colours the CACMS centres' countries.
    b.open("/analytics?kind=centre").await;
    assert_eq!(b.text("main h1").await, "Analytics");
    let paths = wait_for_count(
        b,
        "map countries",
        "document.querySelectorAll('.chart.map svg path').length",
        150,
    )
    .await;
    assert!(paths >= 150, "{paths} country shapes");
    wait_for_count(
        b,
        "every analytics chart drawn",
        "document.querySelectorAll('.chart svg').length",
        4,
    )
    .await;
    assert!(!b.exists(".chart-error").await, "no chart failed");
    // The headlines of the viewer's unit, with their figures linked.
    let headlines = b.text("ul.headlines").await;
    assert!(
        headlines
            .contains("received more than 6,800 government officials from more than 50 countries"),
        "{headlines}"
    );
    b.screenshot(shots, "analytics-en").await;
    scroll_to(b, ".chart.map").await;
    b.screenshot(shots, "map-centres-en").await;
    scroll_to(b, ".chart.graph").await;
    b.screenshot(shots, "network-en").await;
    b.assert_no_console_errors("the analytics page");

    // The map switched to an indicator, and the page in Chinese.
    b.open("/lang/zh?next=%2Fanalytics%3Fkind%3Dproject").await;
    assert_eq!(b.html_lang().await, "zh-CN");
    assert_eq!(b.text("main h1").await, "统计分析");
    wait_for_count(
        b,
        "map countries (zh)",
        "document.querySelectorAll('.chart.map svg path').length",
        150,
    )
    .await;
    assert!(b
        .text("ul.headlines")
        .await
        .contains("接待了来自50多个国家、地区和国际组织的6800多名政府官员"));
    scroll_to(b, ".chart.map").await;
    b.screenshot(shots, "map-projects-zh").await;
    b.assert_no_console_errors("the analytics page in Chinese");
    b.open("/progress").await;
    wait_for_count(
        b,
        "progress charts (zh)",
        "document.querySelectorAll('.chart svg').length",
        3,
    )
    .await;
    b.screenshot(shots, "progress-zh").await;
    b.assert_no_console_errors("the progress page in Chinese");
}
