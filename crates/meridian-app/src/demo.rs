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
