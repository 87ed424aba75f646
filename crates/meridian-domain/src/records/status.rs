//! A record's follow-up or lifecycle status, for the kinds that have one (agreements,
//! projects, centres, memberships, partnerships, inquiries): lists filter on it and an inbox counts by it.

use super::*;
use crate::codes::{Code, LifecycleStatus};
use crate::id::RecordKind;
use crate::record::RecordBody;
use crate::text::Lang;

impl RecordBody {
    /// The status code, or `None` for kinds without a status.
    pub fn status(&self) -> Option<&'static str> {
        Some(match self {
            RecordBody::Agreement(r) => r.status.as_str(),
            RecordBody::Centre(r) => r.status.as_str(),
            RecordBody::Inquiry(r) => r.status.as_str(),
            RecordBody::Membership(r) => r.status.as_str(),
            RecordBody::Partnership(r) => r.status.as_str(),
            RecordBody::Project(r) => r.status.as_str(),
            _ => return None,
        })
    }
}

/// The statuses a kind's records can have, in their order of follow-up, with labels in
/// `lang`; empty for kinds without a status.
pub fn statuses(kind: RecordKind, lang: Lang) -> Vec<(&'static str, &'static str)> {
    fn all<C: Code>(lang: Lang) -> Vec<(&'static str, &'static str)> {
        C::all()
            .iter()
            .map(|c| (c.as_str(), c.label(lang)))
            .collect()
    }
    match kind {
        RecordKind::Agreement
        | RecordKind::Centre
        | RecordKind::Partnership
        | RecordKind::Project => all::<LifecycleStatus>(lang),
        RecordKind::Inquiry => all::<InquiryStatus>(lang),
        RecordKind::Membership => all::<MembershipStatus>(lang),
        _ => Vec::new(),
    }
}

/// The label of a kind's status code in `lang`.
pub fn status_label(kind: RecordKind, code: &str, lang: Lang) -> Option<&'static str> {
    statuses(kind, lang)
        .into_iter()
        .find(|(c, _)| *c == code)
        .map(|(_, label)| label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_with_a_status_lists_its_codes_and_others_none() {
        assert_eq!(statuses(RecordKind::Inquiry, Lang::En)[0], ("new", "New"));
        assert_eq!(
            status_label(RecordKind::Inquiry, "in_discussion", Lang::Zh),
            Some("洽谈中")
        );
        assert!(statuses(RecordKind::Organization, Lang::En).is_empty());
        assert!(statuses(RecordKind::Project, Lang::En)
            .iter()
            .any(|(c, _)| *c == "active"));
    }
}
