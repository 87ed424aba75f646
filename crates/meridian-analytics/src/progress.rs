//! A plan's indicators against their baselines and targets.
//!
//! **Actual value.** A *computed* indicator counts the records its definition selects
//! ([`Selection::of_computation`]) with their date inside the target's period (an
//! *increment*: "centres built in 2021–2025") or up to its end (a *level*: "countries
//! reached by 2025"); for a reporting unit, only records that unit (or a unit below it)
//! owns. A *reported* indicator takes the approved figures: for an increment, a figure
//! for exactly the period if there is one, otherwise the sum of the figures whose periods
//! lie inside it (longest first, skipping any that overlaps one already taken); for a
//! level, the latest figure ending inside the period. A unit with no figure of its own
//! rolls up: its value is the sum of its sub-units' values. Figures without a period are
//! not used for progress (they still appear in headlines). On a given day, a computed
//! value counts records dated up to the end of that day's year (dates are often known
//! only to the year).
//!
//! **Targets.** The target for the plan's period with no reporting unit is the overall
//! target; targets with a unit are that unit's. When there is no overall target, the
//! units' targets add up to it.
//!
//! **Expected and status.** `elapsed` is the share of the period's days passed on the
//! day asked about. The value expected by then is `target × elapsed` for an increment and
//! `baseline + (target − baseline) × elapsed` for a level. Status, in this order:
//! *no target* (none with a number), *no data*, *achieved* (actual ≥ target), *not
//! started* (the period has not begun), *missed* (the period is over), and otherwise,
//! with `ratio = (actual − base) / (expected − base)` (base: the baseline for a level, 0
//! for an increment), *on track* when ratio ≥ 0.9, *at risk* when ≥ 0.7, else *behind*.
//! `percent` is `actual / target × 100`.
//!
//! **Reporting completeness.** For each reported indicator, the units expected to report
//! (its responsible units and the units with a target of their own) against each year of
//! the plan that has ended: a unit has reported for a year when it or a unit below it has
//! a figure whose period ends in that year. The gaps are the reminder list.

use crate::measure::year_of_day;
use crate::select::{bounded, Selection};
use crate::tally::Tally;
use crate::{Analytics, Held};
use meridian_domain::records::{
    Accumulation, Baseline, Figure, Indicator, IndicatorMethod, PlanIndicator, Target,
};
use meridian_domain::{
    Approval, LocalizedText, PartialDate, Period, Qualifier, Quantity, RecordId,
};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

pub const ON_TRACK_RATIO: f64 = 0.9;
pub const AT_RISK_RATIO: f64 = 0.7;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProgressStatus {
    NoTarget,
    NoData,
    Achieved,
    NotStarted,
    Missed,
    OnTrack,
    AtRisk,
    Behind,
}

impl ProgressStatus {
    pub const ALL: [ProgressStatus; 8] = [
        ProgressStatus::NoTarget,
        ProgressStatus::NoData,
        ProgressStatus::Achieved,
        ProgressStatus::NotStarted,
        ProgressStatus::Missed,
        ProgressStatus::OnTrack,
        ProgressStatus::AtRisk,
        ProgressStatus::Behind,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProgressStatus::NoTarget => "no_target",
            ProgressStatus::NoData => "no_data",
            ProgressStatus::Achieved => "achieved",
            ProgressStatus::NotStarted => "not_started",
            ProgressStatus::Missed => "missed",
            ProgressStatus::OnTrack => "on_track",
            ProgressStatus::AtRisk => "at_risk",
            ProgressStatus::Behind => "behind",
        }
    }

    pub fn label(self, lang: meridian_domain::Lang) -> &'static str {
        use meridian_domain::Lang::{En, Zh};
        match (self, lang) {
            (ProgressStatus::NoTarget, Zh) => "无量化目标",
            (ProgressStatus::NoTarget, En) => "No numeric target",
            (ProgressStatus::NoData, Zh) => "暂无数据",
            (ProgressStatus::NoData, En) => "No data",
            (ProgressStatus::Achieved, Zh) => "已完成",
            (ProgressStatus::Achieved, En) => "Achieved",
            (ProgressStatus::NotStarted, Zh) => "未开始",
            (ProgressStatus::NotStarted, En) => "Not started",
            (ProgressStatus::Missed, Zh) => "未完成",
            (ProgressStatus::Missed, En) => "Missed",
            (ProgressStatus::OnTrack, Zh) => "进展顺利",
            (ProgressStatus::OnTrack, En) => "On track",
            (ProgressStatus::AtRisk, Zh) => "存在风险",
            (ProgressStatus::AtRisk, En) => "At risk",
            (ProgressStatus::Behind, Zh) => "进度滞后",
            (ProgressStatus::Behind, En) => "Behind",
        }
    }
}

/// Where a value comes from, so every figure can link to what is behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ValueSource {
    /// Counted from records; `selection` lists them.
    Computed {
        #[serde(skip)]
        selection: Selection,
        /// Selected records left out for an uncertain or missing date.
        uncertain: u64,
        undated: u64,
    },
    /// Reported figures (record ids).
    Reported { figures: Vec<RecordId> },
    /// The sum of these sub-units' values.
    RolledUp { units: Vec<RecordId> },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Value {
    pub quantity: Quantity,
    pub source: ValueSource,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitProgress {
    /// `None`: the indicator as a whole.
    pub unit: Option<RecordId>,
    pub target: Option<Quantity>,
    /// The target as worded, for targets without a number.
    pub target_text: LocalizedText,
    /// The target is the sum of the units' targets.
    pub target_rolled_up: bool,
    pub actual: Option<Value>,
    pub percent: Option<f64>,
    pub expected: Option<f64>,
    pub status: ProgressStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorProgress {
    pub indicator: RecordId,
    pub code: String,
    pub name: LocalizedText,
    pub unit_label: LocalizedText,
    pub method: IndicatorMethod,
    pub accumulation: Accumulation,
    pub baseline: Option<Baseline>,
    pub period: Period,
    pub elapsed: f64,
    pub overall: UnitProgress,
    pub units: Vec<UnitProgress>,
    /// What the units' own targets add up to, when any has one: beside an overall target,
    /// shows whether the units' targets cover it.
    pub unit_targets_total: Option<f64>,
    /// Actual value at the end of each year of the period so far (cumulative within the
    /// period for an increment), for charts against the target.
    pub series: Vec<(i32, Option<f64>)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaProgress {
    pub number: String,
    pub title: LocalizedText,
    /// Positions in [`PlanProgress::indicators`] of the indicators its tasks name.
    pub indicators: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reminder {
    pub indicator: RecordId,
    pub unit: RecordId,
    pub year: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompletenessRow {
    pub indicator: RecordId,
    pub unit: RecordId,
    /// One per year of [`Completeness::years`]: reported or not.
    pub reported: Vec<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Completeness {
    /// The plan's years that have ended.
    pub years: Vec<i32>,
    pub rows: Vec<CompletenessRow>,
    pub reminders: Vec<Reminder>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanProgress {
    pub plan: RecordId,
    pub title: LocalizedText,
    pub document_number: Option<String>,
    pub period: Period,
    /// The day asked about (`civil_day` number).
    pub as_of: i64,
    pub elapsed: f64,
    pub indicators: Vec<IndicatorProgress>,
    pub areas: Vec<AreaProgress>,
    pub completeness: Completeness,
}

/// The share of a period passed on day `as_of`, 0 to 1; 0 for an open period.
pub fn elapsed(period: &Period, as_of: i64) -> f64 {
    let Some((first, last)) = bounded(period) else {
        return 0.0;
    };
    if first == i64::MIN || last == i64::MAX {
        return 0.0;
    }
    let days = (last - first + 1) as f64;
    ((as_of - first + 1) as f64 / days).clamp(0.0, 1.0)
}

/// The qualifier of a sum: the parts' qualifier when they agree, else "about".
fn summed_qualifier(parts: impl Iterator<Item = Qualifier>) -> Qualifier {
    let mut out: Option<Qualifier> = None;
    for q in parts {
        out = match out {
            None => Some(q),
            Some(prev) if prev == q => Some(q),
            Some(_) => Some(Qualifier::About),
        };
    }
    out.unwrap_or(Qualifier::Exact)
}

fn sum(values: &[&Quantity]) -> Quantity {
    Quantity {
        value: values.iter().map(|q| q.value).sum(),
        qualifier: summed_qualifier(values.iter().map(|q| q.qualifier)),
    }
}

fn status_of(
    target: Option<f64>,
    actual: Option<f64>,
    expected: Option<f64>,
    base: f64,
    elapsed: f64,
) -> ProgressStatus {
    let Some(target) = target else {
        return ProgressStatus::NoTarget;
    };
    let Some(actual) = actual else {
        return ProgressStatus::NoData;
    };
    if actual >= target {
        return ProgressStatus::Achieved;
    }
    if elapsed <= 0.0 {
        return ProgressStatus::NotStarted;
    }
    if elapsed >= 1.0 {
        return ProgressStatus::Missed;
    }
    let expected = expected.unwrap_or(target);
    let ratio = if expected - base <= 0.0 {
        1.0
    } else {
        (actual - base) / (expected - base)
    };
    if ratio >= ON_TRACK_RATIO {
        ProgressStatus::OnTrack
    } else if ratio >= AT_RISK_RATIO {
        ProgressStatus::AtRisk
    } else {
        ProgressStatus::Behind
    }
}

/// A computed indicator's records counted once (see `Analytics::tallied_selection`), with
/// the selection they were counted by.
struct Grouped<'a> {
    tally: &'a Tally,
    selection: &'a Selection,
}

/// A reported indicator's figures arranged for its roll-ups (see `Analytics::reports`).
#[derive(Default)]
struct Reports<'a> {
    /// Approved figures with a known period, by reporting unit.
    by_unit: HashMap<RecordId, Vec<&'a Held<Figure>>>,
    /// Units with such a figure, and every unit above one.
    reaching: HashSet<RecordId>,
    /// Every unit with an approved figure (sorted).
    reporting: Vec<RecordId>,
}

/// What one indicator's progress is asked about.
#[derive(Clone, Copy)]
struct Asked<'a> {
    indicator: &'a Held<Indicator>,
    /// Its figures, arranged once for every unit and year asked about.
    reports: &'a Reports<'a>,
    baseline: Option<f64>,
    period: &'a Period,
    elapsed: f64,
    as_of: i64,
}

/// The part of the period a computed value counts on day `as_of`: up to the end of that
/// day's year (dates are often known only to the year), at most to the period's end.
/// Reported figures are taken as reported.
fn counted_so_far(indicator: &Held<Indicator>, period: &Period, as_of: i64) -> Period {
    if indicator.value.method != IndicatorMethod::Computed {
        return period.clone();
    }
    let this_year = PartialDate::year(year_of_day(as_of));
    let end = match period.end {
        Some(end) if end.last_day() <= this_year.last_day() => end,
        _ => this_year,
    };
    Period {
        start: period.start,
        end: Some(end),
    }
}

fn approved<T>(held: &&Held<T>) -> bool {
    held.approval == Approval::Approved
}

impl Analytics {
    /// An indicator's value for a period: overall (`unit` None) or for one reporting unit.
    pub fn indicator_value(
        &self,
        indicator: &Held<Indicator>,
        unit: Option<RecordId>,
        period: &Period,
    ) -> Option<Value> {
        self.value_with(indicator, &self.reports(indicator), unit, period)
    }

    /// `indicator_value` with the indicator's figures already arranged.
    fn value_with(
        &self,
        indicator: &Held<Indicator>,
        reports: &Reports<'_>,
        unit: Option<RecordId>,
        period: &Period,
    ) -> Option<Value> {
        let window = match indicator.value.accumulation {
            Accumulation::Increment => period.clone(),
            Accumulation::Level => Period {
                start: None,
                end: period.end,
            },
        };
        match (&indicator.value.method, &indicator.value.computation) {
            (IndicatorMethod::Computed, Some(computation)) => {
                let mut selection = Selection::of_computation(computation, &window);
                selection.units = unit.into_iter().collect();
                let count = if Selection::counts_countries(computation) {
                    self.count_countries(&selection)
                } else {
                    self.count(&selection)
                };
                Some(Value {
                    quantity: Quantity::exact(count.value as f64),
                    source: ValueSource::Computed {
                        selection,
                        uncertain: count.uncertain,
                        undated: count.undated,
                    },
                })
            }
            _ => self.reported(indicator, reports, unit, period),
        }
    }

    /// A reported indicator's value for one unit or overall (`unit` None).
    fn reported(
        &self,
        indicator: &Held<Indicator>,
        reports: &Reports<'_>,
        unit: Option<RecordId>,
        period: &Period,
    ) -> Option<Value> {
        match unit {
            Some(unit) => self.reported_value(indicator, reports, unit, period, 0),
            None => self.reported_total(indicator, reports, period),
        }
    }

    /// The indicator's approved figures by reporting unit, and the units at or above one
    /// that reported: a roll-up descends only into those, not into every organization of
    /// a large tree.
    fn reports<'a>(&'a self, indicator: &Held<Indicator>) -> Reports<'a> {
        let mut reports = Reports::default();
        for figure in self.figures_of(indicator.id).filter(approved) {
            let unit = figure.value.reporting_unit;
            reports.reporting.push(unit);
            if figure.value.period.is_unknown() {
                continue;
            }
            reports.by_unit.entry(unit).or_default().push(figure);
            let mut at = Some(unit);
            for _ in 0..64 {
                match at {
                    Some(u) if reports.reaching.insert(u) => at = self.parent_of(u),
                    _ => break,
                }
            }
        }
        reports.reporting.sort();
        reports.reporting.dedup();
        reports
    }

    /// The figures one unit reported for the indicator within the period, by the rule in
    /// the module documentation; rolled up from sub-units when it reported none itself.
    fn reported_value(
        &self,
        indicator: &Held<Indicator>,
        reports: &Reports<'_>,
        unit: RecordId,
        period: &Period,
        depth: u32,
    ) -> Option<Value> {
        if !reports.reaching.contains(&unit) {
            return None;
        }
        let (from, to) = period.day_range();
        let own: &[&Held<Figure>] = reports.by_unit.get(&unit).map_or(&[], Vec::as_slice);
        let chosen: Vec<&Held<Figure>> = match indicator.value.accumulation {
            Accumulation::Increment => {
                let mut inside: Vec<(&Held<Figure>, (i64, i64))> = own
                    .iter()
                    .map(|f| (*f, f.value.period.day_range()))
                    .filter(|(_, (a, b))| {
                        *a >= from && *b <= to && *a != i64::MIN && *b != i64::MAX
                    })
                    .collect();
                if let Some(exact) = inside.iter().find(|(_, r)| *r == (from, to)) {
                    vec![exact.0]
                } else {
                    inside.sort_by_key(|(f, (a, b))| (std::cmp::Reverse(b - a), *a, f.id));
                    let mut taken: Vec<(&Held<Figure>, (i64, i64))> = Vec::new();
                    for (f, r) in inside {
                        if taken.iter().all(|(_, t)| r.1 < t.0 || r.0 > t.1) {
                            taken.push((f, r));
                        }
                    }
                    taken.into_iter().map(|(f, _)| f).collect()
                }
            }
            Accumulation::Level => own
                .iter()
                .filter(|f| {
                    let (_, end) = f.value.period.day_range();
                    end != i64::MAX && end <= to && end >= from
                })
                .max_by_key(|f| (f.value.period.day_range().1, f.id))
                .map(|f| vec![*f])
                .unwrap_or_default(),
        };
        if !chosen.is_empty() {
            let quantities: Vec<&Quantity> = chosen.iter().map(|f| &f.value.value).collect();
            return Some(Value {
                quantity: sum(&quantities),
                source: ValueSource::Reported {
                    figures: chosen.iter().map(|f| f.id).collect(),
                },
            });
        }
        if depth > 32 {
            return None;
        }
        let parts: Vec<(RecordId, Value)> = self
            .children_of(unit)
            .into_iter()
            .filter_map(|child| {
                self.reported_value(indicator, reports, child, period, depth + 1)
                    .map(|v| (child, v))
            })
            .collect();
        if parts.is_empty() {
            return None;
        }
        let quantities: Vec<&Quantity> = parts.iter().map(|(_, v)| &v.quantity).collect();
        Some(Value {
            quantity: sum(&quantities),
            source: ValueSource::RolledUp {
                units: parts.iter().map(|(u, _)| *u).collect(),
            },
        })
    }

    /// A reported indicator as a whole: the units at the top of the tree among those that
    /// reported, each rolled up, added together.
    fn reported_total(
        &self,
        indicator: &Held<Indicator>,
        reports: &Reports<'_>,
        period: &Period,
    ) -> Option<Value> {
        let units = &reports.reporting;
        let tops: Vec<RecordId> = units
            .iter()
            .copied()
            .map(|u| {
                let mut top = u;
                let mut at = u;
                for _ in 0..64 {
                    match self.parent_of(at) {
                        Some(p) => {
                            if units.contains(&p) {
                                top = p;
                            }
                            at = p;
                        }
                        None => break,
                    }
                }
                top
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let parts: Vec<(RecordId, Value)> = tops
            .into_iter()
            .filter_map(|u| {
                self.reported_value(indicator, reports, u, period, 0)
                    .map(|v| (u, v))
            })
            .collect();
        match parts.len() {
            0 => None,
            1 => parts.into_iter().next().map(|(_, v)| v),
            _ => {
                let quantities: Vec<&Quantity> = parts.iter().map(|(_, v)| &v.quantity).collect();
                Some(Value {
                    quantity: sum(&quantities),
                    source: ValueSource::RolledUp {
                        units: parts.iter().map(|(u, _)| *u).collect(),
                    },
                })
            }
        }
    }

    fn unit_progress(
        &self,
        asked: &Asked<'_>,
        unit: Option<RecordId>,
        target: Option<&Target>,
        rolled_up_target: Option<f64>,
        grouped: Option<&Grouped<'_>>,
    ) -> UnitProgress {
        let Asked {
            indicator,
            reports,
            baseline,
            period,
            elapsed,
            as_of,
        } = *asked;
        let target_value = target
            .and_then(|t| t.value.map(|q| q.value))
            .or(rolled_up_target);
        let actual = match grouped {
            Some(grouped) => Some(self.grouped_value(grouped, unit, i32::MAX)),
            None => self.value_with(
                indicator,
                reports,
                unit,
                &counted_so_far(indicator, period, as_of),
            ),
        };
        let base = match indicator.value.accumulation {
            Accumulation::Level => baseline.unwrap_or(0.0),
            Accumulation::Increment => 0.0,
        };
        let expected = target_value.map(|t| base + (t - base) * elapsed);
        let actual_value = actual.as_ref().map(|a| a.quantity.value);
        UnitProgress {
            unit,
            target: target
                .and_then(|t| t.value)
                .or(rolled_up_target.map(Quantity::exact)),
            target_text: target.map(|t| t.text.clone()).unwrap_or_default(),
            target_rolled_up: target.and_then(|t| t.value).is_none() && rolled_up_target.is_some(),
            percent: match (actual_value, target_value) {
                (Some(a), Some(t)) if t > 0.0 => Some(a / t * 100.0),
                _ => None,
            },
            status: status_of(target_value, actual_value, expected, base, elapsed),
            expected,
            actual,
        }
    }

    /// One of a plan's indicators on day `as_of`.
    pub fn indicator_progress(
        &self,
        plan_period: &Period,
        entry: &PlanIndicator,
        as_of: i64,
    ) -> Option<IndicatorProgress> {
        let indicator = self.indicators.get(&entry.indicator)?;
        let for_period = |t: &&Target| t.period == *plan_period;
        let overall_target = entry
            .targets
            .iter()
            .filter(|t| t.reporting_unit.is_none())
            .find(for_period)
            .or_else(|| {
                entry
                    .targets
                    .iter()
                    .filter(|t| t.reporting_unit.is_none())
                    .max_by_key(|t| t.period.day_range().1)
            });
        let period = overall_target
            .map(|t| t.period.clone())
            .unwrap_or_else(|| plan_period.clone());
        let unit_targets: Vec<&Target> = entry
            .targets
            .iter()
            .filter(|t| t.reporting_unit.is_some() && t.period == period)
            .collect();
        let elapsed = elapsed(&period, as_of);
        let baseline = entry.baseline.as_ref().map(|b| b.value.value);
        let rolled_up_target = match overall_target.and_then(|t| t.value) {
            Some(_) => None,
            None if unit_targets.iter().any(|t| t.value.is_some()) => Some(
                unit_targets
                    .iter()
                    .filter_map(|t| t.value.map(|q| q.value))
                    .sum(),
            ),
            None => None,
        };
        let reports = self.reports(indicator);
        let asked = Asked {
            indicator,
            reports: &reports,
            baseline,
            period: &period,
            elapsed,
            as_of,
        };
        match self.tallied_selection(indicator, &period, as_of) {
            Some((selection, by_country)) => self.with_tally(&selection, by_country, |tally| {
                let grouped = Grouped {
                    tally,
                    selection: &selection,
                };
                self.progress_of(
                    entry,
                    &asked,
                    overall_target,
                    rolled_up_target,
                    &unit_targets,
                    Some(&grouped),
                )
            }),
            None => self.progress_of(
                entry,
                &asked,
                overall_target,
                rolled_up_target,
                &unit_targets,
                None,
            ),
        }
    }

    /// One indicator's progress overall, per unit and over the years, from its records
    /// counted once (`grouped`) or, when it is reported, from its figures.
    fn progress_of(
        &self,
        entry: &PlanIndicator,
        asked: &Asked<'_>,
        overall_target: Option<&Target>,
        rolled_up_target: Option<f64>,
        unit_targets: &[&Target],
        grouped: Option<&Grouped<'_>>,
    ) -> Option<IndicatorProgress> {
        let Asked {
            indicator,
            period,
            elapsed,
            as_of,
            ..
        } = *asked;
        let overall = self.unit_progress(asked, None, overall_target, rolled_up_target, grouped);
        let mut unit_ids: Vec<RecordId> = unit_targets
            .iter()
            .filter_map(|t| t.reporting_unit)
            .collect();
        for unit in &entry.responsible {
            if !unit_ids.contains(unit) {
                unit_ids.push(*unit);
            }
        }
        let units = unit_ids
            .iter()
            .map(|unit| {
                let target = unit_targets
                    .iter()
                    .find(|t| t.reporting_unit == Some(*unit))
                    .copied();
                self.unit_progress(asked, Some(*unit), target, None, grouped)
            })
            .collect();
        let series = match grouped {
            Some(grouped) => self.grouped_series(grouped, period, as_of),
            None => self.yearly_series(indicator, asked.reports, period, as_of),
        };
        let unit_values: Vec<f64> = unit_targets
            .iter()
            .filter_map(|t| t.value.map(|q| q.value))
            .collect();
        let unit_targets_total = (!unit_values.is_empty()).then(|| unit_values.iter().sum());
        Some(IndicatorProgress {
            unit_targets_total,
            indicator: indicator.id,
            code: indicator.value.code.clone(),
            name: indicator.value.name.clone(),
            unit_label: indicator.value.unit.clone(),
            method: indicator.value.method,
            accumulation: indicator.value.accumulation,
            baseline: entry.baseline.clone(),
            period: period.clone(),
            elapsed,
            overall,
            units,
            series,
        })
    }

    /// What a computed indicator counts over the part of the period counted on day
    /// `as_of`, to be tallied once by owning unit and year (and country, when it counts
    /// countries, the `bool`): the unit values and the yearly series are sums over the
    /// tally. Exact because a record's date lies within one calendar year, so "inside the
    /// window and in year ≤ Y" is "inside the window up to the end of Y".
    fn tallied_selection(
        &self,
        indicator: &Held<Indicator>,
        period: &Period,
        as_of: i64,
    ) -> Option<(Selection, bool)> {
        let computation = match (&indicator.value.method, &indicator.value.computation) {
            (IndicatorMethod::Computed, Some(c)) => c,
            _ => return None,
        };
        let counted = counted_so_far(indicator, period, as_of);
        let window = match indicator.value.accumulation {
            Accumulation::Increment => counted,
            Accumulation::Level => Period {
                start: None,
                end: counted.end,
            },
        };
        Some((
            Selection::of_computation(computation, &window),
            Selection::counts_countries(computation),
        ))
    }

    /// The grouped count for a unit (and every unit below it) or for all (`None`), of the
    /// records dated up to year `upto`.
    fn grouped_value(&self, grouped: &Grouped<'_>, unit: Option<RecordId>, upto: i32) -> Value {
        let units: Option<Vec<u32>> = unit.map(|u| match self.entities.get(&u) {
            Some(n) => self.subtree_entities([n]),
            None => Vec::new(),
        });
        let tallied = grouped.tally.value(units.as_deref(), upto);
        let mut selection = grouped.selection.clone();
        selection.units = unit.into_iter().collect();
        Value {
            quantity: Quantity::exact(tallied.value as f64),
            source: ValueSource::Computed {
                selection,
                uncertain: tallied.uncertain,
                undated: tallied.undated,
            },
        }
    }

    fn grouped_series(
        &self,
        grouped: &Grouped<'_>,
        period: &Period,
        as_of: i64,
    ) -> Vec<(i32, Option<f64>)> {
        let (Some(start), Some(end)) = (period.start, period.end) else {
            return Vec::new();
        };
        let last_year = end.year.min(year_of_day(as_of));
        (start.year..=last_year)
            .map(|year| {
                (
                    year,
                    Some(self.grouped_value(grouped, None, year).quantity.value),
                )
            })
            .collect()
    }

    /// The value at the end of each year of the period up to `as_of`: cumulative from the
    /// period's start for an increment, the level for a level.
    fn yearly_series(
        &self,
        indicator: &Held<Indicator>,
        reports: &Reports<'_>,
        period: &Period,
        as_of: i64,
    ) -> Vec<(i32, Option<f64>)> {
        let (Some(start), Some(end)) = (period.start, period.end) else {
            return Vec::new();
        };
        let last_year = end.year.min(year_of_day(as_of));
        (start.year..=last_year)
            .map(|year| {
                let upto = Period {
                    start: period.start,
                    end: Some(PartialDate::year(year)),
                };
                let value = self
                    .value_with(indicator, reports, None, &upto)
                    .map(|v| v.quantity.value);
                (year, value)
            })
            .collect()
    }

    /// A plan's progress on day `as_of`; `None` when the plan is not held.
    pub fn plan_progress(&self, plan: RecordId, as_of: i64) -> Option<PlanProgress> {
        let held = self.plans.get(&plan)?;
        let plan_value = &held.value;
        let indicators: Vec<IndicatorProgress> = plan_value
            .indicators
            .iter()
            .filter_map(|entry| self.indicator_progress(&plan_value.period, entry, as_of))
            .collect();
        let areas = plan_value
            .task_areas
            .iter()
            .map(|area| AreaProgress {
                number: area.number.clone(),
                title: area.title.clone(),
                indicators: area
                    .tasks
                    .iter()
                    .flat_map(|t| t.indicators.iter())
                    .filter_map(|id| indicators.iter().position(|p| p.indicator == *id))
                    .collect(),
            })
            .collect();
        Some(PlanProgress {
            plan,
            title: plan_value.title.clone(),
            document_number: plan_value.document_number.clone(),
            period: plan_value.period.clone(),
            as_of,
            elapsed: elapsed(&plan_value.period, as_of),
            completeness: self.completeness(&plan_value.period, &plan_value.indicators, as_of),
            indicators,
            areas,
        })
    }

    fn completeness(&self, period: &Period, entries: &[PlanIndicator], as_of: i64) -> Completeness {
        let years: Vec<i32> = match (period.start, period.end) {
            (Some(start), Some(end)) => (start.year..=end.year)
                .filter(|y| PartialDate::year(*y).last_day() < as_of)
                .collect(),
            _ => Vec::new(),
        };
        let mut rows = Vec::new();
        let mut reminders = Vec::new();
        for entry in entries {
            let Some(indicator) = self.indicators.get(&entry.indicator) else {
                continue;
            };
            if indicator.value.method != IndicatorMethod::Reported {
                continue;
            }
            let mut units: Vec<RecordId> = entry.responsible.clone();
            for t in &entry.targets {
                if let Some(u) = t.reporting_unit {
                    if !units.contains(&u) {
                        units.push(u);
                    }
                }
            }
            // Who reported for which year, once per indicator: (unit, year its period ends).
            let reported_years: std::collections::HashSet<(RecordId, i32)> = self
                .figures_of(indicator.id)
                .filter(approved)
                .filter_map(|f| {
                    f.value
                        .period
                        .end
                        .map(|end| (f.value.reporting_unit, end.year))
                })
                .collect();
            for unit in units {
                // The unit and every unit below it; a figure of any of them counts.
                let below: Vec<RecordId> = match self.entities.get(&unit) {
                    Some(n) => self
                        .subtree_entities([n])
                        .into_iter()
                        .map(|e| *self.entities.value(e))
                        .collect(),
                    None => vec![unit],
                };
                let reported: Vec<bool> = years
                    .iter()
                    .map(|y| below.iter().any(|u| reported_years.contains(&(*u, *y))))
                    .collect();
                for (year, done) in years.iter().zip(&reported) {
                    if !done {
                        reminders.push(Reminder {
                            indicator: indicator.id,
                            unit,
                            year: *year,
                        });
                    }
                }
                rows.push(CompletenessRow {
                    indicator: indicator.id,
                    unit,
                    reported,
                });
            }
        }
        Completeness {
            years,
            rows,
            reminders,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use meridian_domain::civil_day;

    #[test]
    fn elapsed_counts_whole_days_of_the_period() {
        let p = Period::between(PartialDate::year(2021), PartialDate::year(2025));
        assert_eq!(elapsed(&p, civil_day(2020, 12, 31)), 0.0);
        assert_eq!(elapsed(&p, civil_day(2025, 12, 31)), 1.0);
        let mid = elapsed(&p, civil_day(2023, 7, 2));
        assert!((mid - 0.5).abs() < 0.001, "{mid}");
        assert_eq!(elapsed(&Period::since(PartialDate::year(2021)), 0), 0.0);
    }

    #[test]
    fn status_follows_the_documented_order_and_ratios() {
        use ProgressStatus::*;
        assert_eq!(status_of(None, Some(1.0), None, 0.0, 0.5), NoTarget);
        assert_eq!(status_of(Some(10.0), None, Some(5.0), 0.0, 0.5), NoData);
        assert_eq!(
            status_of(Some(10.0), Some(10.0), Some(5.0), 0.0, 0.5),
            Achieved
        );
        assert_eq!(
            status_of(Some(10.0), Some(0.0), Some(0.0), 0.0, 0.0),
            NotStarted
        );
        assert_eq!(
            status_of(Some(10.0), Some(9.0), Some(10.0), 0.0, 1.0),
            Missed
        );
        assert_eq!(
            status_of(Some(10.0), Some(4.5), Some(5.0), 0.0, 0.5),
            OnTrack
        );
        assert_eq!(
            status_of(Some(10.0), Some(3.5), Some(5.0), 0.0, 0.5),
            AtRisk
        );
        assert_eq!(
            status_of(Some(10.0), Some(3.4), Some(5.0), 0.0, 0.5),
            Behind
        );
        // A level: progress is measured from the baseline.
        assert_eq!(
            status_of(Some(200.0), Some(150.0), Some(150.0), 100.0, 0.5),
            OnTrack
        );
        assert_eq!(
            status_of(Some(200.0), Some(130.0), Some(150.0), 100.0, 0.5),
            Behind
        );
    }

    #[test]
    fn sums_keep_an_agreed_qualifier_and_otherwise_say_about() {
        let a = Quantity::more_than(10.0);
        let b = Quantity::more_than(5.0);
        let c = Quantity::exact(1.0);
        assert_eq!(sum(&[&a, &b]).qualifier, Qualifier::MoreThan);
        assert_eq!(sum(&[&a, &c]).qualifier, Qualifier::About);
        assert_eq!(sum(&[&a, &b, &c]).value, 16.0);
    }
}
