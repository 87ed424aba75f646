//! `SearchDoc::from_record` on real record bodies, and those documents found by search.

use crate::{ids, index_with, search};
use meridian_domain::{Approval, RecordBody, RecordId, RecordKind};
use meridian_search::SearchDoc;
use serde_json::{json, Value};

fn body(kind: RecordKind, data: Value) -> RecordBody {
    RecordBody::from_data(kind, data).unwrap()
}

fn from(kind: RecordKind, data: Value) -> SearchDoc {
    SearchDoc::from_record(RecordId::new(), Approval::Approved, None, &body(kind, data))
}

#[test]
fn an_organization_gives_its_names_acronyms_countries_and_founding_year() {
    let unit = RecordId::new();
    let id = RecordId::new();
    let org = body(
        RecordKind::Organization,
        json!({"name": {"zh": "中国中医科学院", "en": "China Academy of Chinese Medical Sciences"},
            "aliases": [{"zh": "中医研究院"}], "acronyms": ["CACMS"], "org_type": "research_institute",
            "country": "CN", "city": {"zh": "北京", "en": "Beijing"}, "member_countries": ["KH", "LA", "KH"],
            "website": "https://www.cacms.ac.cn", "founded": "1955-12-19",
            "introduction": {"zh": "中国中医科学院是综合性研究机构", "en": "A comprehensive research institute."}}),
    );
    let d = SearchDoc::from_record(id, Approval::Submitted, Some(unit), &org);
    assert_eq!(d.id, id);
    assert_eq!(d.kind, RecordKind::Organization);
    assert_eq!(d.approval, Approval::Submitted);
    assert_eq!(d.unit, Some(unit));
    assert_eq!(d.title.zh.as_deref(), Some("中国中医科学院"));
    assert_eq!(d.countries, ["CN", "KH", "LA"]);
    assert_eq!(d.year, Some(1955));
    for zh in [
        "中国中医科学院",
        "中医研究院",
        "北京",
        "综合性研究机构",
        "CACMS",
    ] {
        assert!(d.text_zh.contains(zh), "{zh} in {:?}", d.text_zh);
    }
    for en in ["Beijing", "comprehensive research", "CACMS"] {
        assert!(d.text_en.contains(en), "{en} in {:?}", d.text_en);
    }
    for noise in ["research_institute", "https", "1955", "CN\n"] {
        assert!(!d.text_en.contains(noise), "{noise} in {:?}", d.text_en);
    }
}

#[test]
fn an_output_gives_its_reference_in_both_languages_and_the_registration_country() {
    let d = from(
        RecordKind::Output,
        json!({"title": {"zh": "中药煎药机", "en": "Decoction apparatus"}, "kind": "international_standard",
            "reference": "ISO 18665:2015", "published": "2015-08", "languages": ["en", "fr"],
            "registration": {"product": {"en": "Artemisinin tablets"}, "country": "KE",
                "category": "drug", "status": "registered"}}),
    );
    assert!(d.text_zh.contains("ISO 18665:2015") && d.text_en.contains("ISO 18665:2015"));
    assert!(d.text_en.contains("Artemisinin tablets"));
    assert!(!d.text_en.contains("registered") && !d.text_en.contains("fr"));
    assert_eq!(d.countries, ["KE"]);
    assert_eq!(d.year, Some(2015));
    let index = index_with([&d]);
    assert_eq!(ids(&search(&index, "ISO 18665")), vec![d.id]);
    assert_eq!(ids(&search(&index, "煎药")), vec![d.id]);
}

#[test]
fn a_project_gives_its_countries_and_start_year_and_no_ids() {
    let org = RecordId::new();
    let d = from(
        RecordKind::Project,
        json!({"title": {"zh": "复方青蒿素快速清除疟疾项目", "en": "Fast elimination of malaria by source eradication"},
            "kind": "disease_control_programme", "participants": [{"organization": org.to_string(), "role": "lead"}],
            "countries": ["KM", "KH"], "status": "active", "period": {"start": "2007", "end": "2013"},
            "themes": ["malaria"], "description": {"en": "Mass drug administration in Comoros."}}),
    );
    assert_eq!(d.countries, ["KM", "KH"]);
    assert_eq!(d.year, Some(2007));
    assert!(!d.text_en.contains(&org.to_string()));
    assert!(!d.text_en.contains("lead") && !d.text_en.contains("active"));
    let index = index_with([&d]);
    assert_eq!(ids(&search(&index, "疟疾")), vec![d.id]);
    assert_eq!(ids(&search(&index, "Comoros")), vec![d.id]);
}

#[test]
fn an_agreement_takes_its_year_from_the_signing_date() {
    let (a, b) = (RecordId::new(), RecordId::new());
    let d = from(
        RecordKind::Agreement,
        json!({"title": {"zh": "中医药合作谅解备忘录"}, "kind": "memorandum", "parties": [a.to_string(), b.to_string()],
            "signed": "2020-05", "effective": "2021", "expires": "2025", "status": "active", "countries": ["NO"]}),
    );
    assert_eq!(d.year, Some(2020));
    assert_eq!(d.countries, ["NO"]);
    assert_eq!(d.text_en, "");
}

#[test]
fn a_country_group_gives_its_members_as_countries() {
    let d = from(
        RecordKind::CountryGroup,
        json!({"code": "lmc", "name": {"zh": "澜湄合作", "en": "Lancang-Mekong Cooperation"}, "acronym": "LMC",
            "group_type": "cooperation_mechanism", "members": ["CN", "KH", "LA", "MM", "TH", "VN"]}),
    );
    assert_eq!(d.countries, ["CN", "KH", "LA", "MM", "TH", "VN"]);
    assert_eq!(d.year, None);
    assert!(d.text_en.contains("LMC") && d.text_en.contains("Lancang-Mekong"));
    assert!(!d.text_en.contains("lmc"));
}

#[test]
fn an_activity_gives_counts_topics_and_period_start() {
    let org = RecordId::new();
    let d = from(
        RecordKind::Activity,
        json!({"title": {"zh": "援外医疗队培训", "en": "Training by the medical team"}, "kind": "training_course",
            "period": {"start": "2018-03", "end": "2018-06"}, "countries": ["TZ"],
            "organizations": [{"organization": org.to_string(), "role": "host"}],
            "counts": [{"measure": "trainees", "value": {"value": 15000.0, "qualifier": "more_than"},
                "topic": {"zh": "针灸", "en": "acupuncture"}}],
            "description": {"en": "The team trained 15,000 people."}}),
    );
    assert_eq!(d.year, Some(2018));
    assert_eq!(d.countries, ["TZ"]);
    assert!(d.text_zh.contains("针灸") && d.text_en.contains("acupuncture"));
    assert!(!d.text_en.contains("more_than") && !d.text_en.contains("trainees"));
    let index = index_with([&d]);
    assert_eq!(ids(&search(&index, "training")), vec![d.id]);
    assert_eq!(ids(&search(&index, "针灸")), vec![d.id]);
}

#[test]
fn an_inquiry_indexes_its_plain_text_by_script() {
    let d = from(
        RecordKind::Inquiry,
        json!({"name": "王医生", "organization_name": "Mekong Clinic", "email": "visitor@example.org",
            "country": "VN", "message": "希望开展针灸合作", "language": "zh", "received": "2026-11-01", "status": "new"}),
    );
    assert!(d.text_zh.contains("希望开展针灸合作") && d.text_zh.contains("Mekong Clinic"));
    assert!(!d.text_en.contains("针灸") && d.text_en.contains("Mekong Clinic"));
    assert_eq!(d.countries, ["VN"]);
    assert_eq!(d.year, Some(2026));
}

#[test]
fn a_membership_uses_its_constant_title_and_joining_year() {
    let (a, b) = (RecordId::new(), RecordId::new());
    let d = from(
        RecordKind::Membership,
        json!({"member": a.to_string(), "organization": b.to_string(), "joined": "2019-11-11",
            "role": "founding_member", "status": "active", "note": {"en": "Founding member of the alliance"}}),
    );
    assert_eq!(d.year, Some(2019));
    assert_eq!(d.text_en, "Founding member of the alliance");
    assert!(d.countries.is_empty());
}
