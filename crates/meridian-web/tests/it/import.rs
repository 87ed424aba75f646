//! The import page: a dry run reports and writes nothing, an import writes drafts of the
//! user's unit, a bad file is refused naming row and column; viewers may not import. IATI
//! files (real ones, from ../shared/data/iati-activities) take the same form: the admin
//! tries one, then imports it as projects; skipped activities are listed with field and
//! reason; broken XML is refused with 422; nobody else may import IATI.

use crate::support::{nmu, Page, Site};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use meridian_domain::{RecordBody, RecordKind};
use meridian_store::ListQuery;

const ORGS: &str = "名称（中文）,Name (English),Type,Founded\n\
    甲大学,Alpha Upload University,university,1990\n\
    乙医院,Beta Upload Hospital,医院,2001-05\n";

async fn upload(site: &Site, file: &str, bytes: &str, dry_run: bool, lang: &str) -> Page {
    upload_bytes(site, file, bytes.as_bytes(), dry_run, lang).await
}

/// Posts the import form with `bytes` as the file `file`.
async fn upload_bytes(site: &Site, file: &str, bytes: &[u8], dry_run: bool, lang: &str) -> Page {
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
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    ));
    let mut body = body.into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
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

/// Every live record of a kind.
async fn records(site: &Site, kind: RecordKind) -> Vec<meridian_store::StoredRecord> {
    let list = site
        .app
        .store()
        .list(&ListQuery {
            limit: 100_000,
            ..ListQuery::kind(kind)
        })
        .await
        .unwrap();
    list.items
}

async fn organizations(site: &Site) -> Vec<String> {
    records(site, RecordKind::Organization)
        .await
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

/// A file of the shared IATI corpus: its name and bytes.
fn iati_file(path: &str) -> (String, Vec<u8>) {
    let path = meridian_test_support::shared_data(&format!("iati-activities/{path}"));
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (name, bytes)
}

/// The number in `text` just before `word` (as in "3 activities").
fn count_before(text: &str, word: &str) -> usize {
    let at = text
        .find(word)
        .unwrap_or_else(|| panic!("no {word:?} in {text}"));
    let digits: String = text[..at]
        .trim_end()
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.chars().rev().collect::<String>().parse().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_tries_an_iati_file_then_imports_its_activities_as_projects() {
    let mut site = Site::with_demo().await;
    site.sign_in("admin").await;
    let (name, bytes) = iati_file("validator-test-files/multi-activity-one-with-errors.xml");
    let in_file = meridian_test_support::count_iati_activities(&bytes);
    let before: Vec<_> = records(&site, RecordKind::Project)
        .await
        .iter()
        .map(|r| r.id)
        .collect();
    let total = site.app.store().record_total().await.unwrap();

    let dry = upload_bytes(&site, &name, &bytes, true, "en").await;
    assert_eq!(dry.status, StatusCode::OK, "{}", dry.body);
    assert!(
        dry.body.contains(&format!(
            "{name} (IATI 2.03, dry run): {in_file} activities: would create"
        )),
        "{}",
        dry.body
    );
    let would = count_before(&dry.body, "projects, update");
    assert!(would > 0, "{}", dry.body);
    assert!(dry.body.contains("Nothing was written."), "{}", dry.body);
    assert_eq!(site.app.store().record_total().await.unwrap(), total);

    let done = upload_bytes(&site, &name, &bytes, false, "zh").await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(
        done.body.contains(&format!(
            "{name}（IATI 2.03）：共 {in_file} 项活动：新建项目 {would} 项"
        )),
        "{}",
        done.body
    );
    let organizations = count_before(&done.body, "个。");
    let after = records(&site, RecordKind::Project).await;
    assert_eq!(after.len(), before.len() + would);
    assert_eq!(
        site.app.store().record_total().await.unwrap(),
        total + (would + organizations) as u64
    );
    let new = after
        .iter()
        .find(|r| !before.contains(&r.id))
        .expect("a new project");
    assert!(
        matches!(&new.body, RecordBody::Project(p) if p.iati_identifier.is_some()),
        "an imported project keeps its IATI identifier: {new:?}"
    );
    assert_eq!(new.approval, meridian_domain::Approval::Draft);
    let history = site.app.store().history(new.id).await.unwrap();
    assert_eq!(
        history[0].comment.as_deref(),
        Some(format!("IATI import: {name}").as_str())
    );

    // The same file again matches what it made instead of adding to it.
    let again = upload_bytes(&site, &name, &bytes, true, "en").await;
    assert!(
        again.body.contains("would create 0 projects"),
        "{}",
        again.body
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn skipped_activities_are_listed_with_field_and_reason_in_the_users_language() {
    let mut site = Site::with_demo().await;
    site.sign_in("admin").await;
    let (name, bytes) = iati_file("legacy-1.0x/iati-schemas-testdata__worldbank.xml");
    let page = upload_bytes(&site, &name, &bytes, true, "zh").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("跳过的活动及原因"), "{}", page.body);
    let skipped = count_before(&page.body, "项；将新建机构");
    assert!(skipped > 0, "{}", page.body);
    assert!(
        page.body
            .contains("<td>project.countries[0]</td><td>“”不是 ISO 3166-1 国家代码</td>"),
        "a row names the field and the reason in Chinese: {}",
        page.body
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broken_iati_xml_is_refused_with_422_and_nothing_is_written() {
    let mut site = Site::with_demo().await;
    site.sign_in("admin").await;
    let total = site.app.store().record_total().await.unwrap();
    let (name, bytes) = iati_file("legacy-1.0x/iati-datastore-fixture__broken.xml");
    for lang in ["en", "zh"] {
        let page = upload_bytes(&site, &name, &bytes, false, lang).await;
        assert_eq!(
            page.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            page.body
        );
        let said = match lang {
            "en" => format!("{name} was refused and nothing was written"),
            _ => format!("{name} 被拒绝，未写入任何内容"),
        };
        assert!(page.body.contains(&said), "{}", page.body);
        // The reason in the page's language only.
        let (own, other) = match lang {
            "en" => ("not well-formed XML", "不是格式正确的 XML"),
            _ => ("不是格式正确的 XML", "not well-formed XML"),
        };
        assert!(page.body.contains(own), "{}", page.body);
        assert!(!page.body.contains(other), "{}", page.body);
    }
    assert_eq!(site.app.store().record_total().await.unwrap(), total);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_admin_may_import_iati_and_others_are_told_why() {
    let mut site = Site::with_demo().await;
    let total = site.app.store().record_total().await.unwrap();
    let (name, bytes) = iati_file("validator-test-files/multi-activity-one-with-errors.xml");
    for user in ["editor", "approver", "viewer"] {
        site.sign_in(user).await;
        let page = upload_bytes(&site, &name, &bytes, false, "en").await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{user}: {}", page.body);
    }
    site.sign_in("editor").await;
    let en = upload_bytes(&site, &name, &bytes, true, "en").await;
    assert!(
        en.body
            .contains("Only an administrator may import IATI files"),
        "{}",
        en.body
    );
    let zh = upload_bytes(&site, &name, &bytes, true, "zh").await;
    assert!(
        zh.body.contains("只有管理员可以导入 IATI 文件"),
        "{}",
        zh.body
    );
    assert_eq!(site.app.store().record_total().await.unwrap(), total);
}
