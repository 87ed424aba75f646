//! `App::export_iati`: every live record that is an IATI activity, streamed page by page
//! into one IATI 2.03 document.

use super::map::{activity_of, Orgs};
use crate::{App, AppError, AppResult};
use meridian_domain::{PartialDate, RecordBody};
use meridian_interop::iati::IatiWriter;
use std::io::Write;

const PAGE: u32 = 2_000;

/// Fixed values for a reproducible document (tests, comparisons).
#[derive(Debug, Clone, Default)]
pub struct IatiExportOptions {
    /// `generated-datetime` of the document; `None` writes the current time.
    pub generated: Option<String>,
    /// The day activities with no known date are dated as of; `None` is today (UTC).
    pub as_of: Option<PartialDate>,
}

fn io_error(e: std::io::Error) -> AppError {
    AppError::Internal(format!("writing IATI XML: {e}"))
}

fn now_rfc3339() -> String {
    let format = &time::format_description::well_known::Rfc3339;
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| t.format(format).ok())
        .unwrap_or_default()
}

impl App {
    /// Writes the IATI document; returns the number of activities written.
    pub async fn export_iati<W: Write>(
        &self,
        out: W,
        options: &IatiExportOptions,
    ) -> AppResult<u64> {
        let orgs = self.organizations_by_id().await?;
        let today = options.as_of.unwrap_or_else(crate::today);
        let generated = options.generated.clone().unwrap_or_else(now_rfc3339);
        let mut writer = IatiWriter::new(out, Some(&generated), today).map_err(io_error)?;
        let mut cursor = None;
        let mut count = 0;
        loop {
            let page = self.store.scan_records(cursor, PAGE).await?;
            let Some(last) = page.last() else { break };
            cursor = Some((last.kind(), last.id));
            for record in &page {
                if let Some(activity) = activity_of(record, &orgs, today) {
                    writer.activity(&activity).map_err(io_error)?;
                    count += 1;
                }
            }
        }
        writer.finish().map_err(io_error)?;
        Ok(count)
    }

    /// Every live organization, by id.
    pub(super) async fn organizations_by_id(&self) -> AppResult<Orgs> {
        let mut orgs = Orgs::new();
        let mut cursor = None;
        loop {
            let page = self.store.scan_records(cursor, PAGE).await?;
            let Some(last) = page.last() else { break };
            cursor = Some((last.kind(), last.id));
            for record in page {
                if let (RecordBody::Organization(org), false) =
                    (record.body, record.deleted_at.is_some())
                {
                    orgs.insert(record.id, org);
                }
            }
        }
        Ok(orgs)
    }
}
