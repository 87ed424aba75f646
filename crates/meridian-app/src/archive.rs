//! Archives: the whole database out as a JSON archive (export and backup) and back in
//! (restore), all or nothing. Pages are read with keyset scans so memory stays flat
//! on export.

use crate::records::validate;
use crate::{App, AppError, AppResult};
use meridian_domain::{Problems, Reason, RecordBody};
use meridian_interop::archive::{read_archive, ArchiveHistory, ArchiveRecord, ArchiveWriter};
use meridian_store::{HistoryAction, HistoryEntry, StoreError, StoredRecord};
use std::io::{Read, Write};

const PAGE: u32 = 2_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RestoreReport {
    pub records: u64,
    pub history: u64,
}

fn to_archive(r: StoredRecord) -> ArchiveRecord {
    ArchiveRecord {
        id: r.id,
        kind: r.kind(),
        version: r.version,
        approval: r.approval,
        unit: r.unit,
        data: r.body.to_data(),
        created_at: r.created_at,
        created_by: r.created_by,
        updated_at: r.updated_at,
        updated_by: r.updated_by,
        deleted_at: r.deleted_at,
        deleted_by: r.deleted_by,
    }
}

fn snapshot_value(s: &meridian_store::Snapshot) -> serde_json::Value {
    serde_json::to_value(s).unwrap_or(serde_json::Value::Null)
}

fn history_to_archive(h: HistoryEntry) -> ArchiveHistory {
    ArchiveHistory {
        record_id: h.record_id,
        kind: h.kind,
        version: h.version,
        action: h.action.as_str().to_string(),
        actor: h.actor,
        at: h.at,
        comment: h.comment,
        before: h.before.as_ref().map(snapshot_value),
        after: snapshot_value(&h.after),
    }
}

fn from_archive(r: ArchiveRecord) -> AppResult<StoredRecord> {
    let name = format!("{} {}", r.kind, r.id);
    let body = RecordBody::from_data(r.kind, r.data).map_err(|e| {
        let mut problems = Problems::new();
        problems.push(
            format!("{}.data", r.kind),
            Reason::BadFormat {
                expected: e.to_string(),
            },
        );
        AppError::Invalid {
            record: name.clone(),
            problems,
        }
    })?;
    validate(&body, || name)?;
    Ok(StoredRecord {
        id: r.id,
        version: r.version,
        approval: r.approval,
        unit: r.unit,
        body,
        created_at: r.created_at,
        created_by: r.created_by,
        updated_at: r.updated_at,
        updated_by: r.updated_by,
        deleted_at: r.deleted_at,
        deleted_by: r.deleted_by,
    })
}

fn history_from_archive(h: ArchiveHistory) -> AppResult<HistoryEntry> {
    let bad = |what: String| {
        StoreError::Corrupt(format!(
            "history of {} {} version {}: {what}",
            h.kind, h.record_id, h.version
        ))
    };
    let snapshot = |v: serde_json::Value| serde_json::from_value(v).map_err(|e| bad(e.to_string()));
    Ok(HistoryEntry {
        record_id: h.record_id,
        kind: h.kind,
        version: h.version,
        action: HistoryAction::parse(&h.action)
            .ok_or_else(|| bad(format!("unknown action {:?}", h.action)))?,
        actor: h.actor.clone(),
        at: h.at.clone(),
        comment: h.comment.clone(),
        before: h.before.clone().map(snapshot).transpose()?,
        after: snapshot(h.after.clone())?,
    })
}

impl App {
    /// Writes the whole database as an archive. Returns the number of records written.
    pub async fn export_archive<W: Write>(&self, out: W) -> AppResult<u64> {
        let mut writer = ArchiveWriter::new(out).map_err(|e| AppError::Archive(e.into()))?;
        let io = |e: std::io::Error| AppError::Archive(e.into());
        let mut cursor = None;
        let mut count = 0;
        loop {
            let page = self.store.scan_records(cursor, PAGE).await?;
            let Some(last) = page.last() else { break };
            cursor = Some((last.kind(), last.id));
            for record in page {
                writer.record(&to_archive(record)).map_err(io)?;
                count += 1;
            }
        }
        let mut cursor = None;
        loop {
            let page = self.store.scan_history(cursor, PAGE).await?;
            let Some(last) = page.last() else { break };
            cursor = Some((last.record_id, last.version));
            for entry in page {
                writer.history(&history_to_archive(entry)).map_err(io)?;
            }
        }
        writer.finish().map_err(io)?;
        Ok(count)
    }

    /// Loads an archive, all or nothing. Refused into a non-empty database unless `replace`.
    pub async fn restore_archive<R: Read>(
        &self,
        input: R,
        replace: bool,
    ) -> AppResult<RestoreReport> {
        let archive = read_archive(input)?;
        let records = archive
            .records
            .into_iter()
            .map(from_archive)
            .collect::<AppResult<Vec<_>>>()?;
        let history = archive
            .history
            .into_iter()
            .map(history_from_archive)
            .collect::<AppResult<Vec<_>>>()?;
        let report = RestoreReport {
            records: records.len() as u64,
            history: history.len() as u64,
        };
        self.store.load(records, history, replace).await?;
        self.forget_figures().await;
        self.reindex_all().await;
        Ok(report)
    }
}
