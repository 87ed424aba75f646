//! Seed 000, CACMS: its reported figures with qualifiers and periods as worded, the five
//! national overseas TCM centres, and its activities.

use crate::support::*;
use meridian_domain::records::{ActivityKind, CentreKind, Level};
use meridian_domain::{PartialDate, Qualifier};

#[test]
fn cacms_reports_each_figure_with_the_qualifier_the_page_uses() {
    let expected = [
        ("officials_received", 6800.0, Qualifier::MoreThan),
        ("official_visitor_origins", 50.0, Qualifier::MoreThan),
        ("lectures_abroad", 500.0, Qualifier::MoreThan),
        ("lecture_countries", 40.0, Qualifier::MoreThan),
        ("conferences_hosted", 110.0, Qualifier::MoreThan),
        ("who_collaborating_centres", 3.0, Qualifier::Exact),
        ("cooperation_agreements", 200.0, Qualifier::Nearly),
        ("agreement_countries", 40.0, Qualifier::MoreThan),
        ("international_projects", 200.0, Qualifier::MoreThan),
        ("overseas_tcm_centres", 5.0, Qualifier::Exact),
        ("cooperation_bases", 6.0, Qualifier::Exact),
        ("staff_trained_abroad", 200.0, Qualifier::Nearly),
    ];
    for (name, value, qualifier) in expected {
        let key = format!("figure:cacms:{name}");
        assert_eq!(figure_value(&key), (value, qualifier), "{key}");
        let f = figure(&key);
        assert_eq!(f.reporting_unit, id("org:cacms"), "{key}");
        assert_eq!(f.indicator, id(&format!("indicator:{name}")), "{key}");
    }
    let cacms_figures = figures()
        .into_iter()
        .filter(|(_, f)| f.reporting_unit == id("org:cacms"))
        .count();
    assert_eq!(cacms_figures, expected.len());
}

#[test]
fn cacms_figures_keep_their_periods_as_the_page_words_them() {
    let label = |name: &str| {
        let f = figure(&format!("figure:cacms:{name}"));
        (
            f.period_label.en.clone().unwrap_or_default(),
            f.period.start,
        )
    };
    assert_eq!(label("officials_received"), ("Over the past".into(), None));
    assert_eq!(
        label("lectures_abroad"),
        ("In the past five years".into(), None)
    );
    assert_eq!(
        figure("figure:cacms:lectures_abroad")
            .period_label
            .zh
            .as_deref(),
        Some("近五年")
    );
    assert_eq!(
        label("conferences_hosted"),
        ("In the past five years".into(), None)
    );
    assert_eq!(
        label("cooperation_agreements"),
        ("Since 1991".into(), Some(PartialDate::year(1991)))
    );
    assert_eq!(
        label("international_projects"),
        ("Since 1991".into(), Some(PartialDate::year(1991)))
    );
    assert_eq!(
        label("overseas_tcm_centres"),
        ("Since 2015".into(), Some(PartialDate::year(2015)))
    );
    assert_eq!(
        label("cooperation_bases"),
        ("Since 2015".into(), Some(PartialDate::year(2015)))
    );
    assert_eq!(
        label("staff_trained_abroad"),
        ("In the past 10 years".into(), None)
    );
    assert!(figure("figure:cacms:officials_received")
        .period
        .is_unknown());
}

#[test]
fn every_cacms_figure_cites_the_cacms_page() {
    for (key, f) in figures() {
        if f.reporting_unit == id("org:cacms") {
            assert_eq!(
                f.source.document,
                Some(id("news:cacms_international_page")),
                "{key}"
            );
            assert!(
                f.source.citation.en.is_some() && f.source.citation.zh.is_some(),
                "{key}"
            );
        }
    }
}

#[test]
fn cacms_hosts_five_national_overseas_tcm_centres_in_us_de_no_it_at() {
    let mut found: Vec<(String, String)> = centres()
        .into_iter()
        .filter(|(_, c)| c.host == Some(id("org:cacms")))
        .map(|(_, c)| {
            assert_eq!(c.kind, CentreKind::OverseasTcmCentre);
            assert_eq!(c.level, Some(Level::National));
            assert!(c.designated.is_none(), "the page gives no date");
            (
                c.country.clone().unwrap_or_default(),
                c.name.en.clone().unwrap_or_default(),
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        vec![
            ("AT".to_string(), "China-Austria TCM Center".to_string()),
            ("DE".to_string(), "China-Germany TCM Center".to_string()),
            ("IT".to_string(), "China-Italy TCM Center".to_string()),
            ("NO".to_string(), "China-Norway TCM Center".to_string()),
            ("US".to_string(), "China-U.S. TCM Center".to_string()),
        ]
    );
    assert_eq!(
        centre("centre:cacms:china_us_tcm_center")
            .name
            .zh
            .as_deref(),
        Some("中美中医药中心")
    );
}

#[test]
fn cacms_activities_name_their_kind_countries_and_organizations() {
    let kinds: Vec<ActivityKind> = activities()
        .into_iter()
        .filter(|(k, _)| k.starts_with("activity:cacms:"))
        .map(|(_, a)| a.kind)
        .collect();
    for kind in [
        ActivityKind::DignitaryService,
        ActivityKind::VolunteerConsultation,
        ActivityKind::PublicityEvent,
        ActivityKind::StaffTrainingAbroad,
        ActivityKind::TrainingTask,
    ] {
        assert!(kinds.contains(&kind), "{kind:?}");
    }
    assert_eq!(
        activity("activity:cacms:staff_training_abroad").countries,
        ["US", "AT", "JP", "KR"]
    );
    let entrusting: Vec<_> = activity("activity:cacms:training_tasks")
        .organizations
        .iter()
        .map(|p| p.organization)
        .collect();
    for org in ["org:cacms", "org:mofcom", "org:most", "org:who"] {
        assert!(entrusting.contains(&id(org)), "{org}");
    }
    let who_projects = project("project:cacms:who_entrusted_projects");
    assert!(who_projects
        .participants
        .iter()
        .any(|p| p.organization == id("org:who")));
}
