//! The embedded reference data checked against the independent snapshots in
//! /work/shared/data (read at test time, never copied into the repository) and the
//! vendored CLDR files.

// In a test a failed unwrap is a failed assertion with its location; that is what we want.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use meridian_domain::record::{Check, RecordData};
use meridian_domain::records::CountryGroup;
use meridian_domain::{Lang, ValidationContext};
use meridian_interop::reference::{
    countries, country, country_groups, formal_english, group_id, is_country, Continent, Reference,
    WhoRegion, NAME_OVERRIDES, WHO_ASSOCIATE_MEMBERS,
};
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

const GROUP_CODES: [&str; 26] = [
    "asean",
    "sco",
    "brics",
    "g20",
    "celac",
    "african_union",
    "eu",
    "gms",
    "lancang_mekong",
    "portuguese_speaking",
    "belt_and_road",
    "carec",
    "china_asean",
    "asean_plus_three",
    "china_japan_rok",
    "apec",
    "china_ceec",
    "focac",
    "china_arab_forum",
    "china_celac_forum",
    "who_afro",
    "who_amro",
    "who_searo",
    "who_euro",
    "who_emro",
    "who_wpro",
];

/// The shared third-party data (`../shared/data` beside the project folder): from
/// `MERIDIAN_SHARED_DATA` if set, else the first `shared/data` found beside the checkout or
/// any folder above it, so a clone anywhere under the workplace finds it.
fn shared_data_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("MERIDIAN_SHARED_DATA") {
        return PathBuf::from(dir);
    }
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .flat_map(|a| [a.join("shared/data"), a.join("../shared/data")])
        .find(|p| p.join("iso3166").is_dir())
        .unwrap_or_else(|| PathBuf::from("/work/shared/data"))
}

/// A path in the crate, or in the shared data when it starts with `../../../shared/data/`.
fn manifest_path(relative: &str) -> PathBuf {
    match relative.strip_prefix("../../../shared/data/") {
        Some(shared) => shared_data_dir().join(shared),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative),
    }
}

/// Rows of a CSV file as header-keyed maps. Enough CSV for the snapshots: quoted fields,
/// doubled quotes, no newlines inside fields.
fn read_csv(relative: &str) -> Vec<HashMap<String, String>> {
    let path = manifest_path(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let mut lines = text.lines().filter(|l| !l.is_empty()).map(split_csv_line);
    let header = lines.next().unwrap();
    lines
        .map(|fields| header.iter().cloned().zip(fields).collect())
        .collect()
}

fn split_csv_line(line: &str) -> Vec<String> {
    let (mut fields, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    fields
}

fn iso_rows() -> Vec<HashMap<String, String>> {
    read_csv("../../../shared/data/iso3166/iso3166-1_en_zh.csv")
}

fn cldr_names(lang: &str) -> HashMap<String, String> {
    let path = format!("vendor/cldr-48.2.0/cldr-localenames-full/main/{lang}/territories.json");
    let text = std::fs::read_to_string(manifest_path(&path)).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    serde_json::from_value(json["main"][lang]["localeDisplayNames"]["territories"].clone()).unwrap()
}

fn name(code: &str, lang: Lang) -> &'static str {
    country(code).unwrap().name.get(lang).unwrap()
}

fn groups_by_code() -> HashMap<String, CountryGroup> {
    country_groups()
        .into_iter()
        .map(|g| (g.code.clone(), g))
        .collect()
}

#[test]
fn all_249_iso_codes_are_present_with_the_snapshot_s_alpha3_and_numeric() {
    let rows = iso_rows();
    assert_eq!(rows.len(), 249);
    assert_eq!(countries().len(), 249);
    for row in &rows {
        let c = country(&row["alpha_2"]).unwrap_or_else(|| panic!("{} missing", row["alpha_2"]));
        assert_eq!(c.alpha3, row["alpha_3"], "{}", c.alpha2);
        assert_eq!(
            c.numeric,
            row["numeric"].parse::<u16>().unwrap(),
            "{}",
            c.alpha2
        );
    }
}

#[test]
fn countries_are_sorted_by_alpha2_and_each_has_both_names() {
    let codes: Vec<&str> = countries().iter().map(|c| c.alpha2.as_str()).collect();
    assert!(codes.is_sorted());
    assert!(countries().iter().all(|c| c.name.missing().is_empty()));
}

#[test]
fn chinese_names_equal_cldr_zh_except_the_documented_overrides() {
    let cldr = cldr_names("zh");
    for c in countries() {
        let overridden = NAME_OVERRIDES
            .iter()
            .find(|o| o.alpha2 == c.alpha2)
            .and_then(|o| o.zh);
        let expected = overridden.unwrap_or(&cldr[&c.alpha2]);
        assert_eq!(c.name.zh.as_deref(), Some(expected), "{}", c.alpha2);
    }
}

#[test]
fn english_names_are_cldr_en_written_out_except_the_documented_overrides() {
    let cldr = cldr_names("en");
    for c in countries() {
        let overridden = NAME_OVERRIDES
            .iter()
            .find(|o| o.alpha2 == c.alpha2)
            .and_then(|o| o.en);
        let expected = overridden.map_or_else(|| formal_english(&cldr[&c.alpha2]), String::from);
        assert_eq!(
            c.name.en.as_deref(),
            Some(expected.as_str()),
            "{}",
            c.alpha2
        );
    }
    assert_eq!(name("KN", Lang::En), "Saint Kitts and Nevis");
    assert_eq!(name("VC", Lang::En), "Saint Vincent and the Grenadines");
}

#[test]
fn known_errors_of_the_iso_codes_translation_are_not_repeated() {
    let iso: HashMap<String, String> = iso_rows()
        .into_iter()
        .map(|r| (r["alpha_2"].clone(), r["name_zh_CN"].clone()))
        .collect();
    for (code, wrong, right) in [
        ("KH", "柬埔塞", "柬埔寨"),
        ("BW", "博兹瓦那", "博茨瓦纳"),
        ("VA", "梵地冈", "梵蒂冈"),
        ("GT", "瓜地马拉", "危地马拉"),
        ("KG", "吉尔吉斯坦", "吉尔吉斯斯坦"),
    ] {
        assert_eq!(
            iso[code], wrong,
            "the snapshot still has the error for {code}"
        );
        assert_eq!(name(code, Lang::Zh), right);
    }
}

#[test]
fn taiwan_hong_kong_and_macao_follow_mainland_usage() {
    assert_eq!(name("TW", Lang::Zh), "中国台湾");
    assert_eq!(name("TW", Lang::En), "Taiwan, China");
    assert_eq!(name("HK", Lang::Zh), "中国香港特别行政区");
    assert_eq!(name("HK", Lang::En), "Hong Kong SAR, China");
    assert_eq!(name("MO", Lang::Zh), "中国澳门特别行政区");
    assert_eq!(name("MO", Lang::En), "Macao SAR, China");
    assert_eq!(name("PS", Lang::Zh), "巴勒斯坦");
    assert_eq!(name("PS", Lang::En), "Palestine");
}

#[test]
fn every_continent_has_countries_and_only_antarctica_is_antarctic() {
    for continent in Continent::ALL {
        let n = countries()
            .iter()
            .filter(|c| c.continent == continent)
            .count();
        assert!(n >= 1, "{continent:?}");
    }
    let antarctic: Vec<&str> = countries()
        .iter()
        .filter(|c| c.continent == Continent::Antarctica)
        .map(|c| c.alpha2.as_str())
        .collect();
    assert_eq!(antarctic, ["AQ"]);
    assert_eq!(country("CN").unwrap().continent.label(Lang::Zh), "亚洲");
    assert_eq!(country("US").unwrap().continent.as_str(), "north_america");
}

#[test]
fn exactly_194_countries_are_who_member_states() {
    let members = countries()
        .iter()
        .filter(|c| c.who_region.is_some())
        .count();
    assert_eq!(members, 194);
    for (code, _) in WHO_ASSOCIATE_MEMBERS {
        assert!(is_country(code) && country(code).unwrap().who_region.is_none());
    }
    for code in ["TW", "HK", "MO", "PS", "VA", "LI"] {
        assert_eq!(country(code).unwrap().who_region, None, "{code}");
    }
}

#[test]
fn each_who_region_group_holds_exactly_the_region_s_member_states() {
    let groups = groups_by_code();
    let sizes = [47, 35, 10, 53, 21, 28];
    for (region, size) in WhoRegion::ALL.into_iter().zip(sizes) {
        let group = &groups[&format!("who_{}", region.as_str())];
        let expected: Vec<String> = countries()
            .iter()
            .filter(|c| c.who_region == Some(region))
            .map(|c| c.alpha2.clone())
            .collect();
        assert_eq!(group.members, expected, "{region:?}");
        assert_eq!(group.members.len(), size, "{region:?}");
    }
}

#[test]
fn group_codes_are_exactly_the_agreed_list_and_distinct() {
    let codes: Vec<String> = country_groups().into_iter().map(|g| g.code).collect();
    assert_eq!(codes, GROUP_CODES);
    let ids: BTreeSet<_> = codes.iter().map(|c| group_id(c)).collect();
    assert_eq!(ids.len(), GROUP_CODES.len());
}

#[test]
fn every_group_member_is_a_country_and_every_group_validates() {
    for group in country_groups() {
        for member in &group.members {
            assert!(is_country(member), "{}: {member}", group.code);
        }
        let mut check = Check::new(CountryGroup::KIND, &Reference);
        group.validate(&mut check);
        assert!(
            check.problems.is_empty(),
            "{}: {:?}",
            group.code,
            check.problems
        );
        assert!(group.name.missing().is_empty(), "{}", group.code);
        assert!(group.description.missing().is_empty(), "{}", group.code);
    }
}

#[test]
fn groups_carry_the_official_chinese_names() {
    let groups = groups_by_code();
    let zh = |code: &str| groups[code].name.zh.clone().unwrap();
    assert_eq!(zh("asean"), "东盟");
    assert_eq!(zh("lancang_mekong"), "澜沧江—湄公河合作");
    assert_eq!(zh("belt_and_road"), "共建“一带一路”国家");
    assert_eq!(zh("who_afro"), "世界卫生组织非洲区域");
    assert_eq!(zh("china_celac_forum"), "中国—拉共体论坛");
}

#[test]
fn memberships_reflect_recent_changes() {
    let groups = groups_by_code();
    let has = |code: &str, member: &str| groups[code].members.iter().any(|m| m == member);
    assert!(has("brics", "EG") && has("brics", "ID") && !has("brics", "SA"));
    assert!(has("sco", "BY") && has("asean", "TL"));
    assert!(has("apec", "TW") && has("apec", "HK"));
    assert!(!has("focac", "SZ") && has("african_union", "SZ"));
    assert!(!has("china_ceec", "LT") && has("china_ceec", "GR"));
    assert!(!has("eu", "GB") && !has("g20", "EU"));
    assert_eq!(groups["african_union"].members.len(), 55);
}

#[test]
fn belt_and_road_overlaps_the_steinert_weyrauch_2022_list() {
    let rows = read_csv(
        "../../../shared/data/bri-membership/bri_membership_steinert_weyrauch_2022_derived.csv",
    );
    let theirs: BTreeSet<String> = rows
        .iter()
        .filter(|r| r["bri_status_2022"].starts_with("signed"))
        .map(|r| r["alpha_2"].clone())
        .collect();
    let ours: BTreeSet<String> = groups_by_code()["belt_and_road"]
        .members
        .iter()
        .cloned()
        .collect();
    let common = ours.intersection(&theirs).count();
    assert!(common >= 120, "only {common} in common");
    assert!((140..=160).contains(&ours.len()), "{}", ours.len());
}

#[test]
fn reference_validation_is_strictly_iso() {
    assert!(Reference.is_country("KH"));
    assert!(!Reference.is_country("XK"));
    assert!(meridian_interop::reference::is_iati_country("XK"));
}
