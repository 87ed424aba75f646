//! The public portal: the seeds' facts page by page in both languages, only approved
//! records, links between the languages, the sitemap.

use crate::support::{first_link, nmu, Site};
use axum::http::StatusCode;
use meridian_domain::RecordId;

fn id(key: &str) -> RecordId {
    RecordId::named(key)
}

#[tokio::test]
async fn nmu_lists_its_international_organizations_as_seed_001_does() {
    let site = Site::anonymous().await;
    let en = site
        .get(&format!("/portal/en/institutions/{}", nmu()))
        .await;
    assert_eq!(en.status, StatusCode::OK, "{}", en.body);
    let table = en
        .body
        .split("<table class=\"organizations\">")
        .nth(1)
        .unwrap()
        .split("</table>")
        .next()
        .unwrap();
    let rows: Vec<&str> = table.split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), 6, "six organizations: {table}");
    let row = |name: &str| {
        *rows
            .iter()
            .find(|r| r.contains(name))
            .unwrap_or_else(|| panic!("{name} in {table}"))
    };
    let brfhp = row("Belt and Road Federation for Health Promotion");
    assert!(
        brfhp.contains("<td>Nanjing Medical University</td>"),
        "{brfhp}"
    );
    assert!(
        brfhp.contains("<td>Nov 11, 2019, Founding Member</td>"),
        "{brfhp}"
    );
    let sino_russian = row("Association of Sino-Russian Medical Universities");
    assert!(
        sino_russian.contains("92 high level medical universities"),
        "the introduction: {sino_russian}"
    );
    assert!(
        sino_russian.ends_with("<td></td></tr>\n") || sino_russian.contains("<td></td></tr>"),
        "no entrance time or role given: {sino_russian}"
    );
    // Exactly as seed 001 words each entrance time and role.
    for (name, entrance) in [
        (
            "Belt and Road International Medical Education Alliance",
            "May 2018, Founding Member",
        ),
        ("M9 Collaboration Network", "July 9, 2021, Founding Member"),
        ("Eurasia-Pacific Uninet", "October 2009, Member"),
    ] {
        assert!(
            row(name).contains(&format!("<td>{entrance}</td>")),
            "{name}: {}",
            row(name)
        );
    }
    let zh = site
        .get(&format!("/portal/zh/institutions/{}", nmu()))
        .await;
    assert!(
        zh.body.contains("2019年11月11日，创始成员"),
        "Chinese entrance time and role"
    );
    assert!(zh.body.contains("“一带一路”健康促进联盟"));
}

#[tokio::test]
async fn tsinghua_shows_its_partners_by_area_with_related_news_as_seed_002_does() {
    let site = Site::anonymous().await;
    let page = site
        .get(&format!("/portal/en/institutions/{}", id("org:thu_som")))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    for (area, partner, news) in [
        (
            "government",
            "Center for Drug Evaluation",
            "Medical Regulatory Scientific Research Center",
        ),
        ("international", "Johns Hopkins", "Double Master"),
        (
            "hospital",
            "Beijing Hospital",
            "China-Japan Friendship Hospital became a teaching",
        ),
        (
            "enterprise",
            "Boehringer Ingelheim",
            "Boehringer Ingelheim signe",
        ),
    ] {
        let section = page
            .body
            .split(&format!("data-area=\"{area}\""))
            .nth(1)
            .unwrap_or_else(|| panic!("{area} group"));
        let section = section.split("</section>").next().unwrap();
        assert!(
            section.contains(partner),
            "{partner} under {area}: {section}"
        );
        assert!(section.contains(news), "{news} under {area}: {section}");
    }
    let zh = site
        .get(&format!("/portal/zh/institutions/{}", id("org:thu_som")))
        .await;
    for (area, label, partner, news) in [
        (
            "government",
            "政府合作",
            "药品审评中心",
            "医学监管科学研究中心",
        ),
        (
            "international",
            "国际合作",
            "约翰斯·霍普金斯大学",
            "双硕士学位项目",
        ),
        (
            "hospital",
            "医院合作",
            "北京医院",
            "中日友好医院成为清华大学医学院教学医院",
        ),
        (
            "enterprise",
            "企业合作",
            "勃林格殷格翰",
            "感染性疾病免疫治疗联合研究中心",
        ),
    ] {
        let section = zh
            .body
            .split(&format!("data-area=\"{area}\""))
            .nth(1)
            .unwrap_or_else(|| panic!("{area} group"));
        let section = section.split("</section>").next().unwrap();
        for fact in [label, partner, news] {
            assert!(section.contains(fact), "{fact} under {area}: {section}");
        }
    }
}

#[tokio::test]
async fn cacms_overview_shows_its_figures_with_their_qualifiers() {
    let site = Site::anonymous().await;
    let en = site
        .get(&format!("/portal/en/institutions/{}", id("org:cacms")))
        .await;
    assert!(en.body.contains("received more than 6,800 government officials from more than 50 countries, regions and international organizations"));
    assert!(
        en.body.contains("nearly 200 agreements"),
        "the reported figure with its qualifier"
    );
    let zh = site
        .get(&format!("/portal/zh/institutions/{}", id("org:cacms")))
        .await;
    assert!(zh
        .body
        .contains("接待了来自50多个国家、地区和国际组织的6800多名政府官员"));
    // Links between the two languages.
    let zh_body = zh.body.replace("&#x2f;", "/");
    assert!(zh_body.contains(&format!(
        "hreflang=\"en\" href=\"/portal/en/institutions/{}\"",
        id("org:cacms")
    )));
}

#[tokio::test]
async fn only_approved_records_reach_the_portal() {
    let mut site = Site::anonymous().await;
    site.sign_in("editor").await;
    // A draft partnership of NMU with a marker in its scope, and a draft organization.
    let form = [
        ("name.zh", "草稿标记机构"),
        ("name.en", "DRAFT-MARKER-7731 Institute"),
        ("org_type", "university"),
        ("country", "FR"),
    ];
    let created = site.post("/records/organization", &form).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    site.sign_out();
    let mut pages = vec!["/portal/zh/".to_string(), "/portal/en/".to_string()];
    let sitemap = site.get("/portal/sitemap.xml").await;
    assert_eq!(sitemap.status, StatusCode::OK);
    for loc in sitemap.body.split("<loc>").skip(1) {
        pages.push(loc.split("</loc>").next().unwrap().to_string());
    }
    assert!(
        pages.len() >= 2 + 2 * 3,
        "home and the institutions in both languages: {pages:?}"
    );
    for path in pages {
        let page = site.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(
            !page.body.contains("DRAFT-MARKER-7731") && !page.body.contains("草稿标记"),
            "{path} shows a draft"
        );
    }
    let draft = created.location.unwrap();
    let draft_id = draft.rsplit('/').next().unwrap();
    let page = site
        .get(&format!("/portal/en/institutions/{draft_id}"))
        .await;
    assert_eq!(
        page.status,
        StatusCode::NOT_FOUND,
        "a draft's address reveals nothing"
    );
}

#[tokio::test]
async fn the_home_page_has_figures_a_map_and_news() {
    let site = Site::anonymous().await;
    let en = site.get("/portal/en/").await;
    assert_eq!(en.status, StatusCode::OK);
    assert!(en.body.contains("data-chart=\"portal-map\""));
    assert!(
        en.body.contains("Nanjing Medical University"),
        "institutions listed"
    );
    assert!(en
        .body
        .replace("&#x2f;", "/")
        .contains("hreflang=\"zh-CN\" href=\"/portal/zh/\""));
    assert_eq!(site.get("/portal").await.status, StatusCode::SEE_OTHER);
    assert_eq!(site.get("/portal/fr/").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn pages_are_cached_until_a_record_changes_and_carry_etags() {
    let mut site = Site::anonymous().await;
    let path = format!("/portal/en/institutions/{}", nmu());
    let first = site.get(&path).await;
    let etag = first.headers[axum::http::header::ETAG]
        .to_str()
        .unwrap()
        .to_string();
    let again = site.get(&path).await;
    assert_eq!(
        again.headers[axum::http::header::ETAG].to_str().unwrap(),
        etag,
        "served from the cache"
    );
    let request = axum::http::Request::get(&path)
        .header(axum::http::header::IF_NONE_MATCH, &etag)
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(site.send(request).await.status, StatusCode::NOT_MODIFIED);
    // An approved organization renamed: the page changes at once.
    site.sign_in("admin").await;
    let org = format!("/records/organization/{}", id("org:brfhp"));
    let edit = site.get(&format!("{org}/edit")).await;
    let version = edit
        .body
        .split("name=\"version\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let saved = site
        .post(
            &org,
            &[
                ("version", &version),
                ("name.zh", "“一带一路”健康促进联盟"),
                ("name.en", "Renamed Federation for Health"),
                ("org_type", "alliance"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    site.sign_out();
    let after = site.get(&path).await;
    assert_ne!(
        after.headers[axum::http::header::ETAG].to_str().unwrap(),
        etag
    );
    assert!(
        after.body.contains("Renamed Federation for Health"),
        "the change is on the portal"
    );
}

#[tokio::test]
async fn the_partner_directory_filters_and_downloads_what_it_shows() {
    let site = Site::anonymous().await;
    let page = site.get("/portal/en/partners?country=US").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Johns Hopkins University"));
    assert!(
        !page.body.contains("Nanjing Medical University"),
        "only the US"
    );
    let shown = page.body.matches("<th scope=\"row\">").count();
    let csv = site.get("/portal/en/partners?format=csv&country=US").await;
    assert_eq!(
        csv.body.lines().count(),
        shown + 1,
        "the same rows as the page: {}",
        csv.body
    );
    let json = site.get("/portal/zh/partners?format=json&country=US").await;
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json.body).unwrap();
    assert_eq!(rows.len(), shown);
    assert!(json.body.contains("美国"), "in the page's language");
    let news = site.get("/portal/en/news?format=csv").await;
    assert!(news.body.contains("Clinical Trial Center"), "{}", news.body);
}

#[tokio::test]
async fn the_plan_page_shows_baselines_and_targets_as_seed_004_does() {
    let site = Site::anonymous().await;
    let zh = site.get("/portal/zh/plan").await;
    assert_eq!(zh.status, StatusCode::OK, "{}", zh.body);
    for fact in [
        "国中医药国际发〔2021〕6号",
        "颁布中医药国际标准",
        "64项",
        "196个",
        "建设一批国家中医药服务出口基地",
    ] {
        assert!(zh.body.contains(fact), "{fact} missing");
    }
    assert!(!zh.body.contains("待填报提醒"), "reminders are internal");
}

#[tokio::test]
async fn an_inquiry_is_stored_as_a_draft_for_its_institution_and_never_published() {
    let mut site = Site::anonymous().await;
    let form = site
        .get_in(&format!("/portal/en/contact?to={}", nmu()), "en")
        .await;
    assert!(
        form.body.contains("Nanjing Medical University"),
        "addressed to NMU"
    );
    let to = nmu().to_string();
    let sent = site
        .post_raw(
            "/portal/en/contact",
            &[
                ("to", &to),
                ("name", "Marie Curie"),
                ("organization_name", "INQUIRY-MARKER Institut"),
                ("email", "marie@example.org"),
                ("country", "fr"),
                ("interest", "academic"),
                ("message", "We would like to exchange students."),
                ("website", ""),
            ],
            "en",
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(sent.location.as_deref(), Some("/portal/en/contact/sent"));
    // Staff of NMU see it as a new draft inquiry.
    site.sign_in("viewer").await;
    let list = site.get_in("/records/inquiry", "en").await;
    assert!(list.body.contains("Marie Curie"), "{}", list.body);
    // The inbox: tabs count inquiries by follow-up status and filter on it.
    let new_tab = |n: usize| format!("New <span class=\"count\">{n}</span>");
    assert!(list.body.contains(&new_tab(1)), "{}", list.body);
    let inbox = |status: &'static str| {
        let site = &site;
        async move {
            site.get_in(&format!("/records/inquiry?status={status}"), "en")
                .await
                .body
        }
    };
    assert!(inbox("new").await.contains("Marie Curie"));
    assert!(!inbox("contacted").await.contains("Marie Curie"));
    // Staff follow it up: contacted.
    let link = first_link(&inbox("new").await, "inquiry");
    let id: RecordId = link.rsplit('/').next().unwrap().parse().unwrap();
    let record = site.app.store().get(id).await.unwrap();
    let meridian_domain::RecordBody::Inquiry(mut inquiry) = record.body.clone() else {
        panic!("an inquiry");
    };
    inquiry.status = meridian_domain::records::InquiryStatus::Contacted;
    let change = meridian_store::Change::body_of(&record, inquiry.into());
    let actor = meridian_store::Actor::new("staff");
    site.app
        .update(id, record.version, change, &actor)
        .await
        .unwrap();
    let contacted = inbox("contacted").await;
    assert!(contacted.contains("Marie Curie"), "{contacted}");
    assert!(contacted.contains("Contacted <span class=\"count\">1</span>"));
    assert!(!inbox("new").await.contains("Marie Curie"));
    site.sign_out();
    for page in ["/portal/en/", &format!("/portal/en/institutions/{}", nmu())] {
        assert!(
            !site.get(page).await.body.contains("INQUIRY-MARKER"),
            "{page}"
        );
    }
}

#[tokio::test]
async fn a_bad_inquiry_is_shown_again_with_its_problems_and_robots_and_floods_are_stopped() {
    let site = Site::anonymous().await;
    // The form page was seen (and cached) before it is sent.
    assert_eq!(site.get("/portal/zh/contact").await.status, StatusCode::OK);
    let bad = site
        .post_raw(
            "/portal/zh/contact",
            &[
                ("name", "王"),
                ("email", "not-an-email"),
                ("message", "合作"),
            ],
            "zh",
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("格式不正确"),
        "the problem in Chinese: {}",
        bad.body
    );
    assert!(bad.body.contains("value=\"王\""), "what was typed is kept");
    // A filled honeypot is thanked and dropped.
    let robot = site
        .post_raw(
            "/portal/en/contact",
            &[
                ("name", "Bot"),
                ("email", "bot@example.org"),
                ("message", "spam"),
                ("website", "http://spam.example"),
            ],
            "en",
        )
        .await;
    assert_eq!(robot.status, StatusCode::SEE_OTHER);
    // Five an hour from one address; the bad one above counted.
    let mut statuses = Vec::new();
    for i in 0..5 {
        let email = format!("p{i}@example.org");
        let page = site
            .post_raw(
                "/portal/en/contact",
                &[("name", "Person"), ("email", &email), ("message", "Hello")],
                "en",
            )
            .await;
        statuses.push(page.status);
    }
    assert_eq!(statuses[..4], [StatusCode::SEE_OTHER; 4]);
    assert_eq!(statuses[4], StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn approving_editing_and_withdrawing_a_record_shows_on_the_portal_and_in_its_export() {
    use meridian_app::Transition;
    use meridian_domain::{Approval, RecordBody, RecordKind};
    use meridian_store::{Actor, Change, NewRecord};
    let site = Site::anonymous().await;
    let app = &site.app;
    let actor = Actor::new("tester");
    let org = |en: &str| {
        RecordBody::from_data(
            RecordKind::Organization,
            serde_json::json!({"name": {"zh": "测试联盟", "en": en}, "org_type": "alliance", "country": "FR"}),
        )
        .unwrap()
    };
    let alliance = app
        .create(
            NewRecord {
                id: None,
                body: org("Quokka Alliance"),
                approval: Approval::Draft,
                unit: Some(nmu()),
            },
            &actor,
        )
        .await
        .unwrap();
    let membership = RecordBody::from_data(
        RecordKind::Membership,
        serde_json::json!({"member": nmu().to_string(), "organization": alliance.id.to_string(), "joined": "2024-03", "role": "member", "status": "active"}),
    )
    .unwrap();
    let membership = app
        .create(
            NewRecord {
                id: None,
                body: membership,
                approval: Approval::Draft,
                unit: Some(nmu()),
            },
            &actor,
        )
        .await
        .unwrap();
    let page = format!("/portal/en/institutions/{}", nmu());
    let exported = |dir: &std::path::Path| {
        std::fs::read_to_string(dir.join(format!("portal/en/institutions/{}/index.html", nmu())))
            .unwrap()
    };
    assert!(
        !site.get(&page).await.body.contains("Quokka Alliance"),
        "drafts are not shown"
    );

    // Approved: on the portal and in the export.
    let mut versions = std::collections::HashMap::new();
    for (kind, record) in [
        (RecordKind::Organization, &alliance),
        (RecordKind::Membership, &membership),
    ] {
        let submitted = app
            .transition(
                kind,
                record.id,
                record.version,
                Transition::Submit,
                None,
                &actor,
            )
            .await
            .unwrap();
        let approved = app
            .transition(
                kind,
                record.id,
                submitted.version,
                Transition::Approve,
                None,
                &actor,
            )
            .await
            .unwrap();
        versions.insert(record.id, approved.version);
    }
    assert!(site.get(&page).await.body.contains("March 2024, Member"));
    let dir = tempfile::tempdir().unwrap();
    meridian_web::export_portal(app.clone(), dir.path())
        .await
        .unwrap();
    assert!(exported(dir.path()).contains("Quokka Alliance"));

    // Edited: the new name.
    let current = app.store().get(alliance.id).await.unwrap();
    app.update(
        alliance.id,
        current.version,
        Change::body_of(&current, org("Wombat Alliance")),
        &actor,
    )
    .await
    .unwrap();
    let now = site.get(&page).await.body;
    assert!(
        now.contains("Wombat Alliance") && !now.contains("Quokka Alliance"),
        "the edit shows"
    );
    meridian_web::export_portal(app.clone(), dir.path())
        .await
        .unwrap();
    assert!(exported(dir.path()).contains("Wombat Alliance"));

    // Withdrawn: gone.
    let current = app.store().get(membership.id).await.unwrap();
    app.transition(
        RecordKind::Membership,
        membership.id,
        current.version,
        Transition::Archive,
        None,
        &actor,
    )
    .await
    .unwrap();
    assert!(
        !site.get(&page).await.body.contains("Wombat Alliance"),
        "withdrawn"
    );
    meridian_web::export_portal(app.clone(), dir.path())
        .await
        .unwrap();
    assert!(!exported(dir.path()).contains("Wombat Alliance"));
}

#[tokio::test]
async fn pages_are_compressed_for_browsers_that_accept_gzip() {
    let site = Site::anonymous().await;
    let request = axum::http::Request::get("/portal/en/partners")
        .header(axum::http::header::ACCEPT_ENCODING, "gzip")
        .body(axum::body::Body::empty())
        .unwrap();
    let page = site.send(request).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers[axum::http::header::CONTENT_ENCODING], "gzip");
    let plain = site.get("/portal/en/partners").await;
    assert!(plain
        .headers
        .get(axum::http::header::CONTENT_ENCODING)
        .is_none());
}

#[tokio::test]
async fn record_pages_show_approved_records_and_link_only_to_approved_ones() {
    let mut site = Site::anonymous().await;
    let brfhp = id("org:brfhp");
    let page = site
        .get(&format!("/portal/en/records/organization/{brfhp}"))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page
        .body
        .contains("Belt and Road Federation for Health Promotion"));
    let body = page.body.replace("&#x2f;", "/");
    assert!(
        body.contains(&format!("/portal/en/records/organization/{}", nmu())),
        "its founder links to the portal page"
    );
    assert!(
        !body.contains("href=\"/records/"),
        "no links into the application"
    );
    // An inquiry is never public, nor is a record under another kind's address.
    assert_eq!(
        site.get(&format!("/portal/en/records/inquiry/{brfhp}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        site.get(&format!("/portal/en/records/centre/{brfhp}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // A draft is not found.
    site.sign_in("editor").await;
    let created = site
        .post(
            "/records/organization",
            &[("name.en", "DRAFT-RECORD-99"), ("org_type", "university")],
        )
        .await;
    site.sign_out();
    let draft = created.location.unwrap();
    let draft_id = draft.rsplit('/').next().unwrap();
    assert_eq!(
        site.get(&format!("/portal/en/records/organization/{draft_id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_national_page_shows_the_white_papers_figures_projects_and_activities() {
    let site = Site::anonymous().await;
    let en = site.get("/portal/en/national").await;
    assert_eq!(en.status, StatusCode::OK, "{}", en.body);
    for fact in [
        "about 260 million",
        "73 countries",
        "Sending medical aid teams abroad",
        "China-ASEAN health cooperation",
        "Medical and Health Services in China",
    ] {
        assert!(en.body.contains(fact), "{fact} missing");
    }
    let zh = site.get("/portal/zh/national").await;
    for fact in ["约2.6亿", "中国的医疗卫生事业"] {
        assert!(zh.body.contains(fact), "{fact} missing");
    }
}

#[tokio::test]
async fn nmus_table_downloads_with_the_rows_the_page_shows() {
    let site = Site::anonymous().await;
    let csv = site
        .get(&format!(
            "/portal/en/institutions/{}/organizations.csv",
            nmu()
        ))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.body.contains("Nov 11, 2019, Founding Member"),
        "{}",
        csv.body
    );
    let json = site
        .get(&format!(
            "/portal/zh/institutions/{}/organizations.json",
            nmu()
        ))
        .await;
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json.body).unwrap();
    assert_eq!(rows.len(), 6);
    assert!(
        rows[0]["发起单位"].as_str().is_some(),
        "headers in the page language"
    );
    assert_eq!(
        site.get(&format!("/portal/en/institutions/{}/secrets.csv", nmu()))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_national_tables_download_with_the_rows_the_page_shows() {
    let site = Site::anonymous().await;
    let page = site.get("/portal/en/national").await;
    let shown = page
        .body
        .split("id=\"activities-h\"")
        .nth(1)
        .unwrap()
        .split("</table>")
        .next()
        .unwrap()
        .matches("<th scope=\"row\">")
        .count();
    let csv = site.get("/portal/en/national/activities.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.body.lines().count(), shown + 1, "{}", csv.body);
    assert!(csv.body.contains("Sending medical aid teams abroad"));
    let json = site.get("/portal/zh/national/figures.json").await;
    assert!(json.body.contains("约2.6亿"), "{}", json.body);
    assert_eq!(
        site.get("/portal/en/national/secrets.csv").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn tsinghuas_partners_download_by_area() {
    let site = Site::anonymous().await;
    let thu = id("org:thu_som");
    let page = site.get(&format!("/portal/en/institutions/{thu}")).await;
    let shown = page
        .body
        .split("class=\"partners\"")
        .skip(1)
        .map(|list| list.split("</ul>").next().unwrap().matches("<li>").count())
        .sum::<usize>();
    let csv = site
        .get(&format!("/portal/en/institutions/{thu}/partners.csv"))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.body.lines().count(), shown + 1, "{}", csv.body);
    assert!(
        csv.body
            .contains("Government cooperation,Center for Drug Evaluation"),
        "{}",
        csv.body
    );
    let json = site
        .get(&format!("/portal/zh/institutions/{thu}/partners.json"))
        .await;
    assert!(json.body.contains("药品审评中心"));
}

#[tokio::test]
async fn the_centres_directory_filters_by_country_and_kind_and_downloads_what_it_shows() {
    let site = Site::anonymous().await;
    let page = site
        .get("/portal/en/centres?country=de&type=overseas_tcm_centre")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("China-Germany TCM Center"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("<td>China Academy of Chinese Medical Sciences</td>"),
        "its host"
    );
    assert!(!page.body.contains("China-U.S. TCM Center"), "only Germany");
    let all = site.get("/portal/en/centres").await;
    assert!(all.body.contains("China-U.S. TCM Center"));
    assert!(all
        .body
        .contains("Medical Regulatory Science Research Center"));
    let teaching = site.get("/portal/en/centres?type=teaching_hospital").await;
    assert!(
        !teaching.body.contains("TCM Center"),
        "only teaching hospitals"
    );
    let shown = all.body.matches("<th scope=\"row\">").count();
    let csv = site.get("/portal/en/centres.csv").await;
    assert_eq!(csv.body.lines().count(), shown + 1, "{}", csv.body);
    let json = site.get("/portal/zh/centres?format=json&country=DE").await;
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json.body).unwrap();
    assert_eq!(rows.len(), 1, "{}", json.body);
    assert!(
        json.body.contains("中德中医药中心"),
        "in the page's language"
    );
    let zh = site.get("/portal/zh/centres").await;
    assert_eq!(zh.status, StatusCode::OK, "{}", zh.body);
    assert!(zh.body.contains("中德中医药中心"));
    let sitemap = site.get("/portal/sitemap.xml").await;
    assert!(sitemap.body.contains("/portal/zh/centres"));
}
