//! Activities and exchanges: delegations, lectures, conferences, training, aid team
//! rotations, relief missions, donations... each with dates, places, organizations, counts.

use super::{check_participants, participant_refs, Participant};
use crate::codes::code_list;
use crate::date::Period;
use crate::id::RecordKind;
use crate::quantity::{Money, Quantity};
use crate::record::{Check, RecordData, Refs};
use crate::text::LocalizedText;
use serde::{Deserialize, Serialize};

code_list! {
    ActivityKind, "activity_kind" {
        DelegationReceived => "delegation_received", "接待来访团组", "Delegation received";
        VisitAbroad => "visit_abroad", "出访", "Visit abroad";
        LectureAbroad => "lecture_abroad", "海外讲座", "Lecture abroad";
        ConferenceHosted => "conference_hosted", "主办国际会议", "Conference hosted";
        TrainingCourse => "training_course", "培训班", "Training course";
        StaffTrainingAbroad => "staff_training_abroad", "派出进修", "Staff sent abroad for training";
        Scholarship => "scholarship", "奖学金", "Scholarship";
        VolunteerConsultation => "volunteer_consultation", "义诊", "Volunteer consultation";
        DignitaryService => "dignitary_service", "外国政要医疗保健服务", "Medical service for dignitaries";
        PublicityEvent => "publicity_event", "宣传与文化活动", "Publicity or cultural event";
        MedicalTeamRotation => "medical_team_rotation", "援外医疗队", "Medical aid team";
        EmergencyRelief => "emergency_relief", "卫生应急救援", "Emergency relief mission";
        HospitalShipVoyage => "hospital_ship_voyage", "医院船巡诊", "Hospital-ship voyage";
        Donation => "donation", "捐赠", "Donation";
        Contribution => "contribution", "国际组织捐款", "Contribution to an international organization";
        ExpertDeployment => "expert_deployment", "派出专家", "Experts sent abroad";
        TrainingTask => "training_task", "承担培训任务", "Training task undertaken";
    }
}

code_list! {
    /// What a count on an activity counts.
    Measure, "measure" {
        Officials => "officials", "政府官员", "officials";
        Visitors => "visitors", "来访人员", "visitors";
        Participants => "participants", "参加人员", "participants";
        Trainees => "trainees", "学员", "trainees";
        Courses => "courses", "培训班", "courses";
        PatientsTreated => "patients_treated", "诊治患者", "patients treated";
        Honours => "honours", "获得荣誉", "honours";
        Lectures => "lectures", "讲座", "lectures";
        Conferences => "conferences", "会议", "conferences";
        Countries => "countries", "国家和地区", "countries and regions";
        Missions => "missions", "任务", "missions";
        TeamMembers => "team_members", "队员", "team members";
        Teams => "teams", "医疗队", "teams";
        Batches => "batches", "批次", "batches";
        Experts => "experts", "专家", "experts";
        Staff => "staff", "人员", "staff";
    }
}

/// "more than 15,000 trainees in health management"
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Count {
    pub measure: Measure,
    pub value: Quantity,
    /// A topic or breakdown the count is about ("nursing technology").
    #[serde(default)]
    pub topic: LocalizedText,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    pub title: LocalizedText,
    pub kind: ActivityKind,
    #[serde(default)]
    pub period: Period,
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub places: LocalizedText,
    #[serde(default)]
    pub organizations: Vec<Participant>,
    #[serde(default)]
    pub counts: Vec<Count>,
    /// Money given, when the activity is a donation or contribution.
    #[serde(default)]
    pub amount: Option<Money>,
    #[serde(default)]
    pub description: LocalizedText,
}

impl RecordData for Activity {
    const KIND: RecordKind = RecordKind::Activity;

    fn validate(&self, check: &mut Check<'_>) {
        check.required_text("title", &self.title);
        check.period("period", &self.period);
        check.countries("countries", &self.countries);
        check_participants(check, "organizations", &self.organizations);
        for (i, count) in self.counts.iter().enumerate() {
            check.quantity(&format!("counts[{i}].value"), &count.value);
        }
        check.money("amount", &self.amount);
    }

    fn references(&self, refs: &mut Refs) {
        participant_refs(refs, "organizations", &self.organizations);
    }

    fn title(&self) -> LocalizedText {
        self.title.clone()
    }
}
