//! Numbers as the sources state them: a value with a qualifier ("more than 6,800",
//! "nearly 200", "about 260 million"), and amounts of money with their currency.

use crate::problems::{Problems, Reason};
use serde::{Deserialize, Serialize};

/// How a stated number relates to the true one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    #[default]
    Exact,
    /// "more than", "over", "逾", "…多"
    MoreThan,
    /// "at least"
    AtLeast,
    /// "nearly", "近"
    Nearly,
    /// "about", "约"
    About,
    /// "fewer than", "less than"
    LessThan,
}

impl Qualifier {
    pub fn is_exact(&self) -> bool {
        *self == Qualifier::Exact
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::MoreThan => "more_than",
            Qualifier::AtLeast => "at_least",
            Qualifier::Nearly => "nearly",
            Qualifier::About => "about",
            Qualifier::LessThan => "less_than",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub value: f64,
    #[serde(default, skip_serializing_if = "Qualifier::is_exact")]
    pub qualifier: Qualifier,
}

impl Quantity {
    pub fn exact(value: f64) -> Self {
        Self {
            value,
            qualifier: Qualifier::Exact,
        }
    }

    pub fn more_than(value: f64) -> Self {
        Self {
            value,
            qualifier: Qualifier::MoreThan,
        }
    }

    pub fn nearly(value: f64) -> Self {
        Self {
            value,
            qualifier: Qualifier::Nearly,
        }
    }

    pub fn about(value: f64) -> Self {
        Self {
            value,
            qualifier: Qualifier::About,
        }
    }

    /// Counts and amounts are never negative.
    pub fn validate(&self, field: &str, problems: &mut Problems) {
        if !self.value.is_finite() {
            problems.push(field, Reason::NotFinite);
        } else if self.value < 0.0 {
            problems.push(field, Reason::Negative { value: self.value });
        }
    }
}

/// An amount in an ISO 4217 currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Money {
    pub amount: Quantity,
    pub currency: String,
}

impl Money {
    pub fn validate(&self, field: &str, problems: &mut Problems) {
        self.amount.validate(&format!("{field}.amount"), problems);
        let c = &self.currency;
        if c.len() != 3 || !c.chars().all(|ch| ch.is_ascii_uppercase()) {
            problems.push(
                format!("{field}.currency"),
                Reason::BadFormat {
                    expected: "ISO 4217 code such as USD or CNY".into(),
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_qualifier_is_left_out_of_the_stored_form() {
        assert_eq!(
            serde_json::to_string(&Quantity::exact(5.0)).unwrap(),
            r#"{"value":5.0}"#
        );
        assert_eq!(
            serde_json::to_string(&Quantity::more_than(6800.0)).unwrap(),
            r#"{"value":6800.0,"qualifier":"more_than"}"#
        );
    }

    #[test]
    fn negative_and_infinite_values_are_refused() {
        let mut problems = Problems::new();
        Quantity::exact(-1.0).validate("plan.targets[0].value", &mut problems);
        Quantity::exact(f64::NAN).validate("x", &mut problems);
        assert_eq!(problems.len(), 2);
        assert_eq!(problems.errors[0].field, "plan.targets[0].value");
    }
}
