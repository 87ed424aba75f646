//! Centres and bases: overseas TCM centres, cooperation bases, WHO collaborating centres,
//! service export bases, joint laboratories, hospitals built with aid, teaching hospitals.

use super::{CooperationArea, ORG};
use crate::codes::{code_list, LifecycleStatus};
use crate::date::PartialDate;
use crate::id::{RecordId, RecordKind};
use crate::record::{Check, RecordData, Refs};
use crate::text::LocalizedText;
use crate::Reason;
use serde::{Deserialize, Serialize};

code_list! {
    CentreKind, "centre_kind" {
        OverseasTcmCentre => "overseas_tcm_centre", "中医药海外中心", "Overseas TCM centre";
        CooperationBase => "cooperation_base", "中医药国际合作基地", "International cooperation base";
        WhoCollaboratingCentre => "who_collaborating_centre", "世界卫生组织合作中心", "WHO collaborating centre";
        ServiceExportBase => "service_export_base", "国家中医药服务出口基地", "National TCM service export base";
        JointLaboratory => "joint_laboratory", "联合实验室", "Joint laboratory";
        ResearchCentre => "research_centre", "研究中心", "Research centre";
        AidHospital => "aid_hospital", "援建医院", "Hospital built with aid";
        FriendshipHospital => "friendship_hospital", "友好医院", "Friendship hospital";
        TeachingHospital => "teaching_hospital", "教学医院", "Teaching hospital";
    }
}

code_list! {
    Level, "level" {
        National => "national", "国家级", "National";
        Provincial => "provincial", "省级", "Provincial";
        Institutional => "institutional", "机构级", "Institutional";
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Centre {
    pub name: LocalizedText,
    pub kind: CentreKind,
    #[serde(default)]
    pub host: Option<RecordId>,
    #[serde(default)]
    pub partners: Vec<RecordId>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub city: LocalizedText,
    #[serde(default)]
    pub level: Option<Level>,
    #[serde(default)]
    pub designated_by: Option<RecordId>,
    #[serde(default)]
    pub designated: Option<PartialDate>,
    /// Designation term in years; redesignation falls due at its end.
    #[serde(default)]
    pub term_years: Option<u32>,
    #[serde(default)]
    pub term_ends: Option<PartialDate>,
    pub status: LifecycleStatus,
    #[serde(default)]
    pub area: Option<CooperationArea>,
    #[serde(default)]
    pub description: LocalizedText,
}

impl RecordData for Centre {
    const KIND: RecordKind = RecordKind::Centre;

    fn validate(&self, check: &mut Check<'_>) {
        check.required_text("name", &self.name);
        check.country("country", &self.country);
        check.date("designated", &self.designated);
        check.date("term_ends", &self.term_ends);
        check.distinct_ids("partners", &self.partners);
        if let (Some(start), Some(end)) = (self.designated, self.term_ends) {
            if end.latest() < start.earliest() {
                check.push("term_ends", Reason::EndBeforeStart);
            }
        }
    }

    fn references(&self, refs: &mut Refs) {
        refs.opt("host", &self.host, ORG);
        refs.many("partners", &self.partners, ORG);
        refs.opt("designated_by", &self.designated_by, ORG);
    }

    fn title(&self) -> LocalizedText {
        self.name.clone()
    }
}
