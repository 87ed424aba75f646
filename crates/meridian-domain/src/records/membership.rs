//! Memberships: organization A in alliance or organization B, since a date, with a role.

use super::ORG;
use crate::codes::code_list;
use crate::date::PartialDate;
use crate::id::{RecordId, RecordKind};
use crate::record::{Check, RecordData, Refs};
use crate::text::LocalizedText;
use crate::Reason;
use serde::{Deserialize, Serialize};

code_list! {
    MembershipRole, "membership_role" {
        FoundingMember => "founding_member", "创始成员", "Founding Member";
        Member => "member", "成员", "Member";
        AssociateMember => "associate_member", "准成员", "Associate Member";
        Observer => "observer", "观察员", "Observer";
        CouncilMember => "council_member", "理事单位", "Council Member";
        Chair => "chair", "主席单位", "Chair";
        Secretariat => "secretariat", "秘书处", "Secretariat";
    }
}

code_list! {
    MembershipStatus, "membership_status" {
        Active => "active", "有效", "Active";
        Ended => "ended", "已退出", "Ended";
        Unknown => "unknown", "未知", "Unknown";
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    pub member: RecordId,
    /// The alliance, network or organization joined.
    pub organization: RecordId,
    /// Entrance time, at the precision the source gives; absent when it gives none.
    #[serde(default)]
    pub joined: Option<PartialDate>,
    /// The entrance time worded as the source words it ("Nov 11, 2019"), shown in that
    /// language instead of the date written out by rule; `joined` stays the date counted.
    #[serde(default, skip_serializing_if = "LocalizedText::is_empty")]
    pub joined_as_given: LocalizedText,
    #[serde(default)]
    pub left: Option<PartialDate>,
    /// Absent when the source names no role.
    #[serde(default)]
    pub role: Option<MembershipRole>,
    pub status: MembershipStatus,
    #[serde(default)]
    pub note: LocalizedText,
}

impl RecordData for Membership {
    const KIND: RecordKind = RecordKind::Membership;

    fn validate(&self, check: &mut Check<'_>) {
        check.date("joined", &self.joined);
        check.date("left", &self.left);
        if let (Some(joined), Some(left)) = (&self.joined, &self.left) {
            if left.latest() < joined.earliest() {
                check.push("left", Reason::EndBeforeStart);
            }
        }
        if self.member == self.organization {
            check.push("organization", Reason::SameRecord);
        }
    }

    fn references(&self, refs: &mut Refs) {
        refs.one("member", &self.member, ORG);
        refs.one("organization", &self.organization, ORG);
    }

    fn title(&self) -> LocalizedText {
        LocalizedText::new("成员资格", "Membership")
    }
}
