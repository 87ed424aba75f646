//! Plans: a document with task areas and tasks, indicators with baselines and targets by
//! period and by reporting unit, a vision, and safeguards (seed 004).

use super::{check_sections, Section, ORG};
use crate::date::{PartialDate, Period};
use crate::id::{RecordId, RecordKind};
use crate::quantity::Quantity;
use crate::record::{Check, RecordData, Refs};
use crate::text::LocalizedText;
use serde::{Deserialize, Serialize};

/// A value at a point or period before the plan ("30 overseas centres by 2020").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub value: Quantity,
    #[serde(default)]
    pub period: Period,
}

/// A target for a period, overall (no unit) or for one reporting unit. A target with no
/// number ("a batch of service export bases") keeps its wording in `text`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub period: Period,
    #[serde(default)]
    pub reporting_unit: Option<RecordId>,
    #[serde(default)]
    pub value: Option<Quantity>,
    #[serde(default)]
    pub text: LocalizedText,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanIndicator {
    pub indicator: RecordId,
    #[serde(default)]
    pub baseline: Option<Baseline>,
    #[serde(default)]
    pub targets: Vec<Target>,
    #[serde(default)]
    pub responsible: Vec<RecordId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// As numbered in the document ("1", "2").
    pub number: String,
    pub title: LocalizedText,
    #[serde(default)]
    pub text: LocalizedText,
    #[serde(default)]
    pub responsible: Vec<RecordId>,
    #[serde(default)]
    pub indicators: Vec<RecordId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskArea {
    /// As numbered in the document ("一", "(一)" or "1").
    pub number: String,
    pub title: LocalizedText,
    #[serde(default)]
    pub tasks: Vec<Task>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Document number ("国中医药国际发〔2021〕6号").
    #[serde(default)]
    pub document_number: Option<String>,
    pub title: LocalizedText,
    #[serde(default)]
    pub issuing_bodies: Vec<RecordId>,
    #[serde(default)]
    pub issued: Option<PartialDate>,
    pub period: Period,
    /// Who the notice is addressed to.
    #[serde(default)]
    pub addressees: LocalizedText,
    #[serde(default)]
    pub background: Vec<Section>,
    #[serde(default)]
    pub principles: Vec<Section>,
    #[serde(default)]
    pub goals: LocalizedText,
    #[serde(default)]
    pub vision: Option<Section>,
    #[serde(default)]
    pub indicators: Vec<PlanIndicator>,
    #[serde(default)]
    pub task_areas: Vec<TaskArea>,
    #[serde(default)]
    pub safeguards: Vec<Section>,
}

impl RecordData for Plan {
    const KIND: RecordKind = RecordKind::Plan;

    fn validate(&self, check: &mut Check<'_>) {
        check.required_text("title", &self.title);
        check.date("issued", &self.issued);
        check.period("period", &self.period);
        check_sections(check, "background", &self.background);
        check_sections(check, "principles", &self.principles);
        check_sections(check, "safeguards", &self.safeguards);
        let ids: Vec<RecordId> = self.indicators.iter().map(|i| i.indicator).collect();
        check.distinct_ids("indicators", &ids);
        for (i, ind) in self.indicators.iter().enumerate() {
            if let Some(b) = &ind.baseline {
                check.quantity(&format!("indicators[{i}].baseline.value"), &b.value);
                check.period(&format!("indicators[{i}].baseline.period"), &b.period);
            }
            for (j, t) in ind.targets.iter().enumerate() {
                let field = format!("indicators[{i}].targets[{j}]");
                check.period(&format!("{field}.period"), &t.period);
                match &t.value {
                    Some(v) => check.quantity(&format!("{field}.value"), v),
                    None if t.text.is_empty() => {
                        check.push(&format!("{field}.value"), crate::Reason::Required)
                    }
                    None => {}
                }
            }
        }
        for (i, area) in self.task_areas.iter().enumerate() {
            check.required_text(&format!("task_areas[{i}].title"), &area.title);
            for (j, task) in area.tasks.iter().enumerate() {
                check.required_text(&format!("task_areas[{i}].tasks[{j}].title"), &task.title);
            }
        }
    }

    fn references(&self, refs: &mut Refs) {
        refs.many("issuing_bodies", &self.issuing_bodies, ORG);
        for (i, ind) in self.indicators.iter().enumerate() {
            refs.one(
                &format!("indicators[{i}].indicator"),
                &ind.indicator,
                &[RecordKind::Indicator],
            );
            refs.many(
                &format!("indicators[{i}].responsible"),
                &ind.responsible,
                ORG,
            );
            for (j, t) in ind.targets.iter().enumerate() {
                refs.opt(
                    &format!("indicators[{i}].targets[{j}].reporting_unit"),
                    &t.reporting_unit,
                    ORG,
                );
            }
        }
        for (i, area) in self.task_areas.iter().enumerate() {
            for (j, task) in area.tasks.iter().enumerate() {
                let field = format!("task_areas[{i}].tasks[{j}]");
                refs.many(&format!("{field}.responsible"), &task.responsible, ORG);
                refs.many(
                    &format!("{field}.indicators"),
                    &task.indicators,
                    &[RecordKind::Indicator],
                );
            }
        }
    }

    fn title(&self) -> LocalizedText {
        self.title.clone()
    }
}
