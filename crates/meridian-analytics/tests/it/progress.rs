use crate::fixture::{fixture, id};
use meridian_analytics::{ProgressStatus, ValueSource};
use meridian_domain::{civil_day, Qualifier};

fn as_of() -> i64 {
    // Half-way through 2021–2025.
    civil_day(2023, 7, 2)
}

#[test]
fn a_computed_indicator_against_its_overall_and_unit_targets() {
    let a = fixture().analytics();
    let progress = a.plan_progress(id("plan"), as_of()).expect("the plan");
    let centres = &progress.indicators[0];
    assert_eq!(centres.code, "centres");
    assert!((centres.elapsed - 0.5).abs() < 0.001);
    let overall = &centres.overall;
    // Counted up to the end of 2023: c1 (2021-03) and c2 (2023); c5 (2025-12-31) not yet.
    assert_eq!(overall.actual.as_ref().unwrap().quantity.value, 2.0);
    assert_eq!(overall.target.unwrap().value, 10.0);
    assert!((overall.percent.unwrap() - 20.0).abs() < 1e-9);
    assert!((overall.expected.unwrap() - 5.0).abs() < 0.01);
    assert_eq!(
        overall.status,
        ProgressStatus::Behind,
        "2 of 5 expected is 0.4"
    );
    let ValueSource::Computed { undated, .. } = &overall.actual.as_ref().unwrap().source else {
        panic!("computed")
    };
    assert_eq!(*undated, 1, "c4 has no designation date");

    let p1 = centres
        .units
        .iter()
        .find(|u| u.unit == Some(id("P1")))
        .unwrap();
    assert_eq!(
        p1.actual.as_ref().unwrap().quantity.value,
        2.0,
        "c1 and H1's c2"
    );
    assert_eq!(p1.status, ProgressStatus::Behind, "2 of 3 expected is 0.67");
    let late = a.plan_progress(id("plan"), civil_day(2025, 6, 30)).unwrap();
    let p1_late = late.indicators[0]
        .units
        .iter()
        .find(|u| u.unit == Some(id("P1")))
        .unwrap();
    // c1, c2, c5 against 6 × 0.9 = 5.4 expected: 0.56.
    assert_eq!(p1_late.actual.as_ref().unwrap().quantity.value, 3.0);
    assert_eq!(p1_late.status, ProgressStatus::Behind);
    let p2 = centres
        .units
        .iter()
        .find(|u| u.unit == Some(id("P2")))
        .unwrap();
    assert_eq!(p2.actual.as_ref().unwrap().quantity.value, 0.0);
    assert_eq!(p2.status, ProgressStatus::Behind);
    // The provinces' targets (6 and 4) cover the national 10.
    assert_eq!(centres.unit_targets_total, Some(10.0));
    // The responsible unit has no target of its own.
    let a_unit = centres
        .units
        .iter()
        .find(|u| u.unit == Some(id("A")))
        .unwrap();
    assert_eq!(a_unit.status, ProgressStatus::NoTarget);

    // Cumulative by year: c1 in 2021, c2 in 2023; 2024 and 2025 are not reached yet.
    assert_eq!(
        centres.series,
        vec![(2021, Some(1.0)), (2022, Some(1.0)), (2023, Some(2.0))]
    );
}

#[test]
fn reported_values_roll_up_through_the_unit_tree() {
    let a = fixture().analytics();
    let progress = a.plan_progress(id("plan"), as_of()).unwrap();
    let trained = &progress.indicators[1];
    let p1 = trained
        .units
        .iter()
        .find(|u| u.unit == Some(id("P1")))
        .unwrap();
    // P1's own figure has no period, so H1's 2021 and 2022 figures (5 and more than 7).
    let value = p1.actual.as_ref().unwrap();
    assert_eq!(value.quantity.value, 12.0);
    assert_eq!(value.quantity.qualifier, Qualifier::About);
    assert_eq!(
        value.source,
        ValueSource::RolledUp {
            units: vec![id("H1")]
        }
    );
    let p2 = trained
        .units
        .iter()
        .find(|u| u.unit == Some(id("P2")))
        .unwrap();
    // The figure for exactly 2021–2025 wins over the 2021 one inside it.
    assert_eq!(p2.actual.as_ref().unwrap().quantity.value, 20.0);
    assert_eq!(
        p2.actual.as_ref().unwrap().source,
        ValueSource::Reported {
            figures: vec![id("f3")]
        }
    );
    // No overall target: the units' targets add up to it; the whole is P1 + P2.
    assert_eq!(trained.overall.target.unwrap().value, 50.0);
    assert!(trained.overall.target_rolled_up);
    assert_eq!(
        trained.overall.actual.as_ref().unwrap().quantity.value,
        32.0
    );
}

#[test]
fn a_level_is_measured_from_its_baseline_by_the_latest_figure() {
    let a = fixture().analytics();
    let progress = a.plan_progress(id("plan"), as_of()).unwrap();
    let reached = &progress.indicators[2];
    let overall = &reached.overall;
    assert_eq!(overall.actual.as_ref().unwrap().quantity.value, 170.0);
    assert!((overall.expected.unwrap() - 150.0).abs() < 0.1);
    assert_eq!(overall.status, ProgressStatus::OnTrack);
    assert!((overall.percent.unwrap() - 85.0).abs() < 1e-9);
}

#[test]
fn counting_countries_and_targets_without_a_number() {
    let a = fixture().analytics();
    let progress = a.plan_progress(id("plan"), as_of()).unwrap();
    let countries = &progress.indicators[3];
    // By the end of 2023: KE (c1) and TZ (c2).
    assert_eq!(
        countries.overall.actual.as_ref().unwrap().quantity.value,
        2.0
    );
    assert_eq!(countries.overall.status, ProgressStatus::NoTarget);
    assert_eq!(
        countries.overall.target_text.en.as_deref(),
        Some("More countries")
    );
}

#[test]
fn status_changes_with_the_day_asked_about() {
    let a = fixture().analytics();
    let before = a.plan_progress(id("plan"), civil_day(2020, 6, 1)).unwrap();
    assert_eq!(
        before.indicators[0].overall.status,
        ProgressStatus::NotStarted
    );
    let after = a.plan_progress(id("plan"), civil_day(2026, 3, 1)).unwrap();
    assert_eq!(after.indicators[0].overall.status, ProgressStatus::Missed);
    let early = a
        .plan_progress(id("plan"), civil_day(2021, 12, 31))
        .unwrap();
    // One centre against 2 expected after a fifth of the period.
    assert_eq!(early.indicators[0].overall.status, ProgressStatus::Behind);
}

#[test]
fn task_areas_point_at_their_indicators() {
    let a = fixture().analytics();
    let progress = a.plan_progress(id("plan"), as_of()).unwrap();
    assert_eq!(progress.areas[0].indicators, vec![0, 3]);
    assert_eq!(progress.areas[1].indicators, vec![1]);
}

#[test]
fn completeness_names_units_that_have_not_reported_an_ended_year() {
    let a = fixture().analytics();
    let progress = a.plan_progress(id("plan"), as_of()).unwrap();
    let c = &progress.completeness;
    assert_eq!(c.years, vec![2021, 2022]);
    let reminders: Vec<(String, String, i32)> = c
        .reminders
        .iter()
        .map(|r| {
            let name = |x| a.organization_name(x).and_then(|n| n.en.clone()).unwrap();
            let code = a.indicator(r.indicator).unwrap().value.code.clone();
            (code, name(r.unit), r.year)
        })
        .collect();
    // trained: A (through H1 and P2) has both years; P1 through H1 too; P2 reported 2021 only.
    // reached: A reported both years.
    assert_eq!(
        reminders,
        vec![("trained".to_string(), "P2".to_string(), 2022)]
    );
}
