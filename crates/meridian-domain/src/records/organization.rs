//! Organizations: universities, hospitals, ministries, alliances, companies...

use super::ORG;
use crate::codes::code_list;
use crate::date::PartialDate;
use crate::id::{RecordId, RecordKind};
use crate::quantity::Quantity;
use crate::record::{Check, RecordData, Refs};
use crate::text::LocalizedText;
use serde::{Deserialize, Serialize};

code_list! {
    OrgType, "org_type" {
        University => "university", "大学", "University";
        MedicalSchool => "medical_school", "医学院", "Medical school";
        Hospital => "hospital", "医院", "Hospital";
        ResearchInstitute => "research_institute", "研究机构", "Research institute";
        GovernmentBody => "government_body", "政府部门", "Government body";
        Regulator => "regulator", "监管机构", "Regulator";
        InternationalOrganization => "international_organization", "国际组织", "International organization";
        Alliance => "alliance", "联盟或网络", "Alliance or network";
        Enterprise => "enterprise", "企业", "Enterprise";
        Foundation => "foundation", "基金会或非政府组织", "Foundation or NGO";
        Other => "other", "其他", "Other";
    }
}

/// "joined by 92 high level medical universities", "over 150 member institutions".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberCount {
    pub value: Quantity,
    /// What is counted ("member institutions", "initiating institutions").
    #[serde(default)]
    pub counted: LocalizedText,
    #[serde(default)]
    pub as_of: Option<PartialDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    pub name: LocalizedText,
    /// Other names, in either language.
    #[serde(default)]
    pub aliases: Vec<LocalizedText>,
    #[serde(default)]
    pub acronyms: Vec<String>,
    pub org_type: OrgType,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub city: LocalizedText,
    /// Countries an alliance's or network's members come from (ISO 3166-1 alpha-2).
    #[serde(default)]
    pub member_countries: Vec<String>,
    #[serde(default)]
    pub parent: Option<RecordId>,
    #[serde(default)]
    pub website: Option<String>,
    /// Research Organization Registry id, e.g. 059gcgy73.
    #[serde(default)]
    pub ror: Option<String>,
    /// Organizations that founded or initiated this one.
    #[serde(default)]
    pub founders: Vec<RecordId>,
    #[serde(default)]
    pub founded: Option<PartialDate>,
    #[serde(default)]
    pub member_counts: Vec<MemberCount>,
    #[serde(default)]
    pub introduction: LocalizedText,
    /// The IATI organisation identifier (`XM-DAC-928`), matched first on IATI import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iati_identifier: Option<String>,
}

impl RecordData for Organization {
    const KIND: RecordKind = RecordKind::Organization;

    fn validate(&self, check: &mut Check<'_>) {
        check.required_text("name", &self.name);
        check.country("country", &self.country);
        check.countries("member_countries", &self.member_countries);
        check.url("website", &self.website);
        check.date("founded", &self.founded);
        if let Some(ror) = &self.ror {
            let ok = ror.len() == 9
                && ror.starts_with('0')
                && ror
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
            if !ok {
                check.push(
                    "ror",
                    crate::Reason::BadFormat {
                        expected: "ROR id of 9 characters such as 059gcgy73".into(),
                    },
                );
            }
        }
        check.distinct("acronyms", self.acronyms.iter().map(String::as_str));
        check.distinct_ids("founders", &self.founders);
        for (i, count) in self.member_counts.iter().enumerate() {
            check.quantity(&format!("member_counts[{i}].value"), &count.value);
            check.date(&format!("member_counts[{i}].as_of"), &count.as_of);
        }
    }

    fn references(&self, refs: &mut Refs) {
        refs.opt("parent", &self.parent, ORG);
        refs.many("founders", &self.founders, ORG);
    }

    fn title(&self) -> LocalizedText {
        self.name.clone()
    }
}
