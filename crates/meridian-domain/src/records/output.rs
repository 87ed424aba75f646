//! Outputs: international standards, guidelines and protocols (with language versions),
//! publications, and product registrations abroad.

use super::{check_participants, participant_refs, Participant, ORG};
use crate::codes::code_list;
use crate::date::PartialDate;
use crate::id::{RecordId, RecordKind};
use crate::record::{Check, RecordData, Refs};
use crate::text::LocalizedText;
use crate::Reason;
use serde::{Deserialize, Serialize};

code_list! {
    OutputKind, "output_kind" {
        InternationalStandard => "international_standard", "国际标准", "International standard";
        Guideline => "guideline", "指南", "Guideline";
        Protocol => "protocol", "诊疗方案", "Protocol";
        Publication => "publication", "出版物", "Publication";
        ProductRegistration => "product_registration", "产品海外注册", "Product registration abroad";
        Other => "other", "其他", "Other";
    }
}

code_list! {
    RegistrationCategory, "registration_category" {
        Drug => "drug", "药品", "Drug";
        HealthFood => "health_food", "保健品", "Health food";
        SpecialMedicalFood => "special_medical_food", "特殊医学用途配方食品", "Food for special medical purposes";
        MedicalDevice => "medical_device", "医疗器械", "Medical device";
        Other => "other", "其他", "Other";
    }
}

code_list! {
    RegistrationStatus, "registration_status" {
        Applied => "applied", "已申请", "Applied";
        Registered => "registered", "已注册", "Registered";
        Refused => "refused", "未获批准", "Refused";
        Withdrawn => "withdrawn", "已撤回", "Withdrawn";
    }
}

/// Registration of a product in another country.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    pub product: LocalizedText,
    pub country: String,
    pub category: RegistrationCategory,
    pub status: RegistrationStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Output {
    pub title: LocalizedText,
    pub kind: OutputKind,
    /// Standard or document number ("ISO 18665:2015").
    #[serde(default)]
    pub reference: Option<String>,
    /// The body that issued or published it (ISO, WHO, a ministry).
    #[serde(default)]
    pub issued_by: Option<RecordId>,
    #[serde(default)]
    pub organizations: Vec<Participant>,
    #[serde(default)]
    pub published: Option<PartialDate>,
    /// Language versions as ISO 639-1 codes.
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub registration: Option<Registration>,
    #[serde(default)]
    pub description: LocalizedText,
}

impl RecordData for Output {
    const KIND: RecordKind = RecordKind::Output;

    fn validate(&self, check: &mut Check<'_>) {
        check.required_text("title", &self.title);
        check.date("published", &self.published);
        check_participants(check, "organizations", &self.organizations);
        for (i, lang) in self.languages.iter().enumerate() {
            if lang.len() != 2 || !lang.chars().all(|c| c.is_ascii_lowercase()) {
                check.push(
                    &format!("languages[{i}]"),
                    Reason::BadFormat {
                        expected: "ISO 639-1 code such as en or fr".into(),
                    },
                );
            }
        }
        check.distinct("languages", self.languages.iter().map(String::as_str));
        if let Some(reg) = &self.registration {
            check.required_text("registration.product", &reg.product);
            check.country("registration.country", &Some(reg.country.clone()));
        }
        if self.kind == OutputKind::ProductRegistration && self.registration.is_none() {
            check.push("registration", Reason::Required);
        }
    }

    fn references(&self, refs: &mut Refs) {
        refs.opt("issued_by", &self.issued_by, ORG);
        participant_refs(refs, "organizations", &self.organizations);
    }

    fn title(&self) -> LocalizedText {
        self.title.clone()
    }
}
