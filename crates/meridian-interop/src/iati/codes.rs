//! Meridian's codes and IATI's code lists, both ways. Every mapping is chosen so that
//! export → import → export gives the same codes again (`code → value → code` is stable),
//! even where a Meridian distinction has no IATI code (then the nearest code is used).

use meridian_domain::codes::LifecycleStatus;
use meridian_domain::records::{OrgType, ParticipantRole, ProjectKind};

/// IATI OrganisationRole: 1 Funding, 2 Accountable, 3 Extending, 4 Implementing.
/// A lead is accountable; partners, hosts, recipients and participants implement.
pub fn role_code(role: ParticipantRole) -> u8 {
    match role {
        ParticipantRole::Funder => 1,
        ParticipantRole::Lead => 2,
        ParticipantRole::Implementer
        | ParticipantRole::Partner
        | ParticipantRole::Host
        | ParticipantRole::Recipient
        | ParticipantRole::Participant => 4,
    }
}

/// The role of an IATI code (2.0x) or word (1.0x). Extending (3) has no Meridian role of
/// its own: it reads as partner, which writes back as 4.
pub fn role_from_iati(text: &str) -> Option<ParticipantRole> {
    match text.trim().to_ascii_lowercase().as_str() {
        "1" | "funding" => Some(ParticipantRole::Funder),
        "2" | "accountable" => Some(ParticipantRole::Lead),
        "3" | "extending" => Some(ParticipantRole::Partner),
        "4" | "implementing" => Some(ParticipantRole::Implementer),
        _ => None,
    }
}

/// IATI ActivityStatus: 1 Pipeline, 2 Implementation, 3 Finalisation, 4 Closed,
/// 5 Cancelled, 6 Suspended. IATI has no "unknown": `None` lets the caller derive it.
pub fn status_code(status: LifecycleStatus) -> Option<u8> {
    match status {
        LifecycleStatus::Planned => Some(1),
        LifecycleStatus::Active => Some(2),
        LifecycleStatus::Completed | LifecycleStatus::Expired => Some(4),
        LifecycleStatus::Terminated => Some(5),
        LifecycleStatus::Unknown => None,
    }
}

pub fn status_from_iati(code: &str) -> LifecycleStatus {
    match code.trim() {
        "1" => LifecycleStatus::Planned,
        "2" => LifecycleStatus::Active,
        "3" | "4" => LifecycleStatus::Completed,
        "5" | "6" => LifecycleStatus::Terminated,
        _ => LifecycleStatus::Unknown,
    }
}

/// IATI OrganisationType. Hospitals, alliances and "other" have no fitting code and are
/// written without a type (which reads back as "other").
pub fn org_type_code(t: OrgType) -> Option<&'static str> {
    match t {
        OrgType::GovernmentBody | OrgType::Regulator => Some("10"),
        OrgType::InternationalOrganization => Some("40"),
        OrgType::Foundation => Some("60"),
        OrgType::Enterprise => Some("70"),
        OrgType::University | OrgType::MedicalSchool | OrgType::ResearchInstitute => Some("80"),
        OrgType::Hospital | OrgType::Alliance | OrgType::Other => None,
    }
}

pub fn org_type_from_iati(code: &str) -> OrgType {
    match code.trim() {
        "10" | "11" | "15" => OrgType::GovernmentBody,
        "40" => OrgType::InternationalOrganization,
        "21" | "22" | "23" | "24" | "60" => OrgType::Foundation,
        "70" | "71" | "72" | "73" => OrgType::Enterprise,
        "80" => OrgType::University,
        _ => OrgType::Other,
    }
}

/// Themes and the DAC 5-digit purpose codes (vocabulary 1) they stand for. The first
/// theme listed for a code is the one an imported code becomes.
pub const THEME_SECTORS: &[(&str, &str)] = &[
    ("health_policy", "12110"),
    ("traditional_chinese_medicine", "12110"),
    ("medical_education", "12181"),
    ("postgraduate_education", "12181"),
    ("medical_research", "12182"),
    ("clinical_trials", "12182"),
    ("medical_services", "12191"),
    ("basic_health_care", "12220"),
    ("health_infrastructure", "12230"),
    ("nutrition", "12240"),
    ("infectious_disease_control", "12250"),
    ("health_education", "12261"),
    ("malaria", "12262"),
    ("artemisinin", "12262"),
    ("tuberculosis", "12263"),
    ("covid_19", "12264"),
    ("health_personnel", "12281"),
    ("ncd_control", "12310"),
    ("tobacco_control", "12320"),
    ("mental_health", "12340"),
    ("hiv_aids", "13040"),
    ("reproductive_health", "13020"),
    ("emergency_response", "72010"),
    ("dengue", "12250"),
];

/// The sector every exported activity has when none of its themes maps: health policy
/// and administrative management.
pub const DEFAULT_SECTOR: &str = "12110";

/// The DAC codes of a list of themes, in theme order, without repeats. A theme
/// `dac_NNNNN` (made by import for a code Meridian has no theme for) gives its code back.
pub fn sectors_of_themes<'a>(themes: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for theme in themes {
        let code = THEME_SECTORS
            .iter()
            .find(|(t, _)| *t == theme)
            .map(|(_, c)| *c)
            .or_else(|| theme.strip_prefix("dac_").filter(|c| is_dac5(c)));
        if let Some(code) = code {
            if !codes.iter().any(|c| c == code) {
                codes.push(code.to_string());
            }
        }
    }
    codes
}

/// The theme an imported DAC 5-digit code becomes.
pub fn theme_of_sector(code: &str) -> String {
    THEME_SECTORS
        .iter()
        .find(|(_, c)| *c == code)
        .map(|(t, _)| (*t).to_string())
        .unwrap_or_else(|| format!("dac_{code}"))
}

/// Whether a sector code is a DAC 5-digit purpose code.
pub fn is_dac5(code: &str) -> bool {
    code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit())
}

/// The project kind an imported activity becomes, from its DAC codes: research codes make
/// a research project, education and training codes a training programme, disease control
/// codes a disease control programme; everything else an aid project.
pub fn kind_of_sectors(codes: &[String]) -> ProjectKind {
    let has = |set: &[&str]| codes.iter().any(|c| set.contains(&c.as_str()));
    if has(&["12182"]) {
        ProjectKind::ResearchProject
    } else if has(&["12181", "12281"]) {
        ProjectKind::TrainingProgramme
    } else if has(&["12250", "12262", "12263", "12264", "13040"]) {
        ProjectKind::DiseaseControlProgramme
    } else {
        ProjectKind::AidProject
    }
}
