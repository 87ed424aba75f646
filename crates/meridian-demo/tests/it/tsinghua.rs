//! Seed 002, Tsinghua University School of Medicine: partners in four areas, joint centres,
//! programmes and agreements, eight related news items, and the office's contact details.

use crate::support::*;
use meridian_domain::records::{AgreementKind, CentreKind, CooperationArea, ProjectKind};

fn partners(area: CooperationArea) -> Vec<String> {
    partnerships()
        .into_iter()
        .filter(|(_, p)| p.organization == id("org:thu_som") && p.area == area)
        .map(|(_, p)| en_title(&p.partner))
        .collect()
}

#[test]
fn the_school_names_2_government_7_international_17_hospital_and_17_enterprise_partners() {
    assert_eq!(
        partners(CooperationArea::Government),
        ["Center for Drug Evaluation", "Academy of Military Medicine"]
    );
    assert_eq!(partners(CooperationArea::International).len(), 7);
    assert_eq!(partners(CooperationArea::Hospital).len(), 17);
    assert_eq!(partners(CooperationArea::Enterprise).len(), 17);
    let international = partners(CooperationArea::International);
    for name in [
        "Weill Cornell Medicine",
        "Johns Hopkins University",
        "University of California, Berkeley",
    ] {
        assert!(international.iter().any(|p| p == name), "{name}");
    }
    let enterprise = partners(CooperationArea::Enterprise);
    assert_eq!(
        enterprise.first().map(String::as_str),
        Some("Bill & Melinda Gates Foundation")
    );
    assert_eq!(
        enterprise.last().map(String::as_str),
        Some("Tengsheng Bo Yao Pharmaceutical Technology Co., Ltd.")
    );
}

#[test]
fn international_partnerships_cover_md_phd_postdoc_exchange_and_research() {
    for (key, p) in partnerships() {
        if p.area == CooperationArea::International {
            assert_eq!(
                p.scope.en.as_deref(),
                Some("MD/PhD education, post-doctorate training, academic exchanges, and subject research"),
                "{key}"
            );
        }
    }
}

#[test]
fn the_translational_medicine_alliance_joins_six_hospitals() {
    let alliance = project("project:thu_som:translational_medicine_alliance");
    assert_eq!(alliance.kind, ProjectKind::Alliance);
    assert_eq!(
        alliance.participants.len(),
        7,
        "the school and six hospitals"
    );
}

#[test]
fn chang_gung_memorial_hospital_is_in_taiwan_china() {
    let hospital = organization("org:chang_gung_memorial_hospital_taiwan");
    assert_eq!(hospital.country.as_deref(), Some("TW"));
    assert_eq!(hospital.name.zh.as_deref(), Some("中国台湾长庚纪念医院"));
}

#[test]
fn eight_related_news_items_two_per_area_each_linked_to_what_it_concerns() {
    let items: Vec<_> = news_items()
        .into_iter()
        .filter(|(_, n)| n.publisher == Some(id("org:thu_som")) && n.area.is_some())
        .collect();
    assert_eq!(items.len(), 8);
    for area in [
        CooperationArea::Government,
        CooperationArea::International,
        CooperationArea::Hospital,
        CooperationArea::Enterprise,
    ] {
        assert_eq!(
            items.iter().filter(|(_, n)| n.area == Some(area)).count(),
            2,
            "{area:?}"
        );
    }
    for (key, n) in items {
        assert!(!n.related.is_empty(), "{key}");
        assert!(n.published.is_none(), "{key}: the page gives no dates");
    }
}

#[test]
fn agreements_centres_and_programmes_of_the_page_are_recorded() {
    let kind = |key: &str| agreement(key).kind;
    assert_eq!(
        kind("agreement:thu_som:cornell_medical_education_mou"),
        AgreementKind::Memorandum
    );
    assert_eq!(
        kind("agreement:thu_som:beijing_hospital_mou"),
        AgreementKind::Memorandum
    );
    assert_eq!(
        kind("agreement:thu_som:brii_cooperation_agreement"),
        AgreementKind::CooperationAgreement
    );
    assert_eq!(
        kind("agreement:tsinghua:boehringer_joint_center_contract"),
        AgreementKind::Contract
    );
    let mrsrc = centre("centre:thu_som:medical_regulatory_science_research_center");
    assert_eq!(mrsrc.partners, [id("org:cde")]);
    assert_eq!(mrsrc.area, Some(CooperationArea::Government));
    assert_eq!(
        centre("centre:thu_som:cjfh_teaching_hospital").kind,
        CentreKind::TeachingHospital
    );
    assert_eq!(
        project("project:thu_som:thu_jhu_double_masters").kind,
        ProjectKind::DegreeProgramme
    );
    assert_eq!(
        project("project:thu_som:amms_postgraduate_training").kind,
        ProjectKind::TrainingProgramme
    );
    assert_eq!(
        project("project:thu_som:clinical_trial_center").kind,
        ProjectKind::ClinicalTrialCentre
    );
}

#[test]
fn the_office_of_cooperation_and_development_can_be_reached() {
    let office = contact("contact:thu_som:office_of_cooperation_and_development");
    assert_eq!(office.organization, id("org:thu_som"));
    assert_eq!(
        office.office.en.as_deref(),
        Some("Office of Cooperation and Development")
    );
    assert_eq!(office.phones, ["86-10-62787861"]);
    assert_eq!(office.postcode.as_deref(), Some("100084"));
    assert_eq!(
        office.address.en.as_deref(),
        Some("B102, Medical Science Building, Tsinghua University, Beijing")
    );
    assert!(office
        .invitation
        .en
        .as_deref()
        .unwrap_or_default()
        .contains("sincerely invites entrepreneurs, investors"));
}
