//! An office's contact details, and its open invitation to partners.

use super::ORG;
use crate::id::{RecordId, RecordKind};
use crate::record::{Check, RecordData, Refs};
use crate::text::LocalizedText;
use crate::Reason;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub organization: RecordId,
    pub office: LocalizedText,
    #[serde(default)]
    pub address: LocalizedText,
    #[serde(default)]
    pub postcode: Option<String>,
    #[serde(default)]
    pub phones: Vec<String>,
    #[serde(default)]
    pub emails: Vec<String>,
    #[serde(default)]
    pub website: Option<String>,
    /// The office's invitation to prospective partners.
    #[serde(default)]
    pub invitation: LocalizedText,
}

impl RecordData for Contact {
    const KIND: RecordKind = RecordKind::Contact;

    fn validate(&self, check: &mut Check<'_>) {
        check.required_text("office", &self.office);
        check.url("website", &self.website);
        for (i, phone) in self.phones.iter().enumerate() {
            let ok = !phone.is_empty()
                && phone
                    .chars()
                    .all(|c| c.is_ascii_digit() || " +-()".contains(c));
            if !ok {
                check.push(
                    &format!("phones[{i}]"),
                    Reason::BadFormat {
                        expected: "digits, spaces, + - ( )".into(),
                    },
                );
            }
        }
        for (i, email) in self.emails.iter().enumerate() {
            if !is_email(email) {
                check.push(
                    &format!("emails[{i}]"),
                    Reason::BadFormat {
                        expected: "name@example.org".into(),
                    },
                );
            }
        }
    }

    fn references(&self, refs: &mut Refs) {
        refs.one("organization", &self.organization, ORG);
    }

    fn title(&self) -> LocalizedText {
        self.office.clone()
    }
}

/// A plausible e-mail address: one @, something before it, a dot after it, no spaces.
pub fn is_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !text.contains(char::is_whitespace)
        }
        None => false,
    }
}
