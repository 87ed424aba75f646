//! Seed 003, the 2012 white paper: contributions, seven regional mechanisms, cross-border
//! programmes, medical aid teams, hospitals, training, emergency relief and the Peace Ark.

use crate::support::*;
use meridian_domain::records::{ActivityKind, Measure, ProjectKind};
use meridian_domain::{PartialDate, Qualifier};
use meridian_interop::reference::group_id;

#[test]
fn the_white_paper_is_a_document_of_the_state_council_information_office() {
    let doc = news("news:white_paper:medical_and_health_services_2012");
    assert_eq!(
        doc.title.en.as_deref(),
        Some("Medical and Health Services in China")
    );
    assert_eq!(doc.published, Some(PartialDate::month(2012, 12)));
    assert_eq!(doc.publisher, Some(id("org:scio")));
}

#[test]
fn the_white_paper_figures_keep_their_qualifiers() {
    let expected = [
        ("countries_served_by_medical_teams", 73.0, Qualifier::Exact),
        ("medical_teams_abroad", 56.0, Qualifier::Exact),
        ("countries_with_medical_teams", 53.0, Qualifier::Exact),
        (
            "patients_treated_by_medical_teams",
            260_000_000.0,
            Qualifier::About,
        ),
        ("medical_team_members_honoured", 900.0, Qualifier::About),
        ("medical_team_members_died", 50.0, Qualifier::Exact),
        ("hospitals_built_with_aid", 100.0, Qualifier::Exact),
        ("countries_with_aid_hospitals", 52.0, Qualifier::Exact),
        ("equipment_medicine_batches", 34.0, Qualifier::Exact),
        ("aid_projects_under_construction", 31.0, Qualifier::Exact),
        (
            "countries_with_aid_projects_under_construction",
            28.0,
            Qualifier::Exact,
        ),
        ("health_training_courses", 400.0, Qualifier::MoreThan),
        ("health_trainees", 15000.0, Qualifier::MoreThan),
        ("emergency_rescue_missions", 200.0, Qualifier::Nearly),
    ];
    for (name, value, qualifier) in expected {
        let key = format!("figure:white_paper:{name}");
        assert_eq!(figure_value(&key), (value, qualifier), "{key}");
        assert_eq!(figure(&key).reporting_unit, id("org:scio"), "{key}");
    }
    let end = |name: &str| figure(&format!("figure:white_paper:{name}")).period.end;
    assert_eq!(
        end("countries_served_by_medical_teams"),
        Some(PartialDate::year(2011))
    );
    assert_eq!(
        end("hospitals_built_with_aid"),
        Some(PartialDate::month(2011, 12))
    );
    assert_eq!(
        end("aid_projects_under_construction"),
        Some(PartialDate::month(2011, 11))
    );
    assert_eq!(
        figure("figure:white_paper:medical_teams_abroad").countries,
        ["DZ", "TZ", "MA", "ZW"]
    );
    assert_eq!(
        figure("figure:white_paper:emergency_rescue_missions").countries,
        ["GW", "MG", "PK", "ID", "HT"]
    );
}

#[test]
fn china_contributes_every_year_to_who_unaids_and_the_global_fund() {
    let recipients: Vec<String> = activities()
        .into_iter()
        .filter(|(_, a)| a.kind == ActivityKind::Contribution)
        .flat_map(|(_, a)| {
            a.organizations
                .iter()
                .map(|p| en_title(&p.organization))
                .collect::<Vec<_>>()
        })
        .filter(|name| !name.starts_with("State Council"))
        .collect();
    assert_eq!(
        recipients,
        [
            "World Health Organization",
            "Joint United Nations Programme on HIV/AIDS",
            "Global Fund to Fight AIDS, Tuberculosis and Malaria"
        ]
    );
    let who = activity("activity:white_paper:contribution_who")
        .description
        .en
        .clone()
        .unwrap_or_default();
    assert!(
        who.contains("1978 Alma-Ata Declaration")
            && who.contains("International Health Regulations (2005)")
    );
}

#[test]
fn seven_regional_mechanisms_link_to_their_reference_groups() {
    let mechanisms: Vec<_> = projects()
        .into_iter()
        .filter(|(k, p)| {
            k.starts_with("project:white_paper:") && p.kind == ProjectKind::RegionalCooperation
        })
        .map(|(_, p)| p.mechanism)
        .collect();
    let expected: Vec<_> = [
        "gms",
        "carec",
        "china_asean",
        "asean_plus_three",
        "china_japan_rok",
        "apec",
        "sco",
    ]
    .into_iter()
    .map(|code| Some(group_id(code)))
    .collect();
    assert_eq!(mechanisms, expected);
    let asean = project("project:white_paper:regional_china_asean");
    assert_eq!(asean.period.start, Some(PartialDate::year(2003)));
}

#[test]
fn cross_border_programmes_run_with_myanmar_vietnam_and_laos_since_2005() {
    let themes = |key: &str| {
        let p = project(key);
        assert_eq!(p.kind, ProjectKind::DiseaseControlProgramme);
        assert_eq!(p.countries, ["MM", "VN", "LA"]);
        assert_eq!(p.period.start, Some(PartialDate::year(2005)));
        p.themes.clone()
    };
    assert_eq!(
        themes("project:white_paper:border_malaria_aids"),
        ["malaria", "hiv_aids"]
    );
    assert_eq!(
        themes("project:white_paper:cross_border_tb_dengue"),
        ["tuberculosis", "dengue"]
    );
}

#[test]
fn aid_activities_name_the_countries_the_white_paper_names() {
    let countries = |key: &str| {
        activity(&format!("activity:white_paper:{key}"))
            .countries
            .clone()
    };
    assert_eq!(countries("medical_team_rotation"), ["DZ", "TZ", "MA", "ZW"]);
    assert_eq!(countries("tsunami_relief_2004"), ["TH", "LK", "ID"]);
    assert_eq!(countries("peacekeeping_medical_assistance"), ["LB", "CD"]);
    let tsunami = activity("activity:white_paper:tsunami_relief_2004");
    assert_eq!(tsunami.kind, ActivityKind::EmergencyRelief);
    assert_eq!(tsunami.period.start, Some(PartialDate::year(2004)));
    let donation = activity("activity:white_paper:tsunami_donation_2004");
    assert_eq!(donation.kind, ActivityKind::Donation);
    assert!(donation
        .organizations
        .iter()
        .any(|p| p.organization == id("org:who")));
    assert_eq!(
        activity("activity:white_paper:government_scholarships").kind,
        ActivityKind::Scholarship
    );
}

#[test]
fn the_peace_ark_visited_five_countries_in_asia_and_africa_and_four_in_latin_america() {
    let voyage = activity("activity:white_paper:peace_ark_voyages");
    assert_eq!(voyage.kind, ActivityKind::HospitalShipVoyage);
    let counts: Vec<(Measure, f64, String)> = voyage
        .counts
        .iter()
        .map(|c| {
            (
                c.measure,
                c.value.value,
                c.topic.en.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        counts,
        [
            (Measure::Countries, 5.0, "Asia and Africa".to_string()),
            (Measure::Countries, 4.0, "Latin America".to_string())
        ]
    );
}

#[test]
fn training_courses_keep_their_totals_and_eight_topics() {
    let courses = activity("activity:white_paper:health_training_courses");
    assert_eq!(courses.kind, ActivityKind::TrainingCourse);
    let trainees = courses
        .counts
        .iter()
        .find(|c| c.measure == Measure::Trainees);
    let topics = trainees
        .and_then(|c| c.topic.en.clone())
        .unwrap_or_default();
    assert_eq!(topics.split(", ").count(), 8, "{topics}");
    assert_eq!(
        trainees.map(|c| (c.value.value, c.value.qualifier)),
        Some((15000.0, Qualifier::MoreThan))
    );
}
