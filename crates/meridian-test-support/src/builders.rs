//! Valid records of every kind for tests, built from JSON so they read like the stored
//! form. `variant` changes a visible text so updates and history have something to show.

use meridian_domain::{RecordBody, RecordId, RecordKind};
use serde_json::{json, Value};

/// Records the samples link to; create them first (see `Links::bodies`).
#[derive(Debug, Clone, Copy)]
pub struct Links {
    pub org_a: RecordId,
    pub org_b: RecordId,
    pub indicator: RecordId,
    pub agreement: RecordId,
    pub group: RecordId,
    pub news: RecordId,
}

impl Default for Links {
    fn default() -> Self {
        Self {
            org_a: RecordId::new(),
            org_b: RecordId::new(),
            indicator: RecordId::new(),
            agreement: RecordId::new(),
            group: RecordId::new(),
            news: RecordId::new(),
        }
    }
}

impl Links {
    /// The linked-to records, in an order that satisfies their own links.
    pub fn bodies(&self) -> Vec<(RecordId, RecordBody)> {
        vec![
            (
                self.org_a,
                organization("南京医科大学", "Nanjing Medical University"),
            ),
            (
                self.org_b,
                organization("中国医科大学", "China Medical University"),
            ),
            (self.group, sample(RecordKind::CountryGroup, self, 0)),
            (self.indicator, sample(RecordKind::Indicator, self, 0)),
            (self.agreement, sample(RecordKind::Agreement, self, 0)),
            (self.news, sample(RecordKind::News, self, 0)),
        ]
    }
}

pub fn organization(zh: &str, en: &str) -> RecordBody {
    body(
        RecordKind::Organization,
        json!({"name": {"zh": zh, "en": en}, "org_type": "university", "country": "CN"}),
    )
}

fn body(kind: RecordKind, data: Value) -> RecordBody {
    RecordBody::from_data(kind, data)
        .unwrap_or_else(|e| panic!("builder for {kind} is out of date: {e}"))
}

/// A valid record of `kind`; different `variant`s differ in a title or note.
pub fn sample(kind: RecordKind, l: &Links, variant: u32) -> RecordBody {
    let v = variant;
    let (a, b) = (l.org_a.to_string(), l.org_b.to_string());
    let data = match kind {
        RecordKind::CountryGroup => {
            json!({"code": format!("group_{v}"), "name": {"zh": format!("国家组{v}"), "en": format!("Group {v}")},
            "group_type": "cooperation_mechanism", "members": ["KH", "LA", "MM"]})
        }
        RecordKind::Organization => {
            json!({"name": {"zh": format!("机构{v}"), "en": format!("Organization {v}")}, "org_type": "alliance",
            "founders": [a], "member_counts": [{"value": {"value": 92.0}}], "founded": "2000"})
        }
        RecordKind::Membership => {
            json!({"member": a, "organization": b, "joined": "2019-11-11", "role": "founding_member",
            "status": "active", "note": {"en": format!("note {v}")}})
        }
        RecordKind::Partnership => {
            json!({"organization": a, "partner": b, "area": "international", "status": "active",
            "scope": {"en": format!("MD/PhD education {v}")}})
        }
        RecordKind::Agreement => {
            json!({"title": {"zh": format!("合作协议{v}"), "en": format!("Agreement {v}")}, "kind": "memorandum",
            "parties": [a, b], "signed": "2020-05", "expires": "2025", "status": "active"})
        }
        RecordKind::Project => {
            json!({"title": {"en": format!("Malaria programme {v}")}, "kind": "disease_control_programme",
            "participants": [{"organization": a, "role": "lead"}], "countries": ["MM", "VN", "LA"], "status": "active",
            "period": {"start": "2005"}, "themes": ["malaria"], "agreements": [l.agreement.to_string()],
            "mechanism": l.group.to_string(), "budget": {"amount": {"value": 1000.0}, "currency": "USD"}})
        }
        RecordKind::Centre => {
            json!({"name": {"zh": format!("中心{v}"), "en": format!("China-Norway TCM Center {v}")},
            "kind": "overseas_tcm_centre", "host": a, "partners": [b], "country": "NO", "level": "national", "status": "active"})
        }
        RecordKind::Activity => {
            json!({"title": {"en": format!("Lectures abroad {v}")}, "kind": "lecture_abroad",
            "counts": [{"measure": "lectures", "value": {"value": 500.0, "qualifier": "more_than"}}],
            "organizations": [{"organization": a, "role": "host"}], "countries": ["US"]})
        }
        RecordKind::Output => {
            json!({"title": {"en": format!("Protocol {v}")}, "kind": "protocol", "languages": ["en", "fr"],
            "issued_by": a})
        }
        RecordKind::Indicator => {
            json!({"code": format!("officials_received_{v}"), "name": {"zh": "接待政府官员", "en": format!("Officials received {v}")},
            "unit": {"zh": "名", "en": "officials"}, "method": "reported"})
        }
        RecordKind::Figure => {
            json!({"indicator": l.indicator.to_string(), "reporting_unit": a, "value": {"value": 6800.0 + f64::from(v), "qualifier": "more_than"},
            "period_label": {"en": "over the past"}, "source": {"document": l.news.to_string(), "citation": {"en": "seed 000"}}})
        }
        RecordKind::Plan => {
            json!({"title": {"zh": format!("规划{v}")}, "period": {"start": "2021", "end": "2025"}, "issuing_bodies": [a],
            "indicators": [{"indicator": l.indicator.to_string(), "baseline": {"value": {"value": 30.0}, "period": {"end": "2020"}},
                "targets": [{"period": {"start": "2021", "end": "2025"}, "value": {"value": 30.0}}]}],
            "task_areas": [{"number": "一", "title": {"zh": "深化合作"}, "tasks": [{"number": "1", "title": {"zh": "深化政府间合作"}}]}]})
        }
        RecordKind::News => {
            json!({"title": {"en": format!("News {v}")}, "kind": "news", "related": [a]})
        }
        RecordKind::Contact => {
            json!({"organization": a, "office": {"en": format!("Office {v}")}, "phones": ["86-10-62787861"]})
        }
        RecordKind::Inquiry => {
            json!({"name": format!("Visitor {v}"), "email": "visitor@example.org", "message": "We would like to cooperate.",
            "language": "en", "received": "2026-11-01", "status": "new"})
        }
    };
    body(kind, data)
}
