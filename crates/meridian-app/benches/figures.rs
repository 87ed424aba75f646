//! Benchmark: the figures (`meridian-analytics`, through `App::analytics`) over N generated
//! records in SQLite or PostgreSQL: the progress of a 50-indicator plan and every dashboard
//! breakdown, answered R times each.
//!
//! cargo bench -p meridian-app --bench figures -- [RECORDS] [DATABASE_URL] [REPETITIONS]
//! Defaults: 1,000,000 records into a temporary SQLite file, 50 repetitions. The first
//! number is the record count, the second the repetitions; an argument with a `:` is the
//! database URL (a PostgreSQL database must be empty). A database that already holds this
//! benchmark's plan is measured as it is, without inserting (for repeated or profiled runs
//! against a kept SQLite file or PostgreSQL database). A question stops repeating once its
//! repetitions have taken `MAX_SECONDS_PER_QUESTION` (at least 3 are always made).
//!
//! Prints the insert rate, the time to build the figures (first `App::analytics`), the
//! memory, and p50 / p95 / max per question in milliseconds.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use common::*;

use meridian_app::analytics::{Analytics, Dimension, Selection};
use meridian_app::App;
use meridian_domain::{civil_day, Approval, RecordBody, RecordId, RecordKind};
use meridian_interop::reference;
use meridian_store::{Actor, Change, NewRecord};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const BATCH: usize = 10_000;
const PROVINCES: usize = 30;
const SUBUNITS_PER_PROVINCE: usize = 3;
const INDICATORS: usize = 50;
/// The plan's years; reported figures are per unit per year.
const PLAN_YEARS: std::ops::RangeInclusive<i32> = 2021..=2025;
const MAX_SECONDS_PER_QUESTION: f64 = 90.0;
/// Organizations taking part in the partner network (as on the analytics page).
const NETWORK_NODES: usize = 40;

const ORG_TYPES: [&str; 11] = [
    "university",
    "hospital",
    "research_institute",
    "medical_school",
    "government_body",
    "international_organization",
    "enterprise",
    "foundation",
    "alliance",
    "regulator",
    "other",
];
const CENTRE_KINDS: [&str; 9] = [
    "overseas_tcm_centre",
    "cooperation_base",
    "who_collaborating_centre",
    "joint_laboratory",
    "research_centre",
    "service_export_base",
    "teaching_hospital",
    "friendship_hospital",
    "aid_hospital",
];
const AGREEMENT_KINDS: [&str; 5] = [
    "memorandum",
    "cooperation_agreement",
    "framework",
    "joint_degree",
    "contract",
];
const PROJECT_KINDS: [&str; 8] = [
    "research_project",
    "training_programme",
    "joint_centre",
    "degree_programme",
    "aid_project",
    "cultural_brand_project",
    "clinical_trial_centre",
    "regional_cooperation",
];
const ACTIVITY_KINDS: [&str; 8] = [
    "delegation_received",
    "visit_abroad",
    "lecture_abroad",
    "training_course",
    "conference_hosted",
    "volunteer_consultation",
    "expert_deployment",
    "donation",
];
const MEASURES: [&str; 5] = [
    "participants",
    "trainees",
    "lectures",
    "visitors",
    "experts",
];
const STATUSES: [&str; 4] = ["active", "active", "completed", "expired"];
const AREAS: [&str; 5] = [
    "academic",
    "hospital",
    "international",
    "government",
    "enterprise",
];
const THEMES: [&str; 4] = ["acupuncture", "herbal_medicine", "education", "standards"];
const ROLES: [&str; 3] = ["partner", "implementer", "participant"];

/// SplitMix64: the same stream of pseudo-random numbers for the same index.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A pseudo-random source for one record.
struct Dice(u64);

impl Dice {
    fn of(i: usize, salt: u64) -> Self {
        Dice(mix(i as u64 ^ (salt << 40)))
    }
    fn next(&mut self) -> u64 {
        self.0 = mix(self.0);
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Skewed towards 0 (square of a uniform number): a few values are very common.
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * n as f64) as usize).min(n - 1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
    /// A date in 2000–2025 at year, month or day precision.
    fn date(&mut self) -> (i32, String) {
        let year = 2000 + self.below(26) as i32;
        let text = match self.below(3) {
            0 => format!("{year}"),
            1 => format!("{year}-{:02}", 1 + self.below(12)),
            _ => format!("{year}-{:02}-{:02}", 1 + self.below(12), 1 + self.below(28)),
        };
        (year, text)
    }
}

/// Ids and reference data every generated record may name.
struct Mix {
    national: RecordId,
    provinces: Vec<RecordId>,
    /// `subunits[p * SUBUNITS_PER_PROVINCE + k]` is under `provinces[p]`.
    subunits: Vec<RecordId>,
    /// Every organization, the reporting units first.
    orgs: Vec<RecordId>,
    indicators: Vec<RecordId>,
    plan: RecordId,
    belt_and_road: RecordId,
    /// 150 ISO codes in a shuffled order, so the common ones are not all "A" countries.
    countries: Vec<&'static str>,
}

impl Mix {
    fn new() -> Self {
        let provinces: Vec<RecordId> = (0..PROVINCES)
            .map(|p| RecordId::named(&format!("bench:province:{p}")))
            .collect();
        let subunits: Vec<RecordId> = (0..PROVINCES * SUBUNITS_PER_PROVINCE)
            .map(|s| RecordId::named(&format!("bench:subunit:{s}")))
            .collect();
        let national = RecordId::named("bench:national");
        let mut countries: Vec<&'static str> = reference::countries()
            .iter()
            .filter(|c| c.who_region.is_some() && c.alpha2 != "CN")
            .map(|c| c.alpha2.as_str())
            .collect();
        countries
            .sort_by_key(|c| mix(u64::from(c.as_bytes()[0]) << 8 | u64::from(c.as_bytes()[1])));
        countries.truncate(150);
        let mut orgs = vec![national];
        orgs.extend(&provinces);
        orgs.extend(&subunits);
        Mix {
            national,
            provinces,
            subunits,
            orgs,
            indicators: (0..INDICATORS)
                .map(|k| RecordId::named(&format!("bench:indicator:{k}")))
                .collect(),
            plan: RecordId::named("bench:plan"),
            belt_and_road: reference::group_id("belt_and_road"),
            countries,
        }
    }

    fn units(&self) -> usize {
        1 + self.provinces.len() + self.subunits.len()
    }

    /// The owning unit of a generated record: a provincial unit or one of its sub-units
    /// (nine in ten records), the national administration, or none.
    fn owner(&self, dice: &mut Dice) -> Option<RecordId> {
        match dice.below(20) {
            0 => None,
            1 => Some(self.national),
            2..=7 => Some(self.provinces[dice.below(self.provinces.len())]),
            _ => Some(self.subunits[dice.below(self.subunits.len())]),
        }
    }

    /// One organization, well-connected ones more often.
    fn org(&self, dice: &mut Dice) -> RecordId {
        match self.orgs.len() - self.units() {
            0 => self.orgs[dice.below(self.orgs.len())],
            generated => self.orgs[self.units() + dice.skewed(generated)],
        }
    }

    /// `n` distinct organizations, the first being `first` (the owning unit) when given;
    /// then, one time in six, another reporting unit (units work together too).
    fn distinct_orgs(&self, dice: &mut Dice, first: Option<RecordId>, n: usize) -> Vec<String> {
        let mut out: Vec<RecordId> = first.into_iter().collect();
        if !out.is_empty() && out.len() < n && dice.below(6) == 0 {
            let other = self.orgs[1 + dice.below(self.units() - 1)];
            if !out.contains(&other) {
                out.push(other);
            }
        }
        while out.len() < n {
            let o = self.org(dice);
            if !out.contains(&o) {
                out.push(o);
            }
        }
        out.iter().map(ToString::to_string).collect()
    }

    fn country(&self, dice: &mut Dice) -> &'static str {
        self.countries[dice.skewed(self.countries.len())]
    }

    fn distinct_countries(&self, dice: &mut Dice, n: usize) -> Vec<&'static str> {
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let c = self.country(dice);
            if !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }
}

fn record(id: RecordId, kind: RecordKind, data: Value, unit: Option<RecordId>) -> NewRecord {
    NewRecord {
        id: Some(id),
        body: RecordBody::from_data(kind, data).unwrap_or_else(|e| panic!("generated {kind}: {e}")),
        approval: Approval::Approved,
        unit,
    }
}

/// The reference country groups, as `App::load_demo` loads them.
fn country_groups() -> Vec<NewRecord> {
    reference::country_groups()
        .into_iter()
        .map(|g| NewRecord {
            id: Some(reference::group_id(&g.code)),
            body: RecordBody::from(g),
            approval: Approval::Approved,
            unit: None,
        })
        .collect()
}

/// The reporting units: a national administration, 30 provincial units under it, three
/// sub-units (a hospital, a university, a research institute) under each; each owned by
/// the unit above it.
fn unit_tree(mix: &Mix) -> Vec<NewRecord> {
    let mut out = vec![record(
        mix.national,
        RecordKind::Organization,
        json!({"name": {"zh": "国家中医药管理局", "en": "National Administration of TCM"},
               "org_type": "government_body", "country": "CN"}),
        None,
    )];
    for (p, id) in mix.provinces.iter().enumerate() {
        out.push(record(
            *id,
            RecordKind::Organization,
            json!({"name": {"zh": format!("省中医药管理局{p}"), "en": format!("Provincial TCM Administration {p}")},
                   "org_type": "government_body", "country": "CN", "parent": mix.national.to_string()}),
            Some(mix.national),
        ));
    }
    for (s, id) in mix.subunits.iter().enumerate() {
        let (zh, en, org_type) = match s % 3 {
            0 => ("中医院", "TCM Hospital", "hospital"),
            1 => ("中医药大学", "University of TCM", "university"),
            _ => ("中医药研究院", "Academy of TCM", "research_institute"),
        };
        out.push(record(
            *id,
            RecordKind::Organization,
            json!({"name": {"zh": format!("{zh}{s}"), "en": format!("{en} {s}")},
                   "org_type": org_type, "country": "CN",
                   "parent": mix.provinces[s / SUBUNITS_PER_PROVINCE].to_string()}),
            Some(mix.provinces[s / SUBUNITS_PER_PROVINCE]),
        ));
    }
    out
}

/// Generated organization `n`: three in four abroad; Chinese ones sometimes a department
/// under a sub-unit, foreign ones sometimes under an earlier foreign organization.
fn organization(mix: &Mix, n: usize) -> (RecordId, NewRecord) {
    let mut dice = Dice::of(n, 1);
    let id = RecordId::new();
    let chinese = dice.chance(25);
    let org_type = ORG_TYPES[dice.skewed(ORG_TYPES.len())];
    let mut data = json!({
        "name": {"zh": format!("合作机构{n}"), "en": format!("Partner organization {n}")},
        "acronyms": [format!("PO{n}")], "org_type": org_type,
        "country": if chinese { "CN" } else { mix.country(&mut dice) },
        "founded": dice.date().1,
    });
    let generated = mix.orgs.len() - mix.units();
    if chinese && dice.chance(20) {
        data["parent"] = json!(mix.subunits[dice.below(mix.subunits.len())].to_string());
    } else if !chinese && generated > 0 && dice.chance(12) {
        data["parent"] = json!(mix.orgs[mix.units() + dice.below(generated)].to_string());
    }
    let unit = if chinese { mix.owner(&mut dice) } else { None };
    (id, record(id, RecordKind::Organization, data, unit))
}

/// Generated record `i` after the organizations: centres, agreements, projects,
/// partnerships and activities in the shares 4 : 3 : 3 : 3 : 6.
fn generated(mix: &Mix, i: usize) -> NewRecord {
    let mut dice = Dice::of(i, 2);
    let unit = mix.owner(&mut dice);
    let (kind, data) = match i % 19 {
        0..=3 => {
            let (_, designated) = dice.date();
            let mut data = json!({
                "name": {"zh": format!("中医药中心{i}"), "en": format!("TCM centre {i}")},
                "kind": CENTRE_KINDS[dice.skewed(CENTRE_KINDS.len())],
                "host": unit.unwrap_or_else(|| mix.org(&mut dice)).to_string(),
                "country": mix.country(&mut dice), "level": dice.pick(&["national", "provincial", "institutional"]),
                "designated": designated, "status": dice.pick(&STATUSES), "area": dice.pick(&AREAS),
            });
            if dice.chance(50) {
                let n = 1 + dice.below(2);
                data["partners"] = json!(mix.distinct_orgs(&mut dice, None, n));
            }
            (RecordKind::Centre, data)
        }
        4..=6 => {
            let (year, signed) = dice.date();
            let parties = 2 + usize::from(dice.chance(20));
            let countries = 1 + dice.below(2);
            (
                RecordKind::Agreement,
                json!({
                "title": {"zh": format!("合作协议{i}"), "en": format!("Cooperation agreement {i}")},
                "kind": AGREEMENT_KINDS[dice.skewed(AGREEMENT_KINDS.len())],
                "parties": mix.distinct_orgs(&mut dice, unit, parties),
                "signed": signed, "expires": format!("{}", year + 3 + dice.below(4) as i32),
                "status": dice.pick(&STATUSES), "area": dice.pick(&AREAS),
                "countries": mix.distinct_countries(&mut dice, countries)}),
            )
        }
        7..=9 => {
            let (year, start) = dice.date();
            let n = 2 + dice.below(3);
            let orgs = mix.distinct_orgs(&mut dice, unit, n);
            let participants: Vec<Value> = orgs
                .iter()
                .enumerate()
                .map(|(k, o)| json!({"organization": o, "role": if k == 0 { "lead" } else { ROLES[k % ROLES.len()] }}))
                .collect();
            let countries = 1 + dice.below(3);
            let mut data = json!({
                "title": {"zh": format!("合作项目{i}"), "en": format!("Cooperation project {i}")},
                "kind": PROJECT_KINDS[dice.skewed(PROJECT_KINDS.len())],
                "participants": participants, "countries": mix.distinct_countries(&mut dice, countries),
                "period": {"start": start, "end": format!("{}", year + 1 + dice.below(4) as i32)},
                "status": dice.pick(&STATUSES), "themes": [dice.pick(&THEMES)], "area": dice.pick(&AREAS),
            });
            if dice.chance(10) {
                data["mechanism"] = json!(mix.belt_and_road.to_string());
            }
            (RecordKind::Project, data)
        }
        10..=12 => {
            let pair = mix.distinct_orgs(&mut dice, unit, 2);
            (
                RecordKind::Partnership,
                json!({"organization": pair[0], "partner": pair[1], "area": dice.pick(&AREAS),
                       "since": dice.date().1, "status": dice.pick(&STATUSES)}),
            )
        }
        _ => {
            let n = 1 + dice.below(2);
            let orgs = mix.distinct_orgs(&mut dice, unit, n);
            let countries = 1 + dice.below(2);
            (
                RecordKind::Activity,
                json!({
                "title": {"zh": format!("交流活动{i}"), "en": format!("Exchange activity {i}")},
                "kind": ACTIVITY_KINDS[dice.skewed(ACTIVITY_KINDS.len())],
                "period": {"start": dice.date().1}, "countries": mix.distinct_countries(&mut dice, countries),
                "organizations": orgs.iter().map(|o| json!({"organization": o, "role": "host"})).collect::<Vec<_>>(),
                "counts": [{"measure": dice.pick(&MEASURES), "value": {"value": (1 + dice.below(500)) as f64}}]}),
            )
        }
    };
    record(RecordId::new(), kind, data, unit)
}

/// Whether indicator `k` is computed (the even ones) or reported.
fn computed(k: usize) -> bool {
    k.is_multiple_of(2)
}

fn level(k: usize) -> bool {
    k % 4 == 3 || k % 8 == 2
}

/// The 50 indicators: half computed from centres, agreements and projects (filters, some
/// scoped to a province's organizations, some to the Belt and Road countries, some
/// counting countries), half reported.
fn indicators(mix: &Mix) -> Vec<NewRecord> {
    (0..INDICATORS)
        .map(|k| {
            let mut data = json!({
                "code": format!("indicator_{k:02}"),
                "name": {"zh": format!("指标{k}"), "en": format!("Indicator {k}")},
                "unit": {"zh": "个", "en": "items"},
                "method": if computed(k) { "computed" } else { "reported" },
                "accumulation": if level(k) { "level" } else { "increment" },
            });
            if computed(k) {
                let c = k / 2;
                let (kind, field, values, date_field) = match c % 3 {
                    0 => ("centre", "kind", &CENTRE_KINDS[..], "designated"),
                    1 => ("agreement", "kind", &AGREEMENT_KINDS[..], "signed"),
                    _ => ("project", "kind", &PROJECT_KINDS[..], "period.start"),
                };
                let mut computation = json!({"kind": kind, "date_field": date_field});
                if c % 4 != 3 {
                    computation["filters"] =
                        json!([{"field": field, "value": values[c % values.len()]}]);
                }
                if c % 5 == 1 {
                    computation["organizations"] =
                        json!([mix.provinces[c % PROVINCES].to_string()]);
                }
                if c % 3 == 2 || c % 4 == 0 {
                    computation["country_group"] = json!(mix.belt_and_road.to_string());
                }
                if c % 6 == 5 {
                    computation["counts"] = json!("countries");
                }
                data["computation"] = computation;
            }
            record(
                mix.indicators[k],
                RecordKind::Indicator,
                data,
                Some(mix.national),
            )
        })
        .collect()
}

fn quantity(value: f64) -> Value {
    json!({ "value": value.round() })
}

/// The plan 2021–2025: every indicator with a baseline, an overall target (except one in
/// five, whose target is the units' targets added up) and one per provincial unit; five
/// task areas of two tasks, each naming five indicators.
fn plan(mix: &Mix) -> NewRecord {
    let period =
        json!({"start": PLAN_YEARS.start().to_string(), "end": PLAN_YEARS.end().to_string()});
    let entries: Vec<Value> = mix
        .indicators
        .iter()
        .enumerate()
        .map(|(k, id)| {
            let scale = 40.0 + (k * 37 % 200) as f64;
            let mut targets: Vec<Value> = mix
                .provinces
                .iter()
                .enumerate()
                .map(|(p, unit)| {
                    json!({"period": period, "reporting_unit": unit.to_string(),
                           "value": quantity(scale / 10.0 + (p % 7) as f64)})
                })
                .collect();
            if k % 5 != 4 {
                targets.push(json!({"period": period, "value": quantity(scale * 4.0)}));
            }
            json!({
                "indicator": id.to_string(),
                "baseline": {"value": quantity(scale), "period": {"start": "2020", "end": "2020"}},
                "targets": targets,
                "responsible": mix.provinces.iter().map(ToString::to_string).collect::<Vec<_>>(),
            })
        })
        .collect();
    let areas: Vec<Value> = (0..5)
        .map(|a| {
            json!({
                "number": format!("{}", a + 1),
                "title": {"zh": format!("重点任务{}", a + 1), "en": format!("Task area {}", a + 1)},
                "tasks": (0..2).map(|t| json!({
                    "number": format!("{}.{}", a + 1, t + 1),
                    "title": {"zh": format!("任务{}.{}", a + 1, t + 1), "en": format!("Task {}.{}", a + 1, t + 1)},
                    "responsible": [mix.national.to_string()],
                    "indicators": (0..5).map(|j| mix.indicators[a * 10 + t * 5 + j].to_string()).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    record(
        mix.plan,
        RecordKind::Plan,
        json!({
            "document_number": "BENCH〔2021〕1号",
            "title": {"zh": "基准测试规划（2021—2025年）", "en": "Benchmark plan (2021–2025)"},
            "issuing_bodies": [mix.national.to_string()], "issued": "2021-06-30",
            "period": period, "indicators": entries, "task_areas": areas,
        }),
        Some(mix.national),
    )
}

/// Yearly figures of the reported indicators: two provincial units in three report
/// themselves, the others' sub-units report; one reporter in seven has not reported 2025
/// and one in eleven missed 2023.
fn figures(mix: &Mix) -> Vec<NewRecord> {
    let mut reporters: Vec<RecordId> = Vec::new();
    for (p, province) in mix.provinces.iter().enumerate() {
        if p % 3 == 0 {
            reporters
                .extend(&mix.subunits[p * SUBUNITS_PER_PROVINCE..(p + 1) * SUBUNITS_PER_PROVINCE]);
        } else {
            reporters.push(*province);
        }
    }
    let mut out = Vec::new();
    for k in (0..INDICATORS).filter(|k| !computed(*k)) {
        for (r, unit) in reporters.iter().enumerate() {
            for year in PLAN_YEARS {
                if (r % 7 == 0 && year == 2025) || (r % 11 == 0 && year == 2023) {
                    continue;
                }
                let value = if level(k) {
                    10.0 + (r % 5) as f64 + 2.0 * (year - 2020) as f64
                } else {
                    1.0 + ((r + k + year as usize) % 4) as f64
                };
                out.push(record(
                    RecordId::new(),
                    RecordKind::Figure,
                    json!({"indicator": mix.indicators[k].to_string(), "reporting_unit": unit.to_string(),
                           "period": {"start": year.to_string(), "end": year.to_string()},
                           "value": quantity(value),
                           "source": {"citation": {"zh": "年度报表", "en": "Annual return"}}}),
                    Some(*unit),
                ));
            }
        }
    }
    out
}

/// Inserts the records in batches of `BATCH`; returns how many.
async fn insert(app: &App, records: impl IntoIterator<Item = NewRecord>) -> usize {
    let actor = Actor::new("bench");
    let mut batch = Vec::with_capacity(BATCH);
    let mut done = 0;
    for r in records {
        batch.push(r);
        if batch.len() == BATCH {
            done += batch.len();
            app.create_many(std::mem::take(&mut batch), &actor)
                .await
                .expect("insert batch");
        }
    }
    done += batch.len();
    if !batch.is_empty() {
        app.create_many(batch, &actor).await.expect("insert batch");
    }
    done
}

/// Writes the generated mix: `total` records in all.
async fn populate(app: &App, mix: &mut Mix, total: usize) -> usize {
    let groups = country_groups();
    let units = unit_tree(mix);
    let defining = 1 + INDICATORS + figures(mix).len();
    let fixed = groups.len() + units.len() + defining;
    let orgs = (total / 20).saturating_sub(units.len());
    let rest = total.saturating_sub(fixed + orgs);
    let mut done = insert(app, groups.into_iter().chain(units)).await;
    // An organization may name an earlier one as its parent (earlier in the same batch
    // too): generate them in order, remembering their ids.
    let mut batch = Vec::with_capacity(BATCH);
    for n in 0..orgs {
        let (id, r) = organization(mix, n);
        mix.orgs.push(id);
        batch.push(r);
        if batch.len() == BATCH || n + 1 == orgs {
            done += insert(app, std::mem::take(&mut batch)).await;
        }
    }
    done += insert(
        app,
        indicators(mix)
            .into_iter()
            .chain(std::iter::once(plan(mix)))
            .chain(figures(mix)),
    )
    .await;
    done += insert(app, (0..rest).map(|i| generated(mix, i))).await;
    done
}

struct Timing {
    question: String,
    times: Vec<Duration>,
    answer: String,
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1].as_secs_f64() * 1000.0
}

/// Asks `question` up to `reps` times (fewer when they take more than
/// `MAX_SECONDS_PER_QUESTION` in all); `answer` describes the last answer.
async fn measure<F, Fut, A>(
    name: &str,
    reps: usize,
    question: F,
    answer: impl Fn(&A) -> String,
) -> Timing
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = A>,
{
    measure_after(name, reps, || async {}, question, answer).await
}

/// As `measure`, with `change` made (and not timed) before each ask.
async fn measure_after<C, CFut, F, Fut, A>(
    name: &str,
    reps: usize,
    mut change: C,
    mut question: F,
    answer: impl Fn(&A) -> String,
) -> Timing
where
    C: FnMut() -> CFut,
    CFut: std::future::Future<Output = ()>,
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = A>,
{
    let mut times = Vec::with_capacity(reps);
    let started = Instant::now();
    let mut last = None;
    while times.len() < reps
        && (times.len() < 3 || started.elapsed().as_secs_f64() < MAX_SECONDS_PER_QUESTION)
    {
        change().await;
        let t = Instant::now();
        let a = question().await;
        times.push(t.elapsed());
        last = Some(a);
    }
    let answer = last.as_ref().map(answer).unwrap_or_default();
    eprintln!("  {name}: {} reps, {answer}", times.len());
    Timing {
        question: name.to_string(),
        times,
        answer,
    }
}

/// Changes a record's data through the app, as an edit on its page would.
async fn edit(app: &App, kind: RecordKind, id: RecordId, change: impl FnOnce(&mut Value)) {
    let current = app.get(kind, id).await.expect("the record to edit");
    let mut data = current.body.to_data();
    change(&mut data);
    let body = RecordBody::from_data(kind, data).expect("an edited body");
    app.update(
        id,
        current.version,
        Change::body_of(&current, body),
        &Actor::new("bench"),
    )
    .await
    .expect("the edit");
}

fn print_table(rows: &[Timing]) {
    println!("| question | reps | p50 ms | p95 ms | max ms | answer |\n|---|---|---|---|---|---|");
    for row in rows {
        let mut sorted = row.times.clone();
        sorted.sort();
        println!(
            "| {} | {} | {:.1} | {:.1} | {:.1} | {} |",
            row.question,
            sorted.len(),
            percentile(&sorted, 50.0),
            percentile(&sorted, 95.0),
            percentile(&sorted, 100.0),
            row.answer
        );
    }
}

fn kind_counts(a: &Analytics) -> String {
    let all = Selection {
        kinds: RecordKind::ALL.to_vec(),
        include_unapproved: true,
        ..Selection::default()
    };
    a.breakdown(&all, Dimension::Kind)
        .buckets
        .iter()
        .map(|b| format!("{} {}", b.key, b.count))
        .collect::<Vec<_>>()
        .join(", ")
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let numbers: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let total = numbers.first().copied().unwrap_or(1_000_000);
    let reps = numbers.get(1).copied().unwrap_or(50).max(1);
    let dir = tempfile::tempdir().unwrap();
    let url = args
        .iter()
        .find(|a| a.contains(':'))
        .cloned()
        .unwrap_or_else(|| format!("sqlite://{}", dir.path().join("figures.db").display()));
    let backend = if url.starts_with("postgres") {
        "postgresql"
    } else {
        "sqlite"
    };
    let store = open(&url).await;
    let app = App::new(store);
    let mut mix = Mix::new();
    println!("backend:  {backend}");

    if app.get(RecordKind::Plan, mix.plan).await.is_ok() {
        println!("insert:   skipped, the database holds the benchmark's records already");
    } else {
        let started = Instant::now();
        let inserted = populate(&app, &mut mix, total).await;
        let secs = started.elapsed().as_secs_f64();
        println!(
            "insert:   {inserted} records in {secs:.1} s = {:.0} records/s",
            inserted as f64 / secs
        );
    }

    let rss_before = rss_mib();
    let started = Instant::now();
    app.analytics(|_| ()).await.expect("build figures");
    let build_secs = started.elapsed().as_secs_f64();
    let held = app.analytics(|a| a.len()).await.unwrap();
    println!(
        "build:    {held} records in {build_secs:.1} s = {:.0} records/s (first App::analytics)",
        held as f64 / build_secs
    );
    println!(
        "memory:   RSS {rss_before:.0} MiB before the build, {:.0} MiB after; peak RSS {:.0} MiB",
        rss_mib(),
        peak_rss_mib()
    );
    println!("records:  {}", app.analytics(kind_counts).await.unwrap());

    let app = &app;
    let group = mix.belt_and_road;
    let plan_id = mix.plan;
    let centres = &Selection::of_kind(RecordKind::Centre);
    let mut rows = Vec::new();
    eprintln!("measuring ({reps} repetitions a question)");
    // The build asked every plan once, tallying its computed indicators (one scan each);
    // asks after a change read the tallies, kept up to date record by record.
    let t = Instant::now();
    let first = app
        .plan_progress(Some(plan_id))
        .await
        .expect("plan progress");
    rows.push(Timing {
        question: "plan progress, first ask after the build".into(),
        times: vec![t.elapsed()],
        answer: format!("{} indicators", first.indicators.len()),
    });
    let centres_to_edit = &app
        .analytics(|a| a.matching(&Selection::of_kind(RecordKind::Centre), 64))
        .await
        .unwrap();
    let turn = &std::sync::atomic::AtomicUsize::new(0);
    let next_turn = move || turn.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    rows.push(
        measure_after(
            "plan progress after a change to a centre (its year moved)",
            reps,
            move || async move {
                let n = next_turn();
                let centre = centres_to_edit[n % centres_to_edit.len()];
                edit(app, RecordKind::Centre, centre, |d| {
                    d["designated"] = json!(format!("{}", 2021 + n % 5))
                })
                .await
            },
            move || app.plan_progress(Some(plan_id)),
            |p| {
                format!(
                    "{} indicators",
                    p.as_ref().expect("plan progress").indicators.len()
                )
            },
        )
        .await,
    );
    // A move in the organization tree drops the tallies of the indicators scoped to
    // organizations: they are made again by one scan each.
    let (moved, homes) = (mix.subunits[0], [mix.provinces[0], mix.provinces[1]]);
    rows.push(
        measure_after(
            "plan progress after a unit moves to another province",
            reps,
            move || async move {
                let home = homes[next_turn() % 2];
                edit(app, RecordKind::Organization, moved, |d| {
                    d["parent"] = json!(home.to_string())
                })
                .await
            },
            move || app.plan_progress(Some(plan_id)),
            |p| {
                format!(
                    "{} indicators",
                    p.as_ref().expect("plan progress").indicators.len()
                )
            },
        )
        .await,
    );
    // …and as the pages, reports and API get it between changes (kept by the app).
    rows.push(
        measure(
            "plan progress (50 indicators × 30 units, completeness)",
            reps,
            move || app.plan_progress(Some(plan_id)),
            |p| {
                let p = p.as_ref().expect("plan progress");
                format!(
                    "{} indicators, {} unit rows, {} completeness rows, {} reminders",
                    p.indicators.len(),
                    p.indicators.iter().map(|i| i.units.len()).sum::<usize>(),
                    p.completeness.rows.len(),
                    p.completeness.reminders.len()
                )
            },
        )
        .await,
    );
    for dimension in Dimension::ALL {
        let name = format!("centres by {}", dimension.as_str());
        rows.push(
            measure(
                &name,
                reps,
                move || app.analytics(move |a| a.breakdown(centres, dimension)),
                |b| {
                    let b = b.as_ref().unwrap();
                    format!("{} records, {} buckets", b.total.value, b.buckets.len())
                },
            )
            .await,
        );
    }
    let all_kinds = &Selection {
        kinds: RecordKind::ALL.to_vec(),
        ..Selection::default()
    };
    rows.push(
        measure(
            "all kinds by kind",
            reps,
            move || app.analytics(move |a| a.breakdown(all_kinds, Dimension::Kind)),
            |b| {
                let b = b.as_ref().unwrap();
                format!("{} records, {} buckets", b.total.value, b.buckets.len())
            },
        )
        .await,
    );
    // As the analytics page asks: the network over the kinds that join organizations, the
    // gaps over the kinds that show a presence.
    let network_kinds = &Selection {
        kinds: vec![
            RecordKind::Partnership,
            RecordKind::Agreement,
            RecordKind::Project,
            RecordKind::Membership,
        ],
        ..Selection::default()
    };
    rows.push(
        measure(
            "network (partnerships, agreements, projects; top 40)",
            reps,
            move || app.analytics(move |a| a.network(network_kinds, NETWORK_NODES)),
            |n| {
                let n = n.as_ref().unwrap();
                format!("{} nodes, {} links", n.nodes.len(), n.links.len())
            },
        )
        .await,
    );
    let presence = &Selection {
        kinds: vec![
            RecordKind::Centre,
            RecordKind::Agreement,
            RecordKind::Project,
        ],
        ..Selection::default()
    };
    rows.push(
        measure(
            "gaps, Belt and Road (centres, agreements, projects)",
            reps,
            move || app.analytics(move |a| a.gaps(presence, group)),
            |g| {
                let g = g.as_ref().unwrap();
                format!(
                    "{} members, {} without records",
                    g.len(),
                    g.iter().filter(|x| x.records == 0).count()
                )
            },
        )
        .await,
    );
    let windowed = &Selection {
        kinds: vec![
            RecordKind::Centre,
            RecordKind::Agreement,
            RecordKind::Project,
        ],
        country_group: Some(group),
        window: Some((civil_day(2021, 1, 1), civil_day(2025, 12, 31))),
        ..Selection::default()
    };
    rows.push(
        measure(
            "count, 2021–2025 × Belt and Road (centres, agreements, projects)",
            reps,
            move || app.analytics(move |a| a.count(windowed)),
            |c| {
                let c = c.as_ref().unwrap();
                format!(
                    "{} records ({} uncertain, {} undated)",
                    c.value, c.uncertain, c.undated
                )
            },
        )
        .await,
    );
    println!();
    print_table(&rows);

    // Where the plan's time goes: its computed and reported indicators one by one (the
    // rest of `plan_progress` is the reporting completeness), and the parts they repeat.
    let as_of = meridian_app::today().last_day();
    let (computed_ms, reported_ms) = app
        .analytics(|a| {
            let plan = &a.plan(plan_id).expect("plan").value;
            let (mut c, mut r) = (0.0, 0.0);
            for entry in &plan.indicators {
                let t = Instant::now();
                a.indicator_progress(&plan.period, entry, as_of);
                let ms = t.elapsed().as_secs_f64() * 1000.0;
                let method = a
                    .indicator(entry.indicator)
                    .expect("indicator")
                    .value
                    .method;
                if method == meridian_domain::records::IndicatorMethod::Computed {
                    c += ms;
                } else {
                    r += ms;
                }
            }
            (c, r)
        })
        .await
        .unwrap();
    let province = mix.provinces[0];
    let diagnostics = vec![
        measure(
            "one scan: count of all centres",
            reps,
            move || app.analytics(move |a| a.count(centres)),
            |c| format!("{}", c.as_ref().unwrap().value),
        )
        .await,
        measure(
            "count of centres owned by one provincial unit's subtree",
            reps,
            move || {
                app.analytics(move |a| {
                    a.count(&Selection {
                        units: vec![province],
                        ..centres.clone()
                    })
                })
            },
            |c| format!("{}", c.as_ref().unwrap().value),
        )
        .await,
        measure(
            "children_of(one provincial unit)",
            reps,
            move || app.analytics(move |a| a.children_of(province)),
            |c| format!("{} children", c.as_ref().unwrap().len()),
        )
        .await,
    ];
    println!();
    println!(
        "plan progress, one pass by parts: computed indicators {computed_ms:.0} ms, reported indicators {reported_ms:.0} ms (the rest of the total is completeness)"
    );
    print_table(&diagnostics);
}
