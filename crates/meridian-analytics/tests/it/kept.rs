//! Progress is answered from tallies kept up to date record by record (`tally.rs`); after
//! every kind of change it must equal progress computed by a projection built afresh from
//! the same records.

use crate::fixture::{centre, fixture, id, org, Fixture};
use meridian_analytics::Analytics;
use meridian_domain::{civil_day, Approval, RecordKind};
use serde_json::{json, Value};

/// A second plan whose indicators are scoped: to P1's organizations (by the centres' host),
/// and to group G, counting countries.
fn add_scoped_plan(f: &mut Fixture) {
    let approved = Approval::Approved;
    let centres = json!({"kind": "centre", "filters": [{"field": "kind", "value": "overseas_tcm_centre"}],
                         "date_field": "designated"});
    let mut hosted = centres.clone();
    hosted["organizations"] = json!([id("P1").to_string()]);
    f.add(
        "I5",
        approved,
        Some("A"),
        RecordKind::Indicator,
        json!({
        "code": "p1_centres", "name": {"en": "P1's centres", "zh": "P1中心"},
        "method": "computed", "computation": hosted}),
    );
    let mut in_group = centres;
    in_group["country_group"] = json!(id("G").to_string());
    in_group["counts"] = json!("countries");
    f.add("I6", approved, Some("A"), RecordKind::Indicator, json!({
        "code": "g_countries", "name": {"en": "Countries of G with centres", "zh": "G组有中心的国家"},
        "method": "computed", "computation": in_group}));
    let period = json!({"start": "2021", "end": "2025"});
    f.add("plan2", approved, Some("A"), RecordKind::Plan, json!({
        "title": {"en": "Scoped plan", "zh": "范围规划"}, "period": period,
        "indicators": [
            {"indicator": id("I5").to_string(),
             "targets": [{"period": period, "value": {"value": 4.0}},
                         {"period": period, "reporting_unit": id("H1").to_string(), "value": {"value": 2.0}}]},
            {"indicator": id("I6").to_string(), "targets": [{"period": period, "value": {"value": 5.0}}]}
        ]}));
}

fn progress(a: &Analytics, plan: &str, as_of: i64) -> Value {
    serde_json::to_value(a.plan_progress(id(plan), as_of)).expect("progress as JSON")
}

/// Kept progress (from `a`, asked before, so its tallies are kept) equals progress from a
/// projection built afresh from `f`, for both plans on days in and after the period.
fn same_as_afresh(a: &Analytics, f: &Fixture, step: &str) {
    let fresh = f.analytics();
    for plan in ["plan", "plan2"] {
        for as_of in [
            civil_day(2022, 6, 30),
            civil_day(2023, 7, 2),
            civil_day(2026, 3, 1),
        ] {
            assert_eq!(
                progress(a, plan, as_of),
                progress(&fresh, plan, as_of),
                "{plan} on day {as_of} after: {step}"
            );
        }
    }
}

#[test]
fn progress_kept_through_every_kind_of_change_equals_progress_built_afresh() {
    let mut f = fixture();
    add_scoped_plan(&mut f);
    let mut a = f.analytics();
    same_as_afresh(&a, &f, "nothing");
    assert!(
        a.kept_tallies() > 0,
        "asking for progress keeps the computed indicators' tallies"
    );
    let kept = a.kept_tallies();

    let mut step =
        |f: &mut Fixture, what: &str, change: &dyn Fn(&mut Fixture) -> Vec<&'static str>| {
            let touched = change(f);
            for key in touched {
                match f.records.iter().any(|r| r.0 == id(key)) {
                    true => a.upsert(f.entry(key)),
                    false => a.remove(id(key)),
                }
            }
            same_as_afresh(&a, f, what);
        };
    step(&mut f, "a draft centre approved", &|f| {
        f.set_approval("c7", Approval::Approved);
        vec!["c7"]
    });
    step(&mut f, "a centre's date moved to another year", &|f| {
        f.edit("c2", |d| d["designated"] = json!("2021"));
        vec!["c2"]
    });
    step(&mut f, "an undated centre given a date", &|f| {
        f.edit("c4", |d| d["designated"] = json!("2022-05"));
        vec!["c4"]
    });
    step(&mut f, "a centre no longer of the counted kind", &|f| {
        f.edit("c5", |d| d["kind"] = json!("cooperation_base"));
        vec!["c5"]
    });
    step(&mut f, "a centre deleted", &|f| {
        f.remove("c1");
        vec!["c1"]
    });
    step(&mut f, "a hospital moved from P1 to P2", &|f| {
        f.edit("H1", |d| d["parent"] = json!(id("P2").to_string()));
        vec!["H1"]
    });
    step(
        &mut f,
        "a new hospital under P1 hosting a new centre",
        &|f| {
            org(f, "H2", "hospital", Some("P1"), "CN");
            centre(
                f,
                "c9",
                Approval::Approved,
                "H2",
                "overseas_tcm_centre",
                "LA",
                Some("2022"),
            );
            vec!["H2", "c9"]
        },
    );
    step(&mut f, "a country joins the group", &|f| {
        f.edit("G", |d| {
            d["members"].as_array_mut().unwrap().push(json!("DE"))
        });
        vec!["G"]
    });
    step(
        &mut f,
        "a centre in a country no record named before, then the group takes it in",
        &|f| {
            centre(
                f,
                "c10",
                Approval::Approved,
                "P2",
                "overseas_tcm_centre",
                "BR",
                Some("2022"),
            );
            f.edit("G", |d| {
                d["members"].as_array_mut().unwrap().push(json!("BR"))
            });
            vec!["c10", "G"]
        },
    );
    step(&mut f, "the new hospital deleted", &|f| {
        f.remove("H2");
        vec!["H2"]
    });
    assert!(
        a.kept_tallies() >= kept,
        "tallies were made again after being dropped"
    );
}
