//! The demo data: the reference country groups and every seed fact. Loading is idempotent:
//! a record whose id exists already (even in the trash) is left as it is.

use crate::{App, AppError, AppResult};
use meridian_domain::{Approval, RecordBody};
use meridian_interop::reference;
use meridian_store::{Actor, NewRecord, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoReport {
    pub created: u64,
    pub unchanged: u64,
}

/// Reference groups first, then the seed records in dependency order.
fn demo_records() -> AppResult<Vec<NewRecord>> {
    let groups = reference::country_groups().into_iter().map(|g| NewRecord {
        id: Some(reference::group_id(&g.code)),
        body: RecordBody::from(g),
        approval: Approval::Approved,
        unit: None,
    });
    let seeds = meridian_demo::records().map_err(|e| AppError::Demo(e.to_string()))?;
    Ok(groups
        .chain(seeds.into_iter().map(|r| NewRecord {
            id: Some(r.id),
            body: r.body,
            approval: Approval::Approved,
            unit: r.unit,
        }))
        .collect())
}

impl App {
    pub async fn load_demo(&self) -> AppResult<DemoReport> {
        let mut missing = Vec::new();
        let mut unchanged = 0;
        for record in demo_records()? {
            let id = record.id.unwrap_or_default();
            match self.store.get(id).await {
                Ok(_) => unchanged += 1,
                Err(StoreError::NotFound { .. }) => missing.push(record),
                Err(e) => return Err(e.into()),
            }
        }
        let created = self.create_many(missing, &Actor::new("demo")).await?;
        tracing::info!(created, unchanged, "demo data loaded");
        Ok(DemoReport { created, unchanged })
    }
}

/// The demo's reporting units: the five seed institutions, NATCM an administration above
/// CACMS (a unit under the national TCM administration).
const DEMO_UNITS: [(&str, meridian_domain::user::UnitKind, Option<&str>); 5] = [
    (
        "org:natcm",
        meridian_domain::user::UnitKind::Administration,
        None,
    ),
    (
        "org:cacms",
        meridian_domain::user::UnitKind::Institution,
        Some("org:natcm"),
    ),
    (
        "org:nmu",
        meridian_domain::user::UnitKind::Institution,
        None,
    ),
    (
        "org:thu_som",
        meridian_domain::user::UnitKind::Institution,
        None,
    ),
    (
        "org:scio",
        meridian_domain::user::UnitKind::Institution,
        None,
    ),
];

impl App {
    /// When nobody can sign in yet: makes the demo's reporting units and an `admin` user
    /// with a random password, and returns that password (to be shown once).
    pub async fn create_demo_admin(&self) -> AppResult<Option<String>> {
        if !self.list_users().await?.is_empty() {
            return Ok(None);
        }
        let known: Vec<_> = self
            .list_units()
            .await?
            .into_iter()
            .map(|u| u.org)
            .collect();
        for (key, kind, parent) in DEMO_UNITS {
            let org = meridian_domain::RecordId::named(key);
            if !known.contains(&org) {
                self.add_unit(org, kind, parent.map(meridian_domain::RecordId::named))
                    .await?;
            }
        }
        let mut bytes = [0u8; 12];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
        let password: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let admin = crate::AddUser {
            name: "admin".into(),
            display_name: Some("Administrator".into()),
            role: meridian_domain::user::Role::Admin,
            unit: meridian_domain::RecordId::named("org:natcm"),
            language: meridian_domain::Lang::Zh,
        };
        self.add_user(admin, &password).await?;
        Ok(Some(password))
    }
}
