//! A small world counted by hand. Units: administration A over provinces P1 and P2; P1
//! over hospital H1. Country group G = {KE, TZ, PK, IT, LA}.
//!
//! Overseas centres (`kind = overseas_tcm_centre`), owner, country, designated:
//! c1 P1 KE 2021-03 · c2 H1 TZ 2023 · c3 P2 DE 2020 · c4 P2 IT (no date) ·
//! c5 P1 PK 2025-12-31 · c7 P2 KE 2024 (a draft) · c8 P2 PK 2020;
//! c6 P1 KE 2022 is a cooperation base.

use meridian_analytics::{Analytics, Entry};
use meridian_domain::{Approval, RecordBody, RecordId, RecordKind};
use serde_json::{json, Value};

pub fn id(key: &str) -> RecordId {
    RecordId::named(&format!("analytics-test:{key}"))
}

pub struct Fixture {
    pub records: Vec<(RecordId, Approval, Option<RecordId>, RecordBody)>,
}

impl Fixture {
    pub fn add(
        &mut self,
        key: &str,
        approval: Approval,
        unit: Option<&str>,
        kind: RecordKind,
        data: Value,
    ) {
        let body = RecordBody::from_data(kind, data).unwrap_or_else(|e| panic!("{key}: {e}"));
        self.records.push((id(key), approval, unit.map(id), body));
    }

    pub fn analytics(&self) -> Analytics {
        Analytics::build(self.records.iter().map(|(id, approval, unit, body)| Entry {
            id: *id,
            approval: *approval,
            unit: *unit,
            body,
        }))
    }

    /// Changes a record's data in place (as an edit would).
    pub fn edit(&mut self, key: &str, change: impl FnOnce(&mut Value)) {
        let record = self.record_mut(key);
        let kind = record.3.kind();
        let mut data = record.3.to_data();
        change(&mut data);
        record.3 = RecordBody::from_data(kind, data).unwrap_or_else(|e| panic!("{key}: {e}"));
    }

    pub fn set_approval(&mut self, key: &str, approval: Approval) {
        self.record_mut(key).1 = approval;
    }

    /// Takes a record out (as a delete would).
    pub fn remove(&mut self, key: &str) {
        self.records.retain(|r| r.0 != id(key));
    }

    fn record_mut(&mut self, key: &str) -> &mut (RecordId, Approval, Option<RecordId>, RecordBody) {
        self.records
            .iter_mut()
            .find(|r| r.0 == id(key))
            .expect("a fixture record")
    }

    pub fn entry(&self, key: &str) -> Entry<'_> {
        let (id, approval, unit, body) = self
            .records
            .iter()
            .find(|r| r.0 == id(key))
            .expect("a fixture record");
        Entry {
            id: *id,
            approval: *approval,
            unit: *unit,
            body,
        }
    }
}

pub fn org(f: &mut Fixture, key: &str, org_type: &str, parent: Option<&str>, country: &str) {
    let mut data =
        json!({"name": {"zh": key, "en": key}, "org_type": org_type, "country": country});
    if let Some(parent) = parent {
        data["parent"] = json!(id(parent).to_string());
    }
    f.add(
        key,
        Approval::Approved,
        None,
        RecordKind::Organization,
        data,
    );
}

pub fn centre(
    f: &mut Fixture,
    key: &str,
    approval: Approval,
    unit: &str,
    kind: &str,
    country: &str,
    designated: Option<&str>,
) {
    let mut data = json!({
        "name": {"en": key}, "kind": kind, "country": country, "status": "active",
        "host": id(unit).to_string(),
    });
    if let Some(d) = designated {
        data["designated"] = json!(d);
    }
    f.add(key, approval, Some(unit), RecordKind::Centre, data);
}

fn figure(
    f: &mut Fixture,
    key: &str,
    approval: Approval,
    indicator: &str,
    unit: &str,
    period: Value,
    value: Value,
) {
    f.add(
        key,
        approval,
        Some(unit),
        RecordKind::Figure,
        json!({
            "indicator": id(indicator).to_string(), "reporting_unit": id(unit).to_string(),
            "period": period, "value": value, "source": {},
        }),
    );
}

fn period(start: &str, end: &str) -> Value {
    json!({"start": start, "end": end})
}

pub fn fixture() -> Fixture {
    let approved = Approval::Approved;
    let mut f = Fixture {
        records: Vec::new(),
    };
    org(&mut f, "A", "government_body", None, "CN");
    org(&mut f, "P1", "government_body", Some("A"), "CN");
    org(&mut f, "P2", "government_body", Some("A"), "CN");
    org(&mut f, "H1", "hospital", Some("P1"), "CN");
    f.add(
        "G",
        approved,
        None,
        RecordKind::CountryGroup,
        json!({"code": "g", "name": {"en": "Group G", "zh": "G组"}, "group_type": "other",
               "members": ["KE", "TZ", "PK", "IT", "LA"]}),
    );
    centre(
        &mut f,
        "c1",
        approved,
        "P1",
        "overseas_tcm_centre",
        "KE",
        Some("2021-03"),
    );
    centre(
        &mut f,
        "c2",
        approved,
        "H1",
        "overseas_tcm_centre",
        "TZ",
        Some("2023"),
    );
    centre(
        &mut f,
        "c3",
        approved,
        "P2",
        "overseas_tcm_centre",
        "DE",
        Some("2020"),
    );
    centre(
        &mut f,
        "c4",
        approved,
        "P2",
        "overseas_tcm_centre",
        "IT",
        None,
    );
    centre(
        &mut f,
        "c5",
        approved,
        "P1",
        "overseas_tcm_centre",
        "PK",
        Some("2025-12-31"),
    );
    centre(
        &mut f,
        "c6",
        approved,
        "P1",
        "cooperation_base",
        "KE",
        Some("2022"),
    );
    centre(
        &mut f,
        "c7",
        Approval::Draft,
        "P2",
        "overseas_tcm_centre",
        "KE",
        Some("2024"),
    );
    centre(
        &mut f,
        "c8",
        approved,
        "P2",
        "overseas_tcm_centre",
        "PK",
        Some("2020"),
    );

    let computation = json!({"kind": "centre", "filters": [{"field": "kind", "value": "overseas_tcm_centre"}],
                             "date_field": "designated"});
    f.add("I1", approved, Some("A"), RecordKind::Indicator, json!({
        "code": "centres", "name": {"en": "Overseas centres", "zh": "海外中心"}, "unit": {"en": "centres", "zh": "个"},
        "method": "computed", "computation": computation}));
    f.add("I2", approved, Some("A"), RecordKind::Indicator, json!({
        "code": "trained", "name": {"en": "People trained", "zh": "培训人数"}, "unit": {"en": "people", "zh": "人"},
        "method": "reported"}));
    f.add("I3", approved, Some("A"), RecordKind::Indicator, json!({
        "code": "reached", "name": {"en": "Countries reached", "zh": "覆盖国家"}, "method": "reported",
        "accumulation": "level"}));
    let mut countries = computation.clone();
    countries["counts"] = json!("countries");
    f.add("I4", approved, Some("A"), RecordKind::Indicator, json!({
        "code": "centre_countries", "name": {"en": "Countries with new centres", "zh": "新建中心所在国家"},
        "method": "computed", "computation": countries}));

    figure(
        &mut f,
        "f1",
        approved,
        "I2",
        "H1",
        period("2021", "2021"),
        json!({"value": 5.0}),
    );
    figure(
        &mut f,
        "f2",
        approved,
        "I2",
        "H1",
        period("2022", "2022"),
        json!({"value": 7.0, "qualifier": "more_than"}),
    );
    figure(
        &mut f,
        "f3",
        approved,
        "I2",
        "P2",
        period("2021", "2025"),
        json!({"value": 20.0}),
    );
    figure(
        &mut f,
        "f4",
        approved,
        "I2",
        "P2",
        period("2021", "2021"),
        json!({"value": 3.0}),
    );
    figure(
        &mut f,
        "f5",
        approved,
        "I2",
        "P1",
        json!({}),
        json!({"value": 100.0}),
    );
    figure(
        &mut f,
        "f6",
        approved,
        "I2",
        "P2",
        period("2019", "2019"),
        json!({"value": 9.0}),
    );
    figure(
        &mut f,
        "f7",
        Approval::Draft,
        "I2",
        "H1",
        period("2023", "2023"),
        json!({"value": 50.0}),
    );
    figure(
        &mut f,
        "f8",
        approved,
        "I3",
        "A",
        period("2021", "2021"),
        json!({"value": 150.0}),
    );
    figure(
        &mut f,
        "f9",
        approved,
        "I3",
        "A",
        period("2022", "2022"),
        json!({"value": 170.0}),
    );

    let plan_period = period("2021", "2025");
    f.add("plan", approved, Some("A"), RecordKind::Plan, json!({
        "title": {"en": "Test plan", "zh": "测试规划"}, "period": plan_period,
        "indicators": [
            {"indicator": id("I1").to_string(), "responsible": [id("A").to_string()],
             "baseline": {"value": {"value": 30.0}, "period": period("2016", "2020")},
             "targets": [
                {"period": plan_period, "value": {"value": 10.0}},
                {"period": plan_period, "reporting_unit": id("P1").to_string(), "value": {"value": 6.0}},
                {"period": plan_period, "reporting_unit": id("P2").to_string(), "value": {"value": 4.0}}]},
            {"indicator": id("I2").to_string(), "responsible": [id("A").to_string()],
             "targets": [
                {"period": plan_period, "reporting_unit": id("P1").to_string(), "value": {"value": 20.0}},
                {"period": plan_period, "reporting_unit": id("P2").to_string(), "value": {"value": 30.0}}]},
            {"indicator": id("I3").to_string(), "responsible": [id("A").to_string()],
             "baseline": {"value": {"value": 100.0}, "period": {"end": "2020"}},
             "targets": [{"period": plan_period, "value": {"value": 200.0}}]},
            {"indicator": id("I4").to_string(),
             "targets": [{"period": plan_period, "text": {"en": "More countries", "zh": "更多国家"}}]}
        ],
        "task_areas": [
            {"number": "1", "title": {"en": "Centres", "zh": "中心"},
             "tasks": [{"number": "1", "title": {"en": "Build", "zh": "建设"}, "indicators": [id("I1").to_string(), id("I4").to_string()]}]},
            {"number": "2", "title": {"en": "People", "zh": "人才"},
             "tasks": [{"number": "1", "title": {"en": "Train", "zh": "培训"}, "indicators": [id("I2").to_string()]}]}
        ]
    }));
    f
}
