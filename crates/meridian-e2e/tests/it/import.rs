//! The import page in a browser, as the admin uses it: a CSV of organizations with a bad
//! row is reported by row and column, the corrected file is tried and then imported and its
//! records are found among the drafts; then a real IATI file (from
//! ../shared/data/iati-activities) is tried in Chinese and imported, with its counts shown
//! and its projects found. No console errors; screenshots on the way.

use crate::browser::Browser;
use crate::harness;
use meridian_test_support::{Backend, TestDb};
use std::path::Path;
use std::sync::Arc;

const PASSWORD: &str = "a long enough password";
const BAD_CSV: &str = "名称（中文）,Name (English),Type\n\
    浏览器甲大学,Browser Alpha University,castle\n";
const GOOD_CSV: &str = "名称（中文）,Name (English),Type\n\
    浏览器甲大学,Browser Alpha University,university\n\
    浏览器乙医院,Browser Beta Hospital,hospital\n";
const IATI: &str = "validator-test-files/multi-activity-one-with-errors.xml";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_imports_a_csv_and_an_iati_file_from_the_import_page() {
    let db = TestDb::new(Backend::Sqlite).await;
    harness::demo_with_a_unit(&db);
    harness::meridian(
        &db,
        &[
            "user",
            "add",
            "admin",
            "--role",
            "admin",
            "--unit",
            "NMU",
            "--language",
            "en",
        ],
        &format!("{PASSWORD}\n"),
    );
    let files = tempfile::tempdir().unwrap();
    let (bad, good) = (
        files.path().join("bad.csv"),
        files.path().join("partners.csv"),
    );
    std::fs::write(&bad, BAD_CSV).unwrap();
    std::fs::write(&good, GOOD_CSV).unwrap();
    let (_server, port) = harness::serve(&db);
    let browser = Arc::new(Browser::start(format!("http://127.0.0.1:{port}")).await);

    // The steps run on a task of their own so that the browser is closed even when they fail.
    let shots = harness::screenshot_dir();
    let run = tokio::spawn({
        let browser = Arc::clone(&browser);
        async move { steps(&browser, &shots, &bad, &good).await }
    })
    .await;
    browser.close().await;
    if let Err(e) = run {
        std::panic::resume_unwind(e.into_panic());
    }
}

async fn steps(b: &Browser, shots: &Path, bad: &Path, good: &Path) {
    b.open("/login").await;
    b.fill("#name", "admin").await;
    b.fill("#password", PASSWORD).await;
    b.click_and_load("form.login button[type='submit']").await;
    assert!(
        !b.path().await.starts_with("/login"),
        "{}",
        b.where_now().await
    );

    b.open("/import").await;
    assert_eq!(b.text("main h1").await, "Import a file");
    let accept = b.find("#file").await.attr("accept").await.unwrap();
    assert!(accept.unwrap_or_default().contains(".xml"));
    b.screenshot(shots, "import-01-form").await;
    b.assert_no_console_errors("the import page");

    // A bad row: the dry run names its row and column.
    submit(b, bad, Some("organization"), true).await;
    assert!(
        b.text("section.report p[role='status']")
            .await
            .contains("nothing was written"),
        "{}",
        b.where_now().await
    );
    let problems = b.text("table.problems").await;
    assert!(problems.contains("Type"), "{problems}");
    assert!(problems.contains('2'), "row 2: {problems}");
    b.screenshot(shots, "import-02-csv-problems").await;
    // The refused file's page answers 422, which Chromium logs as a failed load of the
    // page itself; anything else logged is an error of the page.
    let errors = b.console_errors();
    assert!(
        errors.iter().all(|e| e.contains(
            "/import - Failed to load resource: the server responded with a status of 422"
        )),
        "the browser console has errors on the import page with a refused file: {errors:#?}"
    );

    // The corrected file: tried, then imported.
    submit(b, good, Some("organization"), true).await;
    let summary = b.text("section.report p[role='status']").await;
    assert!(summary.contains("(dry run): would create 2"), "{summary}");
    b.screenshot(shots, "import-03-csv-dry-run").await;
    submit(b, good, Some("organization"), false).await;
    let summary = b.text("section.report p[role='status']").await;
    assert!(summary.contains("partners.csv: 2 created"), "{summary}");
    b.assert_no_console_errors("the import page after importing a CSV file");
    b.open("/records/organization?approval=draft").await;
    let drafts = b.text("main").await;
    for name in ["Browser Alpha University", "Browser Beta Hospital"] {
        assert!(
            drafts.contains(name),
            "{name} is not among the drafts: {drafts}"
        );
    }

    // An IATI file, tried in Chinese, then imported.
    let iati = meridian_test_support::shared_data(&format!("iati-activities/{IATI}"));
    let name = iati.file_name().unwrap().to_string_lossy().into_owned();
    let xml = std::fs::read_to_string(&iati).unwrap();
    b.open("/import").await;
    b.click_and_load("header a.lang").await;
    assert_eq!(b.html_lang().await, "zh-CN");
    assert_eq!(b.text("main h1").await, "导入文件");
    submit(b, &iati, None, true).await;
    let activities = meridian_test_support::count_iati_activities(xml.as_bytes());
    let summary = b.text("section.report p[role='status']").await;
    assert!(
        summary.contains(&format!(
            "{name}（IATI 2.03，试运行）：共 {activities} 项活动"
        )),
        "{summary}"
    );
    assert!(summary.contains("未写入任何内容"), "{summary}");
    b.screenshot(shots, "import-04-iati-dry-run-zh").await;
    b.assert_no_console_errors("the import page with an IATI dry run in Chinese");
    b.click_and_load("header a.lang").await;
    assert_eq!(b.html_lang().await, "en");

    submit(b, &iati, None, false).await;
    let summary = b.text("section.report p[role='status']").await;
    assert!(
        summary.contains(&format!("{name} (IATI 2.03): {activities} activities: ")),
        "{summary}"
    );
    assert!(summary.contains("projects created"), "{summary}");
    b.screenshot(shots, "import-05-iati-imported").await;
    b.assert_no_console_errors("the import page after importing an IATI file");
    b.open("/records/project?approval=draft").await;
    let drafts = b.text("main").await;
    let title = first_title(&xml);
    assert!(
        drafts.contains(&title),
        "{title} is not among the drafts: {drafts}"
    );
    b.screenshot(shots, "import-06-iati-projects").await;
    b.assert_no_console_errors("the draft projects");
}

/// Fills the import form the browser shows with `file` (and `kind`) and submits it as a
/// dry run or for real.
async fn submit(b: &Browser, file: &Path, kind: Option<&str>, dry_run: bool) {
    // chromedriver takes only canonical paths.
    let file = file.canonicalize().unwrap();
    b.find("#file")
        .await
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
    if let Some(kind) = kind {
        b.find("#kind").await.select_by_value(kind).await.unwrap();
    }
    let check = b.find("input[name='dry_run']").await;
    if check.is_selected().await.unwrap() != dry_run {
        check.click().await.unwrap();
    }
    b.click_and_load("form[action='/import'] button[type='submit']")
        .await;
}

/// The English title of the file's first activity.
fn first_title(xml: &str) -> String {
    let title = &xml[xml.find("<title>").expect("a title")..];
    let text = &title[title.find('>').unwrap() + 1..title.find("</title>").unwrap()];
    let narrative = &text[text.find("<narrative").expect("a narrative")..];
    let start = narrative.find('>').unwrap() + 1;
    let end = narrative.find("</narrative>").unwrap();
    narrative[start..end].trim().to_string()
}
