//! The record envelope shared by every kind: the body enum, links between records, the
//! approval state, and the validation entry point.

use crate::date::{PartialDate, Period};
use crate::id::{RecordId, RecordKind};
use crate::problems::{Problems, Reason};
use crate::quantity::{Money, Quantity};
use crate::records::*;
use crate::text::LocalizedText;
use serde::{Deserialize, Serialize};

/// Where a record is in review. Only approved records are public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Approval {
    Draft,
    Submitted,
    Approved,
    Archived,
}

impl Approval {
    pub const ALL: [Approval; 4] = [
        Approval::Draft,
        Approval::Submitted,
        Approval::Approved,
        Approval::Archived,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Approval::Draft => "draft",
            Approval::Submitted => "submitted",
            Approval::Approved => "approved",
            Approval::Archived => "archived",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == text)
    }
}

/// Facts validation needs from outside the record (reference data).
pub trait ValidationContext {
    fn is_country(&self, code: &str) -> bool;
}

/// Where a record's main date comes from, first found wins; `a.b` is field `b` of object
/// `a`. Search takes its year from it and figures their default date.
pub const MAIN_DATE_FIELDS: &[&str] = &[
    "joined",
    "signed",
    "effective",
    "published",
    "designated",
    "issued",
    "period.start",
    "since",
    "founded",
    "received",
    "period.end",
];

/// A link from one record to another, checked by storage inside the same transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub field: String,
    pub target: RecordId,
    /// Kinds the target may have.
    pub expected: &'static [RecordKind],
}

/// What each record kind implements.
pub trait RecordData {
    const KIND: RecordKind;
    fn validate(&self, check: &mut Check<'_>);
    fn references(&self, refs: &mut Refs);
    /// The record's name or title, for lists and messages.
    fn title(&self) -> LocalizedText;
}

/// Collects references with their field paths.
#[derive(Debug, Default)]
pub struct Refs {
    prefix: &'static str,
    pub list: Vec<Reference>,
}

impl Refs {
    pub fn one(&mut self, field: &str, target: &RecordId, expected: &'static [RecordKind]) {
        self.list.push(Reference {
            field: format!("{}.{field}", self.prefix),
            target: *target,
            expected,
        });
    }

    pub fn opt(&mut self, field: &str, target: &Option<RecordId>, expected: &'static [RecordKind]) {
        if let Some(t) = target {
            self.one(field, t, expected);
        }
    }

    pub fn many(&mut self, field: &str, targets: &[RecordId], expected: &'static [RecordKind]) {
        for (i, t) in targets.iter().enumerate() {
            self.one(&format!("{field}[{i}]"), t, expected);
        }
    }
}

/// Validation helper: prefixes field names with the kind and collects every problem.
pub struct Check<'a> {
    prefix: &'static str,
    pub problems: Problems,
    ctx: &'a dyn ValidationContext,
}

impl<'a> Check<'a> {
    pub fn new(kind: RecordKind, ctx: &'a dyn ValidationContext) -> Self {
        Self {
            prefix: kind.as_str(),
            problems: Problems::new(),
            ctx,
        }
    }

    pub fn path(&self, field: &str) -> String {
        format!("{}.{field}", self.prefix)
    }

    pub fn push(&mut self, field: &str, reason: Reason) {
        let path = self.path(field);
        self.problems.push(path, reason);
    }

    pub fn required_text(&mut self, field: &str, text: &LocalizedText) {
        if text.is_empty() {
            self.push(field, Reason::Required);
        }
    }

    pub fn required_str(&mut self, field: &str, text: &str) {
        if text.trim().is_empty() {
            self.push(field, Reason::Required);
        }
    }

    pub fn date(&mut self, field: &str, date: &Option<PartialDate>) {
        if let Some(d) = date {
            let path = self.path(field);
            d.validate(&path, &mut self.problems);
        }
    }

    pub fn period(&mut self, field: &str, period: &Period) {
        let path = self.path(field);
        period.validate(&path, &mut self.problems);
    }

    pub fn quantity(&mut self, field: &str, q: &Quantity) {
        let path = self.path(field);
        q.validate(&path, &mut self.problems);
    }

    pub fn money(&mut self, field: &str, m: &Option<Money>) {
        if let Some(m) = m {
            let path = self.path(field);
            m.validate(&path, &mut self.problems);
        }
    }

    pub fn country(&mut self, field: &str, code: &Option<String>) {
        if let Some(c) = code {
            if !self.ctx.is_country(c) {
                self.push(field, Reason::UnknownCountry { code: c.clone() });
            }
        }
    }

    pub fn countries(&mut self, field: &str, codes: &[String]) {
        for (i, c) in codes.iter().enumerate() {
            if !self.ctx.is_country(c) {
                self.push(
                    &format!("{field}[{i}]"),
                    Reason::UnknownCountry { code: c.clone() },
                );
            }
        }
        self.distinct(field, codes.iter().map(String::as_str));
    }

    /// Reports values given twice in one list.
    pub fn distinct<'v>(&mut self, field: &str, values: impl Iterator<Item = &'v str>) {
        let mut seen = std::collections::BTreeSet::new();
        for v in values {
            if !seen.insert(v) {
                self.push(
                    field,
                    Reason::Duplicate {
                        value: v.to_string(),
                    },
                );
            }
        }
    }

    pub fn distinct_ids(&mut self, field: &str, ids: &[RecordId]) {
        let texts: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
        self.distinct(field, texts.iter().map(String::as_str));
    }

    pub fn min_items(&mut self, field: &str, found: usize, min: usize) {
        if found < min {
            self.push(field, Reason::TooFew { min, found });
        }
    }

    pub fn url(&mut self, field: &str, url: &Option<String>) {
        if let Some(u) = url {
            if !(u.starts_with("http://") || u.starts_with("https://")) || u.contains(' ') {
                self.push(
                    field,
                    Reason::BadFormat {
                        expected: "http:// or https:// address".into(),
                    },
                );
            }
        }
    }

    /// Lowercase code made of letters, digits and underscores (themes, indicator codes).
    pub fn slug(&mut self, field: &str, code: &str) {
        let ok = !code.is_empty()
            && code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if !ok {
            self.push(
                field,
                Reason::BadFormat {
                    expected: "lowercase code such as tb_control".into(),
                },
            );
        }
    }
}

macro_rules! record_body {
    ($($variant:ident($ty:ty)),* $(,)?) => {
        /// A record's content, one variant per kind.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(tag = "kind", content = "data", rename_all = "snake_case")]
        pub enum RecordBody { $($variant($ty)),* }

        impl RecordBody {
            pub fn kind(&self) -> RecordKind {
                match self { $(RecordBody::$variant(_) => <$ty as RecordData>::KIND),* }
            }

            /// The content alone, as stored (the kind is stored beside it).
            pub fn to_data(&self) -> serde_json::Value {
                let value = match self { $(RecordBody::$variant(b) => serde_json::to_value(b)),* };
                // Serializing plain data structures cannot fail; keep a visible marker if it ever does.
                value.unwrap_or(serde_json::Value::Null)
            }

            /// The content as stored text: serialized straight from the record's struct
            /// (fields in declared order), not through `to_data`'s `Value`, whose tree of
            /// maps cost a bulk import more than writing the text.
            pub fn to_data_text(&self) -> serde_json::Result<String> {
                match self { $(RecordBody::$variant(b) => serde_json::to_string(b)),* }
            }

            /// Reads stored content text back, given its kind (`from_data` without the
            /// `Value` in between).
            pub fn from_data_text(kind: RecordKind, text: &str) -> Result<Self, serde_json::Error> {
                Ok(match kind { $(<$ty as RecordData>::KIND => RecordBody::$variant(serde_json::from_str(text)?)),* })
            }

            /// Reads stored content back, given its kind.
            pub fn from_data(kind: RecordKind, data: serde_json::Value) -> Result<Self, serde_json::Error> {
                Ok(match kind { $(<$ty as RecordData>::KIND => RecordBody::$variant(serde_json::from_value(data)?)),* })
            }

            /// Every problem with this record, each naming its field.
            pub fn validate(&self, ctx: &dyn ValidationContext) -> Problems {
                let mut check = Check::new(self.kind(), ctx);
                match self { $(RecordBody::$variant(b) => b.validate(&mut check)),* }
                check.problems
            }

            /// Every link to another record, with the kinds it may point to.
            pub fn references(&self) -> Vec<Reference> {
                let mut refs = Refs { prefix: self.kind().as_str(), list: Vec::new() };
                match self { $(RecordBody::$variant(b) => b.references(&mut refs)),* }
                refs.list
            }

            pub fn title(&self) -> LocalizedText {
                match self { $(RecordBody::$variant(b) => b.title()),* }
            }
        }

        $(impl From<$ty> for RecordBody {
            fn from(b: $ty) -> Self { RecordBody::$variant(b) }
        })*
    };
}

record_body! {
    CountryGroup(CountryGroup),
    Organization(Organization),
    Membership(Membership),
    Partnership(Partnership),
    Agreement(Agreement),
    Project(Project),
    Centre(Centre),
    Activity(Activity),
    Output(Output),
    Indicator(Indicator),
    Figure(Figure),
    Plan(Plan),
    News(News),
    Contact(Contact),
    Inquiry(Inquiry),
}
