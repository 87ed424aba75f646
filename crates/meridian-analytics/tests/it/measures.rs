use crate::fixture::{fixture, id};
use meridian_analytics::{Dimension, Selection};
use meridian_domain::{civil_day, PartialDate, Period, RecordKind};

fn overseas_centres() -> Selection {
    let mut s = Selection::of_kind(RecordKind::Centre);
    s.filters = vec![("kind".into(), "overseas_tcm_centre".into())];
    s
}

fn plan_period() -> Period {
    Period::between(PartialDate::year(2021), PartialDate::year(2025))
}

#[test]
fn a_window_counts_approved_records_dated_inside_it_and_reports_the_undated() {
    let a = fixture().analytics();
    let count = a.count(&overseas_centres().within(&plan_period()));
    // c1 (2021-03), c2 (2023), c5 (2025-12-31); c3 and c8 are 2020, c7 is a draft, c4 undated.
    assert_eq!(count.value, 3);
    assert_eq!(count.undated, 1);
    assert_eq!(count.uncertain, 0);
    assert_eq!(
        a.count(&overseas_centres()).value,
        6,
        "all time: c1-c5 and c8"
    );
}

#[test]
fn a_date_straddling_the_window_is_uncertain_not_counted() {
    let a = fixture().analytics();
    let mut s = overseas_centres();
    s.window = Some((civil_day(2020, 7, 1), civil_day(2025, 12, 31)));
    let count = a.count(&s);
    // c3 and c8 are dated "2020": partly before July 2020.
    assert_eq!((count.value, count.uncertain, count.undated), (3, 2, 1));
}

#[test]
fn unapproved_records_count_only_when_asked_for() {
    let a = fixture().analytics();
    let mut s = overseas_centres().within(&plan_period());
    s.include_unapproved = true;
    assert_eq!(a.count(&s).value, 4, "c7 the draft too");
}

#[test]
fn organization_scope_takes_in_sub_units() {
    let a = fixture().analytics();
    let mut s = overseas_centres();
    s.units = vec![id("P1")];
    assert_eq!(a.count(&s).value, 3, "c1, c5 of P1 and c2 of H1 below it");
    s.units = vec![id("P2")];
    assert_eq!(a.count(&s).value, 3, "c3, c4, c8");
    let mut linked = overseas_centres();
    linked.organizations = vec![id("H1")];
    assert_eq!(a.count(&linked).value, 1, "c2 is hosted by H1");
}

#[test]
fn country_groups_and_distinct_countries() {
    let a = fixture().analytics();
    let mut s = overseas_centres().within(&plan_period());
    s.country_group = Some(id("G"));
    assert_eq!(a.count(&s).value, 3);
    assert_eq!(
        a.count_countries(&overseas_centres().within(&plan_period()))
            .value,
        3,
        "KE TZ PK"
    );
}

#[test]
fn unknown_filter_values_match_nothing() {
    let a = fixture().analytics();
    let mut s = overseas_centres();
    s.filters.push(("status".into(), "no_such_status".into()));
    assert_eq!(a.count(&s).value, 0);
    let mut s = overseas_centres();
    s.filters = vec![("no_such_field".into(), "x".into())];
    assert_eq!(a.count(&s).value, 0);
}

#[test]
fn breakdowns_by_year_continent_country_group_and_type() {
    let a = fixture().analytics();
    let years = a.breakdown(&overseas_centres(), Dimension::Year);
    let got: Vec<(&str, u64)> = years
        .buckets
        .iter()
        .map(|b| (b.key.as_str(), b.count))
        .collect();
    assert_eq!(
        got,
        vec![("", 1), ("2020", 2), ("2021", 1), ("2023", 1), ("2025", 1)]
    );
    assert_eq!(years.total.value, 6);

    let continents = a.breakdown(&overseas_centres(), Dimension::Continent);
    let got: Vec<(&str, u64)> = continents
        .buckets
        .iter()
        .map(|b| (b.key.as_str(), b.count))
        .collect();
    assert_eq!(got, vec![("africa", 2), ("asia", 2), ("europe", 2)]);
    assert_eq!(continents.buckets[0].label.en.as_deref(), Some("Africa"));

    let groups = a.breakdown(&overseas_centres(), Dimension::CountryGroup);
    assert_eq!(groups.buckets.len(), 1);
    assert_eq!(groups.buckets[0].count, 5, "all but c3 (DE)");
    assert_eq!(groups.buckets[0].label.en.as_deref(), Some("Group G"));

    let kinds = a.breakdown(
        &Selection {
            kinds: vec![RecordKind::Centre, RecordKind::Organization],
            ..Selection::default()
        },
        Dimension::Kind,
    );
    let got: Vec<(&str, u64)> = kinds
        .buckets
        .iter()
        .map(|b| (b.key.as_str(), b.count))
        .collect();
    assert_eq!(got, vec![("centre", 7), ("organization", 4)]);

    // By the type of the organizations involved: hosts are government bodies except H1.
    let types = a.breakdown(&overseas_centres(), Dimension::OrgType);
    let got: Vec<(&str, u64)> = types
        .buckets
        .iter()
        .map(|b| (b.key.as_str(), b.count))
        .collect();
    assert_eq!(got, vec![("government_body", 5), ("hospital", 1)]);
}

#[test]
fn gaps_list_members_without_records_first() {
    let a = fixture().analytics();
    let gaps = a.gaps(&overseas_centres(), id("G"));
    let got: Vec<(&str, u64)> = gaps
        .iter()
        .map(|g| (g.country.as_str(), g.records))
        .collect();
    // LA has nothing; then by English name: Italy, Kenya, Pakistan, Tanzania.
    assert_eq!(
        got,
        vec![("LA", 0), ("IT", 1), ("KE", 1), ("PK", 2), ("TZ", 1)]
    );
}

#[test]
fn the_network_joins_organizations_that_share_records() {
    let a = fixture().analytics();
    let network = a.network(&overseas_centres(), 10);
    // Each centre links its host, which is also its owner: P2 (c3 c4 c8), P1 (c1 c5), H1 (c2).
    let got: Vec<(String, u64)> = network
        .nodes
        .iter()
        .map(|n| (n.name.en.clone().unwrap(), n.records))
        .collect();
    assert_eq!(got[0], ("P2".to_string(), 3));
    assert_eq!(got.len(), 3);
    assert!(network.links.is_empty(), "no centre has two organizations");
}

#[test]
fn changes_and_removals_are_taken_in() {
    let f = fixture();
    let mut a = f.analytics();
    let window = overseas_centres().within(&plan_period());
    a.remove(id("c1"));
    assert_eq!(a.count(&window).value, 2);
    a.upsert(f.entry("c1"));
    assert_eq!(a.count(&window).value, 3);
    // A changed date moves a record out of the window.
    let mut moved = f.entry("c2").body.to_data();
    moved["designated"] = serde_json::json!("2019");
    let body = meridian_domain::RecordBody::from_data(RecordKind::Centre, moved).unwrap();
    let mut entry = f.entry("c2");
    entry.body = &body;
    a.upsert(entry);
    assert_eq!(a.count(&window).value, 2);
    assert_eq!(a.len(), f.records.len());
}

#[test]
fn the_network_counts_each_pair_once_per_shared_record() {
    let mut f = fixture();
    for (key, a, b) in [("pa", "P1", "H1"), ("pb", "P1", "H1"), ("pc", "P2", "H1")] {
        f.add(
            key,
            meridian_domain::Approval::Approved,
            Some(a),
            RecordKind::Partnership,
            serde_json::json!({"organization": id(a).to_string(), "partner": id(b).to_string(),
                               "area": "hospital", "status": "active"}),
        );
    }
    let a = f.analytics();
    let network = a.network(&Selection::of_kind(RecordKind::Partnership), 10);
    let weights: Vec<(String, u64)> = network
        .nodes
        .iter()
        .map(|n| (n.name.en.clone().unwrap(), n.records))
        .collect();
    assert_eq!(
        weights,
        vec![
            ("H1".to_string(), 3),
            ("P1".to_string(), 2),
            ("P2".to_string(), 1)
        ]
    );
    let pair = |x: &str, y: &str| {
        network
            .links
            .iter()
            .find(|l| {
                (l.source, l.target) == (id(x), id(y)) || (l.source, l.target) == (id(y), id(x))
            })
            .map(|l| l.records)
    };
    assert_eq!(pair("P1", "H1"), Some(2));
    assert_eq!(pair("P2", "H1"), Some(1));
    assert_eq!(pair("P1", "P2"), None);
    // Only the top two: P2 and its link drop out.
    let top = a.network(&Selection::of_kind(RecordKind::Partnership), 2);
    assert_eq!(top.nodes.len(), 2);
    assert_eq!(top.links.len(), 1);
}
