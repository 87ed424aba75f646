//! Inquiries sent from the public portal, followed up to a partnership or closed.

use super::{CooperationArea, ANY};
use crate::codes::code_list;
use crate::date::PartialDate;
use crate::id::{RecordId, RecordKind};
use crate::record::{Check, RecordData, Refs};
use crate::text::{Lang, LocalizedText};
use crate::Reason;
use serde::{Deserialize, Serialize};

code_list! {
    InquiryStatus, "inquiry_status" {
        New => "new", "新咨询", "New";
        Contacted => "contacted", "已联系", "Contacted";
        InDiscussion => "in_discussion", "洽谈中", "In discussion";
        Partnership => "partnership", "已建立合作", "Partnership";
        Closed => "closed", "已关闭", "Closed";
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inquiry {
    pub name: String,
    #[serde(default)]
    pub organization_name: Option<String>,
    pub email: String,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub interest: Option<CooperationArea>,
    pub message: String,
    /// The language the inquiry was written in.
    pub language: Lang,
    pub received: PartialDate,
    pub status: InquiryStatus,
    /// The record (partnership, agreement...) it led to.
    #[serde(default)]
    pub outcome: Option<RecordId>,
}

impl RecordData for Inquiry {
    const KIND: RecordKind = RecordKind::Inquiry;

    fn validate(&self, check: &mut Check<'_>) {
        check.required_str("name", &self.name);
        check.required_str("message", &self.message);
        if !super::is_email(&self.email) {
            check.push(
                "email",
                Reason::BadFormat {
                    expected: "name@example.org".into(),
                },
            );
        }
        check.country("country", &self.country);
        check.date("received", &Some(self.received));
    }

    fn references(&self, refs: &mut Refs) {
        refs.opt("outcome", &self.outcome, ANY);
    }

    fn title(&self) -> LocalizedText {
        let who = match &self.organization_name {
            Some(org) => format!("{} ({org})", self.name),
            None => self.name.clone(),
        };
        LocalizedText::new(format!("合作咨询：{who}"), format!("Inquiry: {who}"))
    }
}
