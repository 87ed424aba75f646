//! Country groups: blocs, cooperation mechanisms, initiatives and WHO regions. Editable
//! records; the groups the seeds name ship as reference data.

use crate::codes::code_list;
use crate::id::RecordKind;
use crate::record::{Check, RecordData, Refs};
use crate::text::LocalizedText;
use serde::{Deserialize, Serialize};

code_list! {
    GroupType, "group_type" {
        RegionalOrganization => "regional_organization", "区域组织", "Regional organization";
        CooperationMechanism => "cooperation_mechanism", "合作机制", "Cooperation mechanism";
        Initiative => "initiative", "倡议", "Initiative";
        WhoRegion => "who_region", "世界卫生组织区域", "WHO region";
        Forum => "forum", "论坛", "Forum";
        Other => "other", "其他", "Other";
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryGroup {
    /// Stable short code ("asean", "who_wpro").
    pub code: String,
    pub name: LocalizedText,
    #[serde(default)]
    pub acronym: Option<String>,
    pub group_type: GroupType,
    /// ISO 3166-1 alpha-2 codes.
    #[serde(default)]
    pub members: Vec<String>,
    #[serde(default)]
    pub description: LocalizedText,
}

impl RecordData for CountryGroup {
    const KIND: RecordKind = RecordKind::CountryGroup;

    fn validate(&self, check: &mut Check<'_>) {
        check.slug("code", &self.code);
        check.required_text("name", &self.name);
        check.countries("members", &self.members);
    }

    fn references(&self, _refs: &mut Refs) {}

    fn title(&self) -> LocalizedText {
        self.name.clone()
    }
}
