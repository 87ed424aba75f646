//! Figures through the app: headlines phrased as the seeds phrase them, the seed plan's
//! progress, and one figure read through every path (analytics, progress, headline,
//! workbook, document, JSON) before and after a write.

use meridian_app::analytics::{Dimension, ProgressStatus, Selection, ValueSource};
use meridian_app::{App, ReportFormat};
use meridian_domain::{Approval, Lang, RecordBody, RecordId, RecordKind};
use meridian_report::inspect::{docx_chart_values, docx_text, xlsx_cells};
use meridian_store::{Actor, NewRecord};
use meridian_test_support::{both_backends, TestDb};

fn demo_id(key: &str) -> RecordId {
    let records = meridian_demo::records().unwrap();
    let record = records.iter().find(|r| r.key == key);
    record.unwrap_or_else(|| panic!("{key} is in the demo")).id
}

async fn headline_texts(app: &App, unit: RecordId, lang: Lang) -> Vec<String> {
    app.analytics(|a| {
        a.headlines(unit, lang)
            .into_iter()
            .map(|h| h.text)
            .collect()
    })
    .await
    .unwrap()
}

both_backends!(
    cacms_headlines_read_as_the_seed_in_both_languages,
    |db: TestDb| async move {
        let app = App::new(db.open().await);
        app.load_demo().await.unwrap();
        let cacms = demo_id("org:cacms");
        let en = headline_texts(&app, cacms, Lang::En).await;
        let zh = headline_texts(&app, cacms, Lang::Zh).await;
        for sentence in [
            "received more than 6,800 government officials from more than 50 countries, regions and international organizations",
            "gave more than 500 Chinese medicine lectures abroad, covering more than 40 countries and regions",
            "hosted more than 110 important international conferences",
            "signed nearly 200 cooperation agreements with more than 40 countries and regions",
            "built 5 national-level overseas TCM centres",
        ] {
            assert!(en.iter().any(|h| h == sentence), "{sentence:?} not in {en:#?}");
        }
        for sentence in [
            "接待了来自50多个国家、地区和国际组织的6800多名政府官员",
            "与40多个国家和地区签署合作协议近200项",
            "建设5个国家级中医药海外中心",
        ] {
            assert!(
                zh.iter().any(|h| h == sentence),
                "{sentence:?} not in {zh:#?}"
            );
        }
        // Each figure links to what is behind it.
        let officials = app
            .analytics(|a| {
                let indicator = a.indicator_by_code("officials_received").unwrap();
                a.headline(indicator, cacms, Lang::En).unwrap()
            })
            .await
            .unwrap();
        let sources: Vec<(String, ValueSource)> = officials
            .figures
            .iter()
            .map(|f| (f.key.clone(), f.value.source.clone()))
            .collect();
        assert_eq!(
            sources,
            vec![
                (
                    "value".to_string(),
                    ValueSource::Reported {
                        figures: vec![demo_id("figure:cacms:officials_received")]
                    }
                ),
                (
                    "official_visitor_origins".to_string(),
                    ValueSource::Reported {
                        figures: vec![demo_id("figure:cacms:official_visitor_origins")]
                    }
                ),
            ]
        );
    }
);

both_backends!(
    the_seed_plan_shows_its_baselines_targets_and_tasks,
    |db: TestDb| async move {
        let app = App::new(db.open().await);
        app.load_demo().await.unwrap();
        let progress = app.plan_progress(None).await.unwrap();
        assert_eq!(
            progress.document_number.as_deref(),
            Some("国中医药国际发〔2021〕6号")
        );
        assert_eq!(progress.indicators.len(), 9);
        assert_eq!(progress.areas.len(), 8);
        let by_code = |code: &str| progress.indicators.iter().find(|i| i.code == code).unwrap();
        assert_eq!(
            by_code("tcm_countries_reached")
                .baseline
                .as_ref()
                .unwrap()
                .value
                .value,
            196.0
        );
        assert_eq!(
            by_code("tcm_product_trade_usd")
                .baseline
                .as_ref()
                .unwrap()
                .value
                .value,
            28_190_000_000.0
        );
        let centres = by_code("overseas_tcm_centres");
        assert_eq!(centres.overall.target.unwrap().value, 30.0);
        assert_eq!(centres.baseline.as_ref().unwrap().value.value, 30.0);
        // Computed from centre records: the seeds give no designation dates, so none counts
        // for 2021–2025 and the undated ones are reported beside the zero.
        let actual = centres.overall.actual.as_ref().unwrap();
        assert_eq!(actual.quantity.value, 0.0);
        let ValueSource::Computed { undated, .. } = actual.source else {
            panic!("computed")
        };
        assert!(
            undated >= 5,
            "the five CACMS centres have no date: {undated}"
        );
        assert_eq!(
            by_code("international_tcm_standards")
                .overall
                .target
                .unwrap()
                .value,
            30.0
        );
        assert_eq!(
            by_code("tcm_service_export_bases").overall.status,
            ProgressStatus::NoTarget
        );
        // Reported indicators with no figure for the plan's years: no data, and NATCM is
        // reminded of every ended year.
        assert_eq!(
            by_code("international_tcm_standards").overall.status,
            ProgressStatus::NoData
        );
        let natcm = demo_id("org:natcm");
        let standards = by_code("international_tcm_standards").indicator;
        let years: Vec<i32> = progress
            .completeness
            .reminders
            .iter()
            .filter(|r| r.indicator == standards && r.unit == natcm)
            .map(|r| r.year)
            .collect();
        assert_eq!(years, vec![2021, 2022, 2023, 2024, 2025]);
    }
);

fn column(sheet: &[Vec<String>], header: &str) -> usize {
    let header_row = sheet
        .iter()
        .find(|r| r.iter().any(|c| c == "Indicator"))
        .unwrap();
    header_row
        .iter()
        .position(|c| c == header)
        .unwrap_or_else(|| panic!("{header} in {header_row:?}"))
}

/// The overseas-centres figure as every path gives it.
async fn centres_everywhere(app: &App) -> Vec<(String, f64)> {
    let progress = app.plan_progress(None).await.unwrap();
    let centres = progress
        .indicators
        .iter()
        .find(|i| i.code == "overseas_tcm_centres")
        .unwrap();
    let from_progress = centres.overall.actual.as_ref().unwrap().quantity.value;
    let indicator = centres.indicator;
    let period = centres.period.clone();
    let (direct, counted) = app
        .analytics(move |a| {
            let held = a.indicator(indicator).unwrap();
            let direct = a
                .indicator_value(held, None, &period)
                .unwrap()
                .quantity
                .value;
            let computation = held.value.computation.clone().unwrap();
            let selection = Selection::of_computation(&computation, &period);
            let counted = a.breakdown(&selection, Dimension::Year).total.value as f64;
            (direct, counted)
        })
        .await
        .unwrap();

    let xlsx = app
        .progress_report(None, ReportFormat::Xlsx, Lang::En)
        .await
        .unwrap();
    let sheets = xlsx_cells(&xlsx).unwrap();
    let overview = &sheets[0].1;
    let row = overview
        .iter()
        .find(|r| r.first().map(String::as_str) == Some("Overseas TCM centres"))
        .unwrap();
    let from_xlsx: f64 = row[column(overview, "Actual")].parse().unwrap();

    let json = app
        .progress_report(None, ReportFormat::Json, Lang::En)
        .await
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let from_json = json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "overseas_tcm_centres")
        .unwrap()["overall"]["actual"]["quantity"]["value"]
        .as_f64()
        .unwrap();

    let docx = app
        .progress_report(None, ReportFormat::Docx, Lang::En)
        .await
        .unwrap();
    let charts = docx_chart_values(&docx).unwrap();
    // Charts follow the task areas: standards (target 30) in area 一, then centres
    // (target 30) and bases in area 二; each is cumulative actual bars, then the target line.
    let pairs: Vec<_> = charts
        .chunks(2)
        .filter(|pair| pair.len() == 2 && pair[1].1.iter().all(|v| *v == Some(30.0)))
        .collect();
    assert_eq!(pairs.len(), 2, "{charts:?}");
    let bars = pairs[1][0].1.last().copied().flatten().unwrap_or(f64::NAN);
    assert!(docx_text(&docx).unwrap().contains("Overseas TCM centres"));
    vec![
        ("progress".into(), from_progress),
        ("indicator_value".into(), direct),
        ("breakdown total".into(), counted),
        ("xlsx".into(), from_xlsx),
        ("json".into(), from_json),
        ("docx chart".into(), bars),
    ]
}

both_backends!(
    one_figure_reads_the_same_through_every_path,
    |db: TestDb| async move {
        let app = App::new(db.open().await);
        app.load_demo().await.unwrap();
        for (path, value) in centres_everywhere(&app).await {
            assert_eq!(value, 0.0, "{path}");
        }
        // A centre designated in 2022, approved, owned by CACMS: every path counts it at once.
        let centre = RecordBody::from_data(
        RecordKind::Centre,
        serde_json::json!({"name": {"en": "China-Kenya TCM Centre", "zh": "中肯中医药中心"},
            "kind": "overseas_tcm_centre", "country": "KE", "designated": "2022-06", "status": "active",
            "host": demo_id("org:cacms").to_string()}),
    )
    .unwrap();
        let new = NewRecord {
            id: None,
            body: centre,
            approval: Approval::Approved,
            unit: Some(demo_id("org:cacms")),
        };
        app.create(new, &Actor::new("tester")).await.unwrap();
        for (path, value) in centres_everywhere(&app).await {
            assert_eq!(value, 1.0, "{path}");
        }
        let en = headline_texts(&app, demo_id("org:cacms"), Lang::En).await;
        assert!(
            en.iter()
                .any(|h| h == "built 6 national-level overseas TCM centres"),
            "{en:#?}"
        );
    }
);

both_backends!(
    the_progress_workbook_has_a_sheet_per_task_area,
    |db: TestDb| async move {
        let app = App::new(db.open().await);
        app.load_demo().await.unwrap();
        let xlsx = app
            .progress_report(None, ReportFormat::Xlsx, Lang::Zh)
            .await
            .unwrap();
        let sheets = xlsx_cells(&xlsx).unwrap();
        let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names.first(), Some(&"总览"));
        assert_eq!(names.last(), Some(&"填报完整性"));
        // Areas (一), (二), (四) and (八) name indicators.
        assert_eq!(names.len(), 6, "{names:?}");
        let overview = &sheets[0].1;
        assert!(overview
            .iter()
            .any(|r| r.iter().any(|c| c == "国中医药国际发〔2021〕6号")));
        let standards = overview
            .iter()
            .find(|r| r.first().map(String::as_str) == Some("颁布中医药国际标准"))
            .unwrap();
        assert!(
            standards.contains(&"64".to_string()),
            "baseline 64: {standards:?}"
        );
        assert!(
            standards.contains(&"30".to_string()),
            "target 30: {standards:?}"
        );
        assert!(standards.contains(&"暂无数据".to_string()), "{standards:?}");
        let docx = app
            .progress_report(None, ReportFormat::Docx, Lang::Zh)
            .await
            .unwrap();
        let text = docx_text(&docx).unwrap();
        assert!(
            text.contains("推进中医药高质量融入共建“一带一路”发展规划（2021—2025年）"),
            "the plan's title: {text}"
        );
        assert!(text.contains("国中医药国际发〔2021〕6号"));
        assert!(text.contains("填报完整性"));
    }
);
