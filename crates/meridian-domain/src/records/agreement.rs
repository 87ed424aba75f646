//! Agreements between two or more parties: memoranda, cooperation agreements, contracts.

use super::{CooperationArea, ORG};
use crate::codes::{code_list, LifecycleStatus};
use crate::date::PartialDate;
use crate::id::{RecordId, RecordKind};
use crate::record::{Check, RecordData, Refs};
use crate::text::LocalizedText;
use crate::Reason;
use serde::{Deserialize, Serialize};

code_list! {
    AgreementKind, "agreement_kind" {
        Memorandum => "memorandum", "谅解备忘录", "Memorandum of understanding";
        CooperationAgreement => "cooperation_agreement", "合作协议", "Cooperation agreement";
        Framework => "framework", "框架协议", "Framework agreement";
        JointDegree => "joint_degree", "联合学位协议", "Joint degree agreement";
        Contract => "contract", "合同", "Contract";
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    pub title: LocalizedText,
    pub kind: AgreementKind,
    /// Two or more organizations.
    pub parties: Vec<RecordId>,
    #[serde(default)]
    pub signed: Option<PartialDate>,
    #[serde(default)]
    pub effective: Option<PartialDate>,
    #[serde(default)]
    pub expires: Option<PartialDate>,
    pub status: LifecycleStatus,
    #[serde(default)]
    pub area: Option<CooperationArea>,
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub summary: LocalizedText,
}

impl RecordData for Agreement {
    const KIND: RecordKind = RecordKind::Agreement;

    fn validate(&self, check: &mut Check<'_>) {
        check.required_text("title", &self.title);
        check.min_items("parties", self.parties.len(), 2);
        check.distinct_ids("parties", &self.parties);
        check.date("signed", &self.signed);
        check.date("effective", &self.effective);
        check.date("expires", &self.expires);
        let start = self.effective.or(self.signed);
        if let (Some(start), Some(end)) = (start, self.expires) {
            if end.latest() < start.earliest() {
                check.push("expires", Reason::EndBeforeStart);
            }
        }
        check.countries("countries", &self.countries);
    }

    fn references(&self, refs: &mut Refs) {
        refs.many("parties", &self.parties, ORG);
    }

    fn title(&self) -> LocalizedText {
        self.title.clone()
    }
}
