//! Shared helpers: the dataset loaded once, and typed look-ups by key.

use meridian_demo::DemoRecord;
use meridian_domain::records::*;
use meridian_domain::{Qualifier, RecordBody, RecordId};
use std::sync::OnceLock;

pub fn dataset() -> &'static [DemoRecord] {
    static DATA: OnceLock<Vec<DemoRecord>> = OnceLock::new();
    DATA.get_or_init(|| {
        meridian_demo::records().unwrap_or_else(|e| panic!("the embedded dataset loads: {e}"))
    })
}

pub fn record(key: &str) -> &'static DemoRecord {
    dataset()
        .iter()
        .find(|r| r.key == key)
        .unwrap_or_else(|| panic!("no record {key}"))
}

pub fn id(key: &str) -> RecordId {
    RecordId::named(key)
}

pub fn by_id(id: &RecordId) -> &'static DemoRecord {
    dataset()
        .iter()
        .find(|r| r.id == *id)
        .unwrap_or_else(|| panic!("no record {id}"))
}

/// The English name or title of the record `id` names.
pub fn en_title(id: &RecordId) -> String {
    by_id(id).body.title().en.unwrap_or_default()
}

macro_rules! typed {
    ($fn:ident, $all:ident, $variant:ident, $ty:ty) => {
        #[allow(dead_code)]
        pub fn $fn(key: &str) -> &'static $ty {
            match &record(key).body {
                RecordBody::$variant(b) => b,
                other => panic!("{key} is a {}", other.kind()),
            }
        }

        #[allow(dead_code)]
        pub fn $all() -> Vec<(&'static str, &'static $ty)> {
            dataset()
                .iter()
                .filter_map(|r| match &r.body {
                    RecordBody::$variant(b) => Some((r.key.as_str(), b)),
                    _ => None,
                })
                .collect()
        }
    };
}

typed!(organization, organizations, Organization, Organization);
typed!(membership, memberships, Membership, Membership);
typed!(partnership, partnerships, Partnership, Partnership);
typed!(agreement, agreements, Agreement, Agreement);
typed!(project, projects, Project, Project);
typed!(centre, centres, Centre, Centre);
typed!(activity, activities, Activity, Activity);
typed!(output, outputs, Output, Output);
typed!(indicator, indicators, Indicator, Indicator);
typed!(figure, figures, Figure, Figure);
typed!(plan, plans, Plan, Plan);
typed!(news, news_items, News, News);
typed!(contact, contacts, Contact, Contact);

/// A figure's value and qualifier, found by key.
pub fn figure_value(key: &str) -> (f64, Qualifier) {
    let f = figure(key);
    (f.value.value, f.value.qualifier)
}
