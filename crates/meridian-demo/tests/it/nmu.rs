//! Seed 001, NMU's table of international organizations: six memberships with entrance
//! time and role exactly as the table gives them, and each organization's founders.

use crate::support::*;
use meridian_domain::records::{MembershipRole, OrgType};
use meridian_domain::{PartialDate, Qualifier};

#[test]
fn nmu_belongs_to_six_organizations_with_entrance_time_and_role_as_the_table_gives() {
    let mut rows: Vec<(String, Option<PartialDate>, Option<MembershipRole>)> = memberships()
        .into_iter()
        .filter(|(_, m)| m.member == id("org:nmu"))
        .map(|(_, m)| (en_title(&m.organization), m.joined, m.role))
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        rows,
        vec![
            ("Association of Sino-Russian Medical Universities".to_string(), None, None),
            (
                "Belt and Road Federation for Health Promotion".to_string(),
                Some(PartialDate::day(2019, 11, 11)),
                Some(MembershipRole::FoundingMember)
            ),
            (
                "Belt and Road International Medical Education Alliance".to_string(),
                Some(PartialDate::month(2018, 5)),
                Some(MembershipRole::FoundingMember)
            ),
            ("Eurasia-Pacific Uninet".to_string(), Some(PartialDate::month(2009, 10)), Some(MembershipRole::Member)),
            (
                "International Collaboration Network of Medical Universities Jointly Built by Ministries and Provinces".to_string(),
                Some(PartialDate::day(2021, 7, 9)),
                Some(MembershipRole::FoundingMember)
            ),
            ("South and Southeast Asia Medical Education and Service Alliance".to_string(), None, None),
        ]
    );
}

#[test]
fn entrance_times_are_stored_at_the_precision_the_table_gives() {
    let stored = |key: &str| membership(key).joined.map(|d| d.to_string());
    assert_eq!(
        stored("membership:nmu:brfhp").as_deref(),
        Some("2019-11-11")
    );
    assert_eq!(stored("membership:nmu:brimea").as_deref(), Some("2018-05"));
    assert_eq!(stored("membership:nmu:m9").as_deref(), Some("2021-07-09"));
    assert_eq!(stored("membership:nmu:epu").as_deref(), Some("2009-10"));
}

#[test]
fn each_organization_of_the_table_has_the_founders_the_table_names() {
    let founders = |key: &str| -> Vec<String> {
        let org = organization(key);
        assert_eq!(org.org_type, OrgType::Alliance, "{key}");
        org.founders.iter().map(en_title).collect()
    };
    assert_eq!(founders("org:brfhp"), ["Nanjing Medical University"]);
    assert_eq!(
        founders("org:sino_russian_medical_universities"),
        [
            "Harbin Medical University",
            "First Moscow State Medical University of the Russian Federation"
        ]
    );
    assert_eq!(founders("org:brimea"), ["China Medical University"]);
    assert_eq!(founders("org:m9"), ["Chongqing Medical University"]);
    assert_eq!(
        founders("org:epu"),
        [
            "Austrian Federal Ministry for Science and Research",
            "OeAD-GmbH"
        ]
    );
    assert_eq!(
        founders("org:ssamesa"),
        [
            "Shanghai Jiao Tong University School of Medicine",
            "Kunming Medical University"
        ]
    );
}

#[test]
fn the_m9_co_sponsors_are_recorded_as_members_of_the_network() {
    let mut members: Vec<String> = memberships()
        .into_iter()
        .filter(|(_, m)| m.organization == id("org:m9"))
        .map(|(_, m)| en_title(&m.member))
        .collect();
    members.sort();
    assert_eq!(
        members,
        [
            "Anhui Medical University",
            "Capital Medical University",
            "China Medical University",
            "Harbin Medical University",
            "Nanjing Medical University",
            "Southern Medical University",
            "Tianjin Medical University",
            "Wenzhou Medical University",
        ]
    );
}

#[test]
fn alliances_keep_acronyms_founding_dates_and_member_counts() {
    assert_eq!(organization("org:brimea").acronyms, ["BRIMEA"]);
    assert_eq!(organization("org:epu").acronyms, ["EPU"]);
    assert_eq!(organization("org:m9").acronyms, ["M9"]);
    assert_eq!(
        organization("org:epu").founded,
        Some(PartialDate::year(2000))
    );
    let count = |key: &str, i: usize| {
        let c = &organization(key).member_counts[i];
        (c.value.value, c.value.qualifier)
    };
    assert_eq!(
        count("org:sino_russian_medical_universities", 0),
        (92.0, Qualifier::Exact)
    );
    assert_eq!(count("org:brimea", 0), (15.0, Qualifier::Exact));
    assert_eq!(count("org:brimea", 1), (7.0, Qualifier::Exact));
    assert_eq!(count("org:epu", 0), (150.0, Qualifier::MoreThan));
}

#[test]
fn every_introduction_is_kept_in_both_languages() {
    for key in [
        "org:brfhp",
        "org:sino_russian_medical_universities",
        "org:brimea",
        "org:m9",
        "org:epu",
        "org:ssamesa",
    ] {
        let intro = &organization(key).introduction;
        assert!(intro.zh.is_some() && intro.en.is_some(), "{key}");
    }
    let brfhp = &organization("org:brfhp").introduction;
    assert!(brfhp
        .en
        .as_deref()
        .unwrap_or_default()
        .contains("Prof. Wang Changqing, the President of the Belt and Road Federation"));
    assert!(brfhp.zh.as_deref().unwrap_or_default().contains("王长青"));
}

#[test]
fn the_alliances_name_the_countries_their_members_come_from() {
    assert_eq!(
        organization("org:brimea").member_countries,
        ["CN", "UA", "KG", "EE", "AZ", "PK", "PH"]
    );
    assert_eq!(
        organization("org:epu").member_countries,
        ["AT", "CN", "MN", "KR", "KP", "RU", "KZ", "NP", "BT", "IN"]
    );
    assert_eq!(
        organization("org:sino_russian_medical_universities").member_countries,
        ["CN", "RU"]
    );
}
