//! The import page: a dry run reports and writes nothing, an import writes drafts of the
//! user's unit, a bad file is refused naming row and column; viewers may not import.

use crate::support::{nmu, Page, Site};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use meridian_domain::RecordKind;
use meridian_store::ListQuery;

const ORGS: &str = "名称（中文）,Name (English),Type,Founded\n\
    甲大学,Alpha Upload University,university,1990\n\
    乙医院,Beta Upload Hospital,医院,2001-05\n";

async fn upload(site: &Site, file: &str, bytes: &str, dry_run: bool, lang: &str) -> Page {
    let boundary = "meridian-test-boundary";
    let mut body = String::new();
    let mut field = |name: &str, value: &str| {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    };
    field("csrf", &site.csrf());
    field("kind", "organization");
    if dry_run {
        field("dry_run", "1");
    }
    body.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file}\"\r\nContent-Type: text/csv\r\n\r\n{bytes}\r\n--{boundary}--\r\n"
    ));
    let request = Request::post("/import")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::COOKIE, site.cookie_header(lang))
        .body(Body::from(body))
        .unwrap();
    site.send(request).await
}

async fn organizations(site: &Site) -> Vec<String> {
    let list = site
        .app
        .store()
        .list(&ListQuery {
            limit: 10_000,
            ..ListQuery::kind(RecordKind::Organization)
        })
        .await
        .unwrap();
    list.items
        .iter()
        .filter_map(|r| r.body.title().en.clone())
        .collect()
}

#[tokio::test]
async fn a_dry_run_reports_then_the_import_writes_drafts_of_the_users_unit() {
    let site = Site::with_demo().await;
    let form = site.get("/import").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("enctype=\"multipart/form-data\""));

    let dry = upload(&site, "partners.csv", ORGS, true, "en").await;
    assert_eq!(dry.status, StatusCode::OK, "{}", dry.body);
    assert!(
        dry.body.contains("(dry run): would create 2"),
        "{}",
        dry.body
    );
    assert!(!organizations(&site)
        .await
        .contains(&"Alpha Upload University".to_string()));

    let done = upload(&site, "partners.csv", ORGS, false, "zh").await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("新建 2 条"), "{}", done.body);
    let all = site
        .app
        .find(
            RecordKind::Organization,
            &meridian_app::RecordFilter::default(),
            meridian_app::Sort::Created,
            0,
            usize::MAX,
        )
        .await
        .unwrap();
    let alpha = all
        .items
        .iter()
        .find(|r| r.body.title().en.as_deref() == Some("Alpha Upload University"))
        .expect("imported");
    assert_eq!(alpha.approval, meridian_domain::Approval::Draft);
    assert_eq!(alpha.unit, Some(nmu()));
    let history = site.app.store().history(alpha.id).await.unwrap();
    assert!(
        history[0]
            .comment
            .as_deref()
            .unwrap_or_default()
            .contains("partners.csv"),
        "{:?}",
        history[0].comment
    );
}

#[tokio::test]
async fn a_bad_file_is_refused_naming_row_and_column_and_writes_nothing() {
    let site = Site::with_demo().await;
    let before = organizations(&site).await.len();
    let bad = "名称（中文）,Name (English),Type,Founded\n甲大学,Gamma Upload College,castle,1990\n";
    let page = upload(&site, "bad.csv", bad, false, "en").await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    assert!(page.body.contains("nothing was written"), "{}", page.body);
    assert!(
        page.body.contains("<td>2</td><td>Type</td>"),
        "row 2, column Type: {}",
        page.body
    );
    assert_eq!(organizations(&site).await.len(), before);
}

#[tokio::test]
async fn viewers_may_not_import_and_a_form_without_the_csrf_token_is_refused() {
    let mut site = Site::with_demo().await;
    site.sign_in("viewer").await;
    assert_eq!(site.get("/import").await.status, StatusCode::FORBIDDEN);
    let page = upload(&site, "partners.csv", ORGS, false, "en").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    site.sign_out();
    let anonymous = upload(&site, "partners.csv", ORGS, false, "en").await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert!(!organizations(&site)
        .await
        .contains(&"Alpha Upload University".to_string()));
}
