//! Partnerships: an institution's standing cooperation with a partner, sorted into the
//! areas institutions publish them under (government, international, hospital, enterprise).

use super::{CooperationArea, ORG};
use crate::codes::LifecycleStatus;
use crate::date::PartialDate;
use crate::id::{RecordId, RecordKind};
use crate::record::{Check, RecordData, Refs};
use crate::text::LocalizedText;
use crate::Reason;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partnership {
    pub organization: RecordId,
    pub partner: RecordId,
    pub area: CooperationArea,
    /// What the cooperation covers ("MD/PhD education, post-doctorate training...").
    #[serde(default)]
    pub scope: LocalizedText,
    #[serde(default)]
    pub since: Option<PartialDate>,
    pub status: LifecycleStatus,
}

impl RecordData for Partnership {
    const KIND: RecordKind = RecordKind::Partnership;

    fn validate(&self, check: &mut Check<'_>) {
        check.date("since", &self.since);
        if self.organization == self.partner {
            check.push("partner", Reason::SameRecord);
        }
    }

    fn references(&self, refs: &mut Refs) {
        refs.one("organization", &self.organization, ORG);
        refs.one("partner", &self.partner, ORG);
    }

    fn title(&self) -> LocalizedText {
        LocalizedText::new("合作伙伴关系", "Partnership")
    }
}
