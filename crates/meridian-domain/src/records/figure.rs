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

code_list! {
    IndicatorMethod, "indicator_method" {
        Reported => "reported", "填报", "Reported";
        Computed => "computed", "由记录计算", "Computed from records";
    }
}

code_list! {
    /// How values over a period add up: an *increment* counts what happened within the
    /// period ("30 centres built in 2021–2025": figures of sub-periods add up), a *level*
    /// is a state at the period's end ("196 countries reached by 2020": the latest counts).
    Accumulation, "accumulation" {
        Increment => "increment", "期内新增", "Added within the period";
        Level => "level", "期末累计", "Level at the period's end";
    }
}

// The enum comes from `code_list!`, which cannot take `#[default]`.
#[allow(clippy::derivable_impls)]
impl Default for Accumulation {
    fn default() -> Self {
        Accumulation::Increment
    }
}

code_list! {
    Counted, "counted" {
        Records => "records", "记录数", "Records";
        Countries => "countries", "涉及国家和地区数", "Countries and regions they name";
    }
}

#[allow(clippy::derivable_impls)]
impl Default for Counted {
    fn default() -> Self {
        Counted::Records
    }
}

/// One condition on a record's own field: a code or short text equal to `value`
/// (`kind = overseas_tcm_centre`). For a list field, any item may match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filter {
    pub field: String,
    pub value: String,
}

/// For a computed indicator: which records count. A record counts when it is of `kind`,
/// matches every filter, links to one of `organizations` (or one of their sub-units) when
/// any are given, names a country of `country_group` when one is given, and has its
/// `date_field` inside the period asked about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Computation {
    pub kind: RecordKind,
    #[serde(default)]
    pub filters: Vec<Filter>,
    #[serde(default)]
    pub organizations: Vec<RecordId>,
    #[serde(default)]
    pub country_group: Option<RecordId>,
    /// The record field holding the date that places a record in a period; without one,
    /// the kind's main date (`designated` for centres, `signed` for agreements…).
    #[serde(default)]
    pub date_field: Option<String>,
    /// What is counted: the records, or the distinct countries they name.
    #[serde(default)]
    pub counts: Counted,
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
    pub accumulation: Accumulation,
    #[serde(default)]
    pub computation: Option<Computation>,
    /// A sentence to generate with this indicator's value: `{value}` is the value, and
    /// `{code}` the value of another indicator for the same reporting unit
    /// ("received {value} government officials from {official_visitor_origins} countries").
    #[serde(default)]
    pub headline: LocalizedText,
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
        for lang in crate::Lang::ALL {
            if let Some(template) = self.headline.get(lang) {
                if crate::phrase::check(template).is_err() {
                    check.push(
                        &format!("headline.{}", lang.as_str()),
                        Reason::BadFormat {
                            expected: "text with {value} or {indicator_code}".into(),
                        },
                    );
                }
            }
        }
        if let Some(computation) = &self.computation {
            for (i, filter) in computation.filters.iter().enumerate() {
                if filter.field.trim().is_empty() {
                    check.push(&format!("computation.filters[{i}].field"), Reason::Required);
                }
            }
        }
    }

    fn references(&self, refs: &mut Refs) {
        if let Some(computation) = &self.computation {
            refs.many("computation.organizations", &computation.organizations, ORG);
            refs.opt(
                "computation.country_group",
                &computation.country_group,
                &[RecordKind::CountryGroup],
            );
        }
    }

    fn title(&self) -> LocalizedText {
        self.name.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::ValidationContext;

    struct NoCountries;
    impl ValidationContext for NoCountries {
        fn is_country(&self, _: &str) -> bool {
            true
        }
    }

    #[test]
    fn a_broken_headline_template_is_refused_on_its_language() {
        let indicator = Indicator {
            code: "officials".into(),
            name: LocalizedText::new("官员", "Officials"),
            unit: LocalizedText::default(),
            method: IndicatorMethod::Reported,
            accumulation: Accumulation::Increment,
            computation: None,
            headline: LocalizedText::new("接待{value}名官员", "received {value officials"),
            description: LocalizedText::default(),
        };
        let problems = crate::RecordBody::from(indicator).validate(&NoCountries);
        let fields: Vec<&str> = problems.errors.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, vec!["indicator.headline.en"]);
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
