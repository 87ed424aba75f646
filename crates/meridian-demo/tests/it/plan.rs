//! Seed 004, the 2021–2025 plan for TCM in the Belt and Road: the notice, eight task areas
//! with their numbered tasks, baselines and targets, safeguards, and what the plan reports.

use crate::support::*;
use meridian_domain::records::{CentreKind, Level, OutputKind, Plan};
use meridian_domain::{PartialDate, Period, Qualifier};

fn the_plan() -> &'static Plan {
    plan("plan:tcm_belt_and_road_2021_2025")
}

#[test]
fn the_plan_carries_its_document_number_issuers_date_and_period() {
    let p = the_plan();
    assert_eq!(
        p.document_number.as_deref(),
        Some("国中医药国际发〔2021〕6号")
    );
    assert_eq!(p.issued, Some(PartialDate::day(2021, 12, 31)));
    assert_eq!(
        p.period,
        Period::between(PartialDate::year(2021), PartialDate::year(2025))
    );
    assert_eq!(
        p.title.zh.as_deref(),
        Some("推进中医药高质量融入共建“一带一路”发展规划（2021—2025年）")
    );
    assert_eq!(
        p.issuing_bodies,
        [id("org:natcm"), id("org:bri_leading_group_office")]
    );
    assert_eq!(
        organization("org:natcm").name.zh.as_deref(),
        Some("国家中医药管理局")
    );
    assert!(p
        .addressees
        .zh
        .as_deref()
        .unwrap_or_default()
        .starts_with("各省、自治区、直辖市和计划单列市卫生健康委"));
    let notice = news("news:plan:natcm_notice_2021_6");
    assert_eq!(notice.published, Some(PartialDate::day(2021, 12, 31)));
    assert!(notice
        .related
        .contains(&id("plan:tcm_belt_and_road_2021_2025")));
}

#[test]
fn eight_task_areas_hold_2_2_3_3_4_2_3_2_numbered_tasks() {
    let p = the_plan();
    let counts: Vec<usize> = p.task_areas.iter().map(|a| a.tasks.len()).collect();
    assert_eq!(counts, [2, 2, 3, 3, 4, 2, 3, 2]);
    let numbers: Vec<&str> = p.task_areas.iter().map(|a| a.number.as_str()).collect();
    assert_eq!(
        numbers,
        ["(一)", "(二)", "(三)", "(四)", "(五)", "(六)", "(七)", "(八)"]
    );
    for area in &p.task_areas {
        for (i, task) in area.tasks.iter().enumerate() {
            assert_eq!(task.number, (i + 1).to_string());
            let (title, text) = (
                task.title.zh.as_deref().unwrap_or_default(),
                task.text.zh.as_deref().unwrap_or_default(),
            );
            assert!(text.starts_with(&format!("{title}。")), "{title}");
            assert!(task.text.en.is_some() && task.title.en.is_some(), "{title}");
        }
    }
    let first = &p.task_areas[0].tasks[0];
    assert_eq!(first.title.zh.as_deref(), Some("深化政府间合作"));
    assert!(first
        .text
        .zh
        .as_deref()
        .unwrap_or_default()
        .contains("落实现有中医药合作协议"));
    assert_eq!(
        p.task_areas[4].tasks[0].title.zh.as_deref(),
        Some("提升企业“走出去”水平")
    );
}

/// A baseline (value, qualifier) and the targets (value, Chinese wording).
type Progress = (Option<(f64, Qualifier)>, Vec<(Option<f64>, Option<String>)>);

fn baseline_and_targets(code: &str) -> Progress {
    let p = the_plan();
    let Some(entry) = p
        .indicators
        .iter()
        .find(|i| i.indicator == id(&format!("indicator:{code}")))
    else {
        panic!("no plan indicator {code}");
    };
    let baseline = entry
        .baseline
        .as_ref()
        .map(|b| (b.value.value, b.value.qualifier));
    let targets = entry
        .targets
        .iter()
        .map(|t| {
            assert_eq!(
                t.period,
                Period::between(PartialDate::year(2021), PartialDate::year(2025))
            );
            (t.value.map(|v| v.value), t.text.zh.clone())
        })
        .collect();
    (baseline, targets)
}

#[test]
fn baselines_come_from_the_13th_five_year_plan_period() {
    let b = |code: &str| baseline_and_targets(code).0;
    assert_eq!(b("tcm_countries_reached"), Some((196.0, Qualifier::Exact)));
    assert_eq!(b("ftas_with_tcm"), Some((16.0, Qualifier::Exact)));
    assert_eq!(b("service_export_bases"), Some((17.0, Qualifier::Exact)));
    assert_eq!(
        b("tcm_product_trade"),
        Some((28_190_000_000.0, Qualifier::Exact))
    );
    assert_eq!(b("overseas_tcm_centres"), Some((30.0, Qualifier::Exact)));
    assert_eq!(b("cooperation_bases"), Some((56.0, Qualifier::Exact)));
    assert_eq!(
        b("international_tcm_standards"),
        Some((64.0, Qualifier::Exact))
    );
    assert_eq!(
        indicator("indicator:tcm_product_trade").unit.en.as_deref(),
        Some("US dollars")
    );
    assert!(indicator("indicator:international_tcm_standards")
        .description
        .en
        .as_deref()
        .unwrap_or_default()
        .contains("ISO/TC 249"));
}

#[test]
fn targets_for_2021_to_2025_have_numbers_where_the_plan_gives_them() {
    let values = |code: &str| -> Vec<Option<f64>> {
        baseline_and_targets(code)
            .1
            .into_iter()
            .map(|t| t.0)
            .collect()
    };
    assert_eq!(values("overseas_tcm_centres"), [Some(30.0)]);
    assert_eq!(values("international_tcm_standards"), [Some(30.0)]);
    assert_eq!(values("cultural_brand_projects"), [Some(10.0)]);
    assert_eq!(values("cooperation_bases"), [Some(50.0)]);
    let (_, export) = baseline_and_targets("service_export_bases");
    assert_eq!(
        export,
        [(None, Some("建设一批国家中医药服务出口基地".to_string()))]
    );
    let (_, platform) = baseline_and_targets("overseas_registration_platform");
    assert_eq!(
        platform,
        [(None, Some("加强中药类产品海外注册服务平台建设".to_string()))]
    );
    for entry in &the_plan().indicators {
        for target in &entry.targets {
            assert!(
                target.reporting_unit.is_none(),
                "no provincial targets are invented"
            );
        }
    }
}

#[test]
fn background_principles_vision_and_safeguards_are_sections_in_both_languages() {
    let p = the_plan();
    assert_eq!(
        p.background.len(),
        11,
        "purpose, background, progress, six achievements, foundation, shortcomings"
    );
    assert_eq!(
        p.principles.len(),
        5,
        "guiding ideology and four basic principles"
    );
    assert_eq!(
        p.principles[1].title.zh.as_deref(),
        Some("统筹兼顾、突出重点")
    );
    assert_eq!(
        p.vision.as_ref().and_then(|v| v.title.zh.as_deref()),
        Some("展望2035年")
    );
    assert!(p
        .goals
        .zh
        .as_deref()
        .unwrap_or_default()
        .starts_with("“十四五”时期"));
    let titles: Vec<&str> = p
        .safeguards
        .iter()
        .filter_map(|s| s.title.zh.as_deref())
        .collect();
    assert_eq!(titles, ["强化组织领导", "强化支撑保障", "强化环境建设"]);
    let leadership = &p.safeguards[0].text;
    assert!(leadership
        .zh
        .as_deref()
        .unwrap_or_default()
        .contains("细化落实目标任务"));
    assert!(leadership
        .en
        .as_deref()
        .unwrap_or_default()
        .contains("refine the targets"));
}

#[test]
fn covid_figures_are_reported_by_natcm() {
    assert_eq!(
        figure_value("figure:plan:covid_experience_countries"),
        (150.0, Qualifier::MoreThan)
    );
    assert_eq!(
        figure_value("figure:plan:covid_expert_countries"),
        (28.0, Qualifier::Exact)
    );
    assert_eq!(
        figure("figure:plan:covid_expert_countries").reporting_unit,
        id("org:natcm")
    );
}

#[test]
fn results_the_plan_reports_are_outputs_projects_and_centres() {
    let protocol = output("output:plan:covid_tcm_protocol_multilingual");
    assert_eq!(protocol.kind, OutputKind::Protocol);
    assert!(protocol.languages.len() >= 2);
    assert_eq!(
        output("output:plan:icd11_traditional_medicine_chapter").issued_by,
        Some(id("org:who"))
    );
    assert_eq!(
        output("output:plan:tibetan_medicine_bathing_unesco").issued_by,
        Some(id("org:unesco"))
    );
    let lab = centre("centre:plan:first_national_bri_tcm_joint_laboratory");
    assert_eq!(
        (lab.kind, lab.level),
        (CentreKind::JointLaboratory, Some(Level::National))
    );
    assert_eq!(
        project("project:plan:artemisinin_malaria_elimination")
            .title
            .zh
            .as_deref(),
        Some("复方青蒿素快速清除疟疾项目")
    );
}
