//! The IATI activity as Meridian reads and writes it: only the parts that map to records.
//! Dates keep the precision Meridian knows; the writer turns them into the full dates
//! IATI needs (see `write.rs`).

use meridian_domain::{LocalizedText, PartialDate};

/// An organization as IATI names it: identifier (`ref`), type code, names.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IatiOrg {
    pub reference: Option<String>,
    pub org_type: Option<String>,
    pub name: LocalizedText,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IatiParticipant {
    pub org: IatiOrg,
    /// The role as written: a 2.0x code (`1`–`4`) or a 1.0x word (`Funding`...).
    pub role: String,
}

/// IATI activity-date types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateType {
    StartPlanned = 1,
    StartActual = 2,
    EndPlanned = 3,
    EndActual = 4,
}

impl DateType {
    /// A 2.0x code or a 1.0x word (`start-planned`...).
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            "1" | "start-planned" => Some(Self::StartPlanned),
            "2" | "start-actual" => Some(Self::StartActual),
            "3" | "end-planned" => Some(Self::EndPlanned),
            "4" | "end-actual" => Some(Self::EndActual),
            _ => None,
        }
    }

    pub fn is_start(self) -> bool {
        matches!(self, Self::StartPlanned | Self::StartActual)
    }

    pub fn code(self) -> u8 {
        self as u8
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct IatiDate {
    pub kind: DateType,
    pub date: PartialDate,
}

/// A budget: the amount for a period, valued on a day.
#[derive(Debug, Clone, PartialEq)]
pub struct IatiBudget {
    pub start: PartialDate,
    pub end: PartialDate,
    pub value: f64,
    /// Empty when neither the value nor the activity names a currency.
    pub currency: String,
    pub value_date: PartialDate,
    /// A revised budget (type 2) rather than the original.
    pub revised: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct IatiActivity {
    pub identifier: String,
    pub reporting_org: IatiOrg,
    pub title: LocalizedText,
    pub description: LocalizedText,
    pub participants: Vec<IatiParticipant>,
    /// ActivityStatus code as written.
    pub status: Option<String>,
    pub dates: Vec<IatiDate>,
    /// recipient-country codes as written (may be blank or unknown: the importer decides).
    pub countries: Vec<String>,
    /// DAC 5-digit purpose codes (vocabulary 1, or `DAC` in 1.0x); other vocabularies are
    /// left out.
    pub sectors: Vec<String>,
    pub budgets: Vec<IatiBudget>,
    /// activity-dates whose date could not be read, as written.
    pub unreadable_dates: Vec<String>,
    /// Budgets left out for a missing or unreadable period or value.
    pub unreadable_budgets: usize,
}
