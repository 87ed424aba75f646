//! Record identifiers and the list of record kinds.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

/// A record's identity: a UUID, random (v7, time-ordered) for new records and name-based
/// (v5) for reference and demo records, so loading them twice finds the same records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecordId(pub Uuid);

/// Namespace for name-based ids; fixed forever, because demo and reference ids derive from it.
const NAMESPACE: Uuid = Uuid::from_u128(0x6d65_7269_6469_616e_8000_0000_0000_0001);

impl RecordId {
    pub fn new() -> Self {
        Self(Uuid::now_v7())
    }

    /// The same key always gives the same id.
    pub fn named(key: &str) -> Self {
        Self(Uuid::new_v5(&NAMESPACE, key.as_bytes()))
    }
}

impl Default for RecordId {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for RecordId {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s.trim()).map(Self)
    }
}

macro_rules! record_kinds {
    ($($variant:ident => $name:literal, $zh:literal, $en:literal;)*) => {
        /// Every kind of record Meridian stores, in the order archives list them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum RecordKind { $($variant),* }

        impl RecordKind {
            pub const ALL: &'static [RecordKind] = &[$(RecordKind::$variant),*];

            /// Stable snake_case name used in storage, URLs, archives and the CLI.
            pub fn as_str(self) -> &'static str {
                match self { $(RecordKind::$variant => $name),* }
            }

            pub fn parse(name: &str) -> Option<RecordKind> {
                let name = name.trim().to_ascii_lowercase().replace('-', "_");
                match name.as_str() {
                    $($name => Some(RecordKind::$variant),)*
                    _ => None,
                }
            }

            pub fn label(self, lang: crate::Lang) -> &'static str {
                match (self, lang) {
                    $((RecordKind::$variant, crate::Lang::Zh) => $zh,
                      (RecordKind::$variant, crate::Lang::En) => $en,)*
                }
            }
        }
    };
}

record_kinds! {
    CountryGroup => "country_group", "国家组", "Country group";
    Organization => "organization", "机构", "Organization";
    Membership => "membership", "成员资格", "Membership";
    Partnership => "partnership", "合作伙伴关系", "Partnership";
    Agreement => "agreement", "协议", "Agreement";
    Project => "project", "项目", "Programme or project";
    Centre => "centre", "中心与基地", "Centre or base";
    Activity => "activity", "活动与交流", "Activity or exchange";
    Output => "output", "成果", "Output";
    Indicator => "indicator", "指标", "Indicator";
    Figure => "figure", "填报数据", "Reported figure";
    Plan => "plan", "规划", "Plan";
    News => "news", "新闻与文件", "News or document";
    Contact => "contact", "联系方式", "Contact details";
    Inquiry => "inquiry", "合作咨询", "Inquiry";
}

impl fmt::Display for RecordKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_round_trip() {
        for kind in RecordKind::ALL {
            assert_eq!(RecordKind::parse(kind.as_str()), Some(*kind));
        }
        assert_eq!(
            RecordKind::parse("country-group"),
            Some(RecordKind::CountryGroup)
        );
    }

    #[test]
    fn named_ids_are_stable() {
        assert_eq!(RecordId::named("org:nmu"), RecordId::named("org:nmu"));
        assert_ne!(RecordId::named("org:nmu"), RecordId::named("org:cacms"));
    }
}
