//! One module per record kind, plus the small value types several kinds share.

mod activity;
mod agreement;
mod centre;
mod contact;
mod country_group;
mod figure;
mod inquiry;
mod membership;
mod news;
mod organization;
mod output;
mod partnership;
mod plan;
mod project;
mod status;

pub use activity::*;
pub use agreement::*;
pub use centre::*;
pub use contact::*;
pub use country_group::*;
pub use figure::*;
pub use inquiry::*;
pub use membership::*;
pub use news::*;
pub use organization::*;
pub use output::*;
pub use partnership::*;
pub use plan::*;
pub use project::*;
pub use status::{status_label, statuses};

use crate::codes::code_list;
use crate::id::{RecordId, RecordKind};
use crate::record::Check;
use crate::text::LocalizedText;
use serde::{Deserialize, Serialize};

code_list! {
    /// The groups an institution sorts its cooperation into (seed 002).
    CooperationArea, "cooperation_area" {
        Government => "government", "政府合作", "Government cooperation";
        International => "international", "国际合作", "International cooperation";
        Hospital => "hospital", "医院合作", "Hospital cooperation";
        Enterprise => "enterprise", "企业合作", "Enterprise cooperation";
        Academic => "academic", "学术合作", "Academic cooperation";
        Other => "other", "其他", "Other";
    }
}

code_list! {
    /// What an organization does in a project, activity or output.
    ParticipantRole, "participant_role" {
        Lead => "lead", "牵头", "Lead";
        Partner => "partner", "合作方", "Partner";
        Funder => "funder", "资助方", "Funder";
        Implementer => "implementer", "实施方", "Implementer";
        Host => "host", "主办方", "Host";
        Recipient => "recipient", "受援方", "Recipient";
        Participant => "participant", "参与方", "Participant";
    }
}

/// An organization taking part in something, with its role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub organization: RecordId,
    pub role: ParticipantRole,
}

pub(crate) const ORG: &[RecordKind] = &[RecordKind::Organization];
pub(crate) const ANY: &[RecordKind] = RecordKind::ALL;

pub(crate) fn participant_refs(refs: &mut crate::record::Refs, field: &str, list: &[Participant]) {
    for (i, p) in list.iter().enumerate() {
        refs.one(&format!("{field}[{i}].organization"), &p.organization, ORG);
    }
}

pub(crate) fn check_participants(check: &mut Check<'_>, field: &str, list: &[Participant]) {
    let ids: Vec<RecordId> = list.iter().map(|p| p.organization).collect();
    check.distinct_ids(field, &ids);
}

/// A titled passage of text (plan principles, safeguards, visions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    #[serde(default)]
    pub title: LocalizedText,
    pub text: LocalizedText,
}

pub(crate) fn check_sections(check: &mut Check<'_>, field: &str, list: &[Section]) {
    for (i, s) in list.iter().enumerate() {
        check.required_text(&format!("{field}[{i}].text"), &s.text);
    }
}
