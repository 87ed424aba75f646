//! Indicators and reported figures. Where a source gives only a total ("more than 6,800
//! officials from more than 50 countries"), the total is a figure: an indicator's value
//! for a period and a reporting unit, with its qualifier and its source.

use super::ORG;
use crate::codes::code_list;
use crate::date::Period;
use crate::id::{RecordId, RecordKind};
use crate::quantity::Quantity;
use crate::record::{Check, RecordData, Refs};
use crate::text::LocalizedText;
use crate::Reason;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

code_list! {
    IndicatorMethod, "indicator_method" {
        Reported => "reported", "填报", "Reported";
        Computed => "computed", "由记录计算", "Computed from records";
    }
}

/// For a computed indicator: which records count. Filters name record fields and values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Computation {
    pub kind: RecordKind,
    #[serde(default)]
    pub filters: BTreeMap<String, String>,
    /// The record field holding the date that places a record in a period.
    #[serde(default)]
    pub date_field: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Stable code ("officials_received").
    pub code: String,
    pub name: LocalizedText,
    /// What one unit is ("officials" / "名"), used when figures are phrased.
    #[serde(default)]
    pub unit: LocalizedText,
    pub method: IndicatorMethod,
    #[serde(default)]
    pub computation: Option<Computation>,
    #[serde(default)]
    pub description: LocalizedText,
}

impl RecordData for Indicator {
    const KIND: RecordKind = RecordKind::Indicator;

    fn validate(&self, check: &mut Check<'_>) {
        check.slug("code", &self.code);
        check.required_text("name", &self.name);
        if self.method == IndicatorMethod::Computed && self.computation.is_none() {
            check.push("computation", Reason::Required);
        }
    }

    fn references(&self, _refs: &mut Refs) {}

    fn title(&self) -> LocalizedText {
        self.name.clone()
    }
}

/// Where a figure comes from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// A news or document record holding the source.
    #[serde(default)]
    pub document: Option<RecordId>,
    #[serde(default)]
    pub citation: LocalizedText,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub indicator: RecordId,
    pub reporting_unit: RecordId,
    #[serde(default)]
    pub period: Period,
    /// The period as the source words it ("in the past five years" / "近五年").
    #[serde(default)]
    pub period_label: LocalizedText,
    pub value: Quantity,
    /// Countries the figure names ("including Algeria, Tanzania...").
    #[serde(default)]
    pub countries: Vec<String>,
    pub source: Source,
    #[serde(default)]
    pub note: LocalizedText,
}

impl RecordData for Figure {
    const KIND: RecordKind = RecordKind::Figure;

    fn validate(&self, check: &mut Check<'_>) {
        check.period("period", &self.period);
        check.quantity("value", &self.value);
        check.countries("countries", &self.countries);
    }

    fn references(&self, refs: &mut Refs) {
        refs.one("indicator", &self.indicator, &[RecordKind::Indicator]);
        refs.one("reporting_unit", &self.reporting_unit, ORG);
        refs.opt(
            "source.document",
            &self.source.document,
            &[RecordKind::News],
        );
    }

    fn title(&self) -> LocalizedText {
        LocalizedText::new("填报数据", "Reported figure")
    }
}
