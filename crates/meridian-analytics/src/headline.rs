//! Headline sentences: an indicator's `headline` template filled with figures, phrased as
//! the sources phrase them (`meridian_domain::phrase`: "more than 6,800", "6800多").
//!
//! `{value}` is the indicator's own value for the unit, `{code}` another indicator's value
//! for the same unit. A value is, for a reported indicator, the unit's latest approved
//! figure (by the end of its period; figures without a period come after dated ones) as
//! stated, qualifier and all; for a computed one, the count of every approved record the
//! definition selects that the unit or a unit below it owns, rounded by
//! `phrase::round_count` ("nearly 200" for 193).

use crate::progress::{Value, ValueSource};
use crate::select::Selection;
use crate::{Analytics, Held};
use meridian_domain::phrase::{self, Segment};
use meridian_domain::records::{Indicator, IndicatorMethod};
use meridian_domain::{Approval, Lang, Period, Quantity, RecordId};
use serde::Serialize;

/// One figure in a headline and what is behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadlineFigure {
    /// The placeholder it fills (`value` or an indicator code).
    pub key: String,
    pub indicator: RecordId,
    /// As phrased: the count rounded for a computed indicator.
    pub stated: Quantity,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Headline {
    pub indicator: RecordId,
    #[serde(skip)]
    pub segments: Vec<Segment>,
    pub text: String,
    pub figures: Vec<HeadlineFigure>,
}

impl Analytics {
    /// An indicator's headline value for a unit, by the rule in the module documentation.
    pub fn headline_value(
        &self,
        indicator: &Held<Indicator>,
        unit: RecordId,
    ) -> Option<(Quantity, Value)> {
        match (&indicator.value.method, &indicator.value.computation) {
            (IndicatorMethod::Computed, Some(computation)) => {
                let mut selection = Selection::of_computation(computation, &Period::default());
                selection.units = vec![unit];
                let count = if Selection::counts_countries(computation) {
                    self.count_countries(&selection)
                } else {
                    self.count(&selection)
                };
                let value = Value {
                    quantity: Quantity::exact(count.value as f64),
                    source: ValueSource::Computed {
                        selection,
                        uncertain: count.uncertain,
                        undated: count.undated,
                    },
                };
                (count.value > 0).then(|| (phrase::round_count(count.value), value))
            }
            _ => {
                let figure = self
                    .figures_of(indicator.id)
                    .filter(|f| f.approval == Approval::Approved && f.value.reporting_unit == unit)
                    .max_by_key(|f| {
                        let end = f.value.period.end.map(|d| d.last_day());
                        (end.is_some(), end, std::cmp::Reverse(f.id))
                    })?;
                Some((
                    figure.value.value,
                    Value {
                        quantity: figure.value.value,
                        source: ValueSource::Reported {
                            figures: vec![figure.id],
                        },
                    },
                ))
            }
        }
    }

    /// The headline of one indicator for a unit in one language; `None` when it has no
    /// template in that language or a figure it names is missing.
    pub fn headline(
        &self,
        indicator: &Held<Indicator>,
        unit: RecordId,
        lang: Lang,
    ) -> Option<Headline> {
        let template = indicator.value.headline.get(lang)?;
        let mut figures: Vec<HeadlineFigure> = Vec::new();
        let lookup = |key: &str| -> Option<String> {
            let held = if key == "value" {
                indicator
            } else {
                self.indicator_by_code(key)?
            };
            let (stated, _) = self.headline_value(held, unit)?;
            Some(phrase::quantity(&stated, lang))
        };
        let segments = phrase::fill(template, &lookup).ok()?;
        for segment in &segments {
            if let Segment::Figure { key, .. } = segment {
                let held = if key == "value" {
                    indicator
                } else {
                    self.indicator_by_code(key)?
                };
                let (stated, value) = self.headline_value(held, unit)?;
                figures.push(HeadlineFigure {
                    key: key.clone(),
                    indicator: held.id,
                    stated,
                    value,
                });
            }
        }
        Some(Headline {
            indicator: indicator.id,
            text: phrase::plain_text(&segments),
            segments,
            figures,
        })
    }

    /// Every headline of a unit in one language, ordered by indicator code.
    pub fn headlines(&self, unit: RecordId, lang: Lang) -> Vec<Headline> {
        let mut indicators: Vec<&Held<Indicator>> = self
            .indicators()
            .filter(|i| i.approval == Approval::Approved && i.value.headline.get(lang).is_some())
            .collect();
        indicators.sort_by(|a, b| a.value.code.cmp(&b.value.code));
        indicators
            .into_iter()
            .filter_map(|i| self.headline(i, unit, lang))
            .collect()
    }
}
