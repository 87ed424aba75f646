//! Records → IATI activities (export side). Which records are activities, how their
//! organizations, dates, status and sectors are written; see docs/iati.md for the rules.

use meridian_domain::codes::LifecycleStatus;
use meridian_domain::records::{
    Activity, ActivityKind, Centre, CentreKind, Organization, Participant, ParticipantRole, Project,
};
use meridian_domain::{LocalizedText, Money, PartialDate, Period, RecordBody, RecordId};
use meridian_interop::iati::codes::{
    org_type_code, role_code, sectors_of_themes, status_code, DEFAULT_SECTOR,
};
use meridian_interop::iati::{
    DateType, IatiActivity, IatiBudget, IatiDate, IatiOrg, IatiParticipant,
};
use meridian_store::StoredRecord;
use std::collections::HashMap;

/// Prefix of the identifier made for an organization that has no IATI identifier
/// (`ZZ` is the ISO user-assigned code: not a registered agency, so never taken).
pub const DERIVED_ORG_PREFIX: &str = "ZZ-MERIDIAN-";
/// The reporting organization of records that name no reporting unit.
pub const DEFAULT_REPORTER: &str = "ZZ-MERIDIAN";

pub(super) type Orgs = HashMap<RecordId, Organization>;

/// An organization's IATI identifier: its own, else one derived from its record id.
pub fn org_ref(id: RecordId, org: &Organization) -> String {
    org.iati_identifier
        .clone()
        .unwrap_or_else(|| format!("{DERIVED_ORG_PREFIX}{id}"))
}

fn iati_org(orgs: &Orgs, id: RecordId) -> Option<IatiOrg> {
    let org = orgs.get(&id)?;
    Some(IatiOrg {
        reference: Some(org_ref(id, org)),
        org_type: org_type_code(org.org_type).map(str::to_string),
        name: org.name.clone(),
    })
}

fn reporter(orgs: &Orgs, unit: Option<RecordId>) -> IatiOrg {
    unit.and_then(|u| iati_org(orgs, u))
        .unwrap_or_else(|| IatiOrg {
            reference: Some(DEFAULT_REPORTER.to_string()),
            org_type: None,
            name: LocalizedText::en("Meridian"),
        })
}

/// The parts every exportable record gives.
struct Parts<'a> {
    title: &'a LocalizedText,
    description: &'a LocalizedText,
    participants: Vec<(RecordId, ParticipantRole)>,
    status: LifecycleStatus,
    period: Period,
    countries: Vec<String>,
    sectors: Vec<String>,
    budget: Option<&'a Money>,
    identifier: Option<&'a str>,
}

/// The record as an IATI activity, or `None` for kinds and records that are not one.
pub(super) fn activity_of(
    r: &StoredRecord,
    orgs: &Orgs,
    today: PartialDate,
) -> Option<IatiActivity> {
    if r.is_deleted() {
        return None;
    }
    let parts = match &r.body {
        RecordBody::Project(p) => project_parts(p),
        RecordBody::Activity(a) => activity_parts(a)?,
        RecordBody::Centre(c) => centre_parts(c)?,
        _ => return None,
    };
    Some(build(r.id, r.unit, parts, orgs, today))
}

fn project_parts(p: &Project) -> Parts<'_> {
    let mut sectors = sectors_of_themes(p.themes.iter().map(String::as_str));
    if sectors.is_empty() {
        sectors.push(DEFAULT_SECTOR.to_string());
    }
    Parts {
        title: &p.title,
        description: &p.description,
        participants: roles(&p.participants),
        status: p.status,
        period: p.period.clone(),
        countries: p.countries.clone(),
        sectors,
        budget: p.budget.as_ref(),
        identifier: p.iati_identifier.as_deref(),
    }
}

fn roles(list: &[Participant]) -> Vec<(RecordId, ParticipantRole)> {
    list.iter().map(|p| (p.organization, p.role)).collect()
}

/// Aid deployments and in-kind cooperation, with the DAC code of what they deliver.
fn activity_sector(kind: ActivityKind) -> Option<&'static str> {
    Some(match kind {
        ActivityKind::MedicalTeamRotation
        | ActivityKind::HospitalShipVoyage
        | ActivityKind::ExpertDeployment
        | ActivityKind::Donation => "12191",
        ActivityKind::EmergencyRelief => "72010",
        ActivityKind::Contribution => "12110",
        ActivityKind::TrainingCourse | ActivityKind::TrainingTask => "12281",
        ActivityKind::Scholarship => "12181",
        _ => return None,
    })
}

fn activity_parts(a: &Activity) -> Option<Parts<'_>> {
    let sector = activity_sector(a.kind)?;
    Some(Parts {
        title: &a.title,
        description: &a.description,
        participants: roles(&a.organizations),
        status: LifecycleStatus::Unknown,
        period: a.period.clone(),
        countries: a.countries.clone(),
        sectors: vec![sector.to_string()],
        budget: a.amount.as_ref(),
        identifier: None,
    })
}

fn centre_parts(c: &Centre) -> Option<Parts<'_>> {
    if c.kind != CentreKind::AidHospital {
        return None;
    }
    let mut participants: Vec<_> = c
        .host
        .map(|h| (h, ParticipantRole::Implementer))
        .into_iter()
        .collect();
    for p in &c.partners {
        if !participants.iter().any(|(id, _)| id == p) {
            participants.push((*p, ParticipantRole::Partner));
        }
    }
    Some(Parts {
        title: &c.name,
        description: &c.description,
        participants,
        status: c.status,
        period: Period {
            start: c.designated,
            end: None,
        },
        countries: c.country.iter().cloned().collect(),
        sectors: vec!["12230".to_string()],
        budget: None,
        identifier: None,
    })
}

/// IATI has no "unknown" status: an unknown status is closed (4) once the period has
/// ended, else implementation (2).
fn status(parts: &Parts<'_>, today: PartialDate) -> u8 {
    status_code(parts.status).unwrap_or_else(|| match parts.period.end {
        Some(end) if end.last_day() < today.first_day() => 4,
        _ => 2,
    })
}

fn build(
    id: RecordId,
    unit: Option<RecordId>,
    parts: Parts<'_>,
    orgs: &Orgs,
    today: PartialDate,
) -> IatiActivity {
    let reporting_org = reporter(orgs, unit);
    let identifier = match parts.identifier {
        Some(i) => i.to_string(),
        None => format!(
            "{}-{id}",
            reporting_org
                .reference
                .as_deref()
                .unwrap_or(DEFAULT_REPORTER)
        ),
    };
    let mut participants: Vec<IatiParticipant> = parts
        .participants
        .iter()
        .filter_map(|(org, role)| {
            Some(IatiParticipant {
                org: iati_org(orgs, *org)?,
                role: role_code(*role).to_string(),
            })
        })
        .collect();
    if participants.is_empty() {
        // IATI needs one participating organization: the reporter answers for the activity.
        participants.push(IatiParticipant {
            org: reporting_org.clone(),
            role: "2".to_string(),
        });
    }
    let status = status(&parts, today);
    let mut dates = Vec::new();
    if let Some(start) = parts.period.start {
        let kind = if status == 1 {
            DateType::StartPlanned
        } else {
            DateType::StartActual
        };
        dates.push(IatiDate { kind, date: start });
    }
    if let Some(end) = parts.period.end {
        let kind = if status >= 4 {
            DateType::EndActual
        } else {
            DateType::EndPlanned
        };
        dates.push(IatiDate { kind, date: end });
    }
    let budgets = match (parts.budget, parts.period.start, parts.period.end) {
        (Some(m), Some(start), Some(end)) => vec![IatiBudget {
            start,
            end,
            value: m.amount.value,
            currency: m.currency.clone(),
            value_date: start,
            revised: false,
        }],
        _ => Vec::new(),
    };
    IatiActivity {
        identifier,
        reporting_org,
        title: parts.title.clone(),
        description: parts.description.clone(),
        participants,
        status: Some(status.to_string()),
        dates,
        countries: parts.countries,
        sectors: parts.sectors,
        budgets,
        unreadable_dates: Vec::new(),
        unreadable_budgets: 0,
    }
}
