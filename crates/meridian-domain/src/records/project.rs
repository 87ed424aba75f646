//! Programmes and projects: research, joint degrees, aid, cross-border disease control...

use super::{check_participants, participant_refs, CooperationArea, Participant};
use crate::codes::{code_list, LifecycleStatus};
use crate::date::Period;
use crate::id::{RecordId, RecordKind};
use crate::quantity::Money;
use crate::record::{Check, RecordData, Refs};
use crate::text::LocalizedText;
use serde::{Deserialize, Serialize};

code_list! {
    ProjectKind, "project_kind" {
        ResearchProject => "research_project", "科研项目", "Research project";
        JointCentre => "joint_centre", "联合中心或实验室", "Joint centre or laboratory";
        DegreeProgramme => "degree_programme", "学位项目", "Degree programme";
        TrainingProgramme => "training_programme", "培训项目", "Training programme";
        ClinicalTrialCentre => "clinical_trial_centre", "临床试验中心", "Clinical trial centre";
        Alliance => "alliance", "联盟", "Alliance";
        CulturalBrandProject => "cultural_brand_project", "中医药文化海外传播品牌项目", "Cultural brand project (overseas)";
        AidProject => "aid_project", "援助项目", "Aid project";
        DiseaseControlProgramme => "disease_control_programme", "跨境疾病防控项目", "Cross-border disease control programme";
        RegionalCooperation => "regional_cooperation", "区域卫生合作", "Regional health cooperation";
        Other => "other", "其他", "Other";
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub title: LocalizedText,
    pub kind: ProjectKind,
    #[serde(default)]
    pub participants: Vec<Participant>,
    #[serde(default)]
    pub countries: Vec<String>,
    /// The cooperation mechanism it runs under (a country group such as GMS or SCO).
    #[serde(default)]
    pub mechanism: Option<RecordId>,
    #[serde(default)]
    pub period: Period,
    pub status: LifecycleStatus,
    #[serde(default)]
    pub budget: Option<Money>,
    /// Diseases and disciplines as lowercase codes (malaria, hiv_aids, medical_education).
    #[serde(default)]
    pub themes: Vec<String>,
    #[serde(default)]
    pub agreements: Vec<RecordId>,
    #[serde(default)]
    pub area: Option<CooperationArea>,
    #[serde(default)]
    pub description: LocalizedText,
    /// The IATI activity identifier (`XM-DAC-41114-PROJECT-00012345`), kept so that
    /// importing the same activity again updates this record instead of adding another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iati_identifier: Option<String>,
}

impl RecordData for Project {
    const KIND: RecordKind = RecordKind::Project;

    fn validate(&self, check: &mut Check<'_>) {
        check.required_text("title", &self.title);
        check_participants(check, "participants", &self.participants);
        check.countries("countries", &self.countries);
        check.period("period", &self.period);
        check.money("budget", &self.budget);
        for (i, theme) in self.themes.iter().enumerate() {
            check.slug(&format!("themes[{i}]"), theme);
        }
        check.distinct("themes", self.themes.iter().map(String::as_str));
        check.distinct_ids("agreements", &self.agreements);
    }

    fn references(&self, refs: &mut Refs) {
        participant_refs(refs, "participants", &self.participants);
        refs.opt("mechanism", &self.mechanism, &[RecordKind::CountryGroup]);
        refs.many("agreements", &self.agreements, &[RecordKind::Agreement]);
    }

    fn title(&self) -> LocalizedText {
        self.title.clone()
    }
}
