//! The analytics and plan-progress pages: what they show from the demo, in both
//! languages, and their downloads.

use crate::support::Site;
use axum::http::{header, StatusCode};

#[tokio::test]
async fn the_progress_page_shows_the_seed_plan_in_both_languages() {
    let mut site = Site::with_demo().await;
    site.sign_in("viewer").await;
    let zh = site.get_in("/progress", "zh").await;
    assert_eq!(zh.status, StatusCode::OK, "{}", zh.body);
    for fact in [
        "国中医药国际发〔2021〕6号",
        "颁布中医药国际标准",
        "64",
        "暂无数据",
        "无量化目标",
        "建设一批国家中医药服务出口基地",
        "填报完整性",
    ] {
        assert!(zh.body.contains(fact), "{fact} missing");
    }
    let en = site.get_in("/progress", "en").await;
    for fact in [
        "Overseas TCM centres",
        "No numeric target",
        "Reminders: figures not yet reported",
        "data-chart=\"chart-",
    ] {
        assert!(en.body.contains(fact), "{fact} missing");
    }
    // The centres indicator is counted from records: none dated 2021–2025, the undated said.
    assert!(
        en.body.contains("not counted (no or uncertain date):"),
        "undated centres shown"
    );
    let xlsx = site.get("/progress?format=xlsx").await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert_eq!(
        xlsx.headers[header::CONTENT_TYPE],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let json = site.get("/progress?format=json").await;
    let value: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(value["indicators"].as_array().unwrap().len(), 9);
    assert_eq!(
        site.get("/progress?plan=not-an-id").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        site.get("/progress?format=pdfx").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_analytics_page_counts_maps_and_exports() {
    let mut site = Site::with_demo().await;
    site.sign_in("viewer").await;
    let page = site.get_in("/analytics?kind=centre", "en").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for fact in [
        "World map",
        "Partner network",
        "Gaps: countries with no centre, agreement or project",
        "data-chart=\"chart-map\"",
        "Europe",
        "Austria",
    ] {
        assert!(page.body.contains(fact), "{fact} missing");
    }
    // The map's JSON cannot close its script element.
    let map = page
        .body
        .split("id=\"chart-map\">")
        .nth(1)
        .unwrap()
        .split("</script>")
        .next()
        .unwrap();
    assert!(!map.contains('<'), "{map}");
    let csv = site
        .get("/analytics?kind=centre&export=country&format=csv")
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    // The CACMS centres: US, DE, NO, IT, AT, one each; Tsinghua's are in China.
    for line in ["AT,Austria,1", "US,United States,1"] {
        assert!(csv.body.contains(line), "{line} in {}", csv.body);
    }
    let zh = site
        .get_in("/analytics?kind=centre&export=continent&format=csv", "zh")
        .await;
    assert!(zh.body.contains("欧洲,4"), "{}", zh.body);
    assert_eq!(
        site.get("/analytics?export=nonsense").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_filtered_list_downloads_every_result_as_csv_and_json() {
    let mut site = Site::with_demo().await;
    site.sign_in("viewer").await;
    let page = site.get_in("/records/centre?country=US", "en").await;
    let links = page
        .body
        .split("class=\"downloads\"")
        .nth(1)
        .unwrap_or_default();
    let links = links.split("</p>").next().unwrap_or_default();
    assert!(
        links.contains("country=US&amp;format=csv"),
        "download link keeps the filter: {links}"
    );
    let csv = site
        .get_in("/records/centre?country=US&format=csv", "en")
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(
        lines.len(),
        2,
        "a header and the China-U.S. centre: {}",
        csv.body
    );
    assert!(
        lines[1].contains("China-U.S. TCM Center") && lines[1].contains("中美中医药中心"),
        "{}",
        lines[1]
    );
    let all = site.get_in("/records/centre?format=csv", "en").await;
    assert_eq!(
        all.body.lines().count(),
        1 + 9,
        "all nine demo centres, not one page: {}",
        all.body
    );
    let json = site
        .get_in("/records/centre?country=US&format=json", "en")
        .await;
    let records: Vec<serde_json::Value> = serde_json::from_str(&json.body).unwrap();
    assert_eq!(records.len(), 1, "the same one record: {}", json.body);
    assert_eq!(records[0]["data"]["country"], "US");
    assert_eq!(records[0]["kind"], "centre");
    assert_eq!(
        site.get("/records/centre?format=pdf").await.status,
        StatusCode::NOT_FOUND
    );
}
