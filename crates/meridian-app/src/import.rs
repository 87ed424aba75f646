//! Importing a spreadsheet of records (CSV, .xlsx, or a per-kind JSON export), the one path
//! for the CLI and the upload page: read, match headers (either language, the raw name, or
//! a saved mapping), read every row against the domain rules, match existing records, then
//! write creates and updates in one transaction, or nothing at all.

mod plan;
mod report;
mod resolve;
mod rows;

pub use report::{ImportProblem, ImportReport, Severity};

use crate::{App, AppError, AppResult};
use meridian_domain::{Lang, RecordId, RecordKind};
use meridian_interop::tabular::{self, FileError, Limits, Sheet};
use meridian_store::{Actor, ImportMapping, StoreError};
use plan::Plan;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Called with (rows done, rows in all) while rows are read.
pub type Progress = Arc<dyn Fn(u64, u64) + Send + Sync>;

#[derive(Clone, Default)]
pub struct ImportOptions {
    /// The file's name as the person knows it: named in messages and history comments, and
    /// its extension picks the format.
    pub file_name: String,
    pub kind: Option<RecordKind>,
    /// A saved mapping to apply.
    pub mapping: Option<String>,
    /// More header → column pairs, over the saved mapping's.
    pub map: BTreeMap<String, String>,
    pub dry_run: bool,
    pub lang: Option<Lang>,
    /// The reporting unit new records belong to.
    pub unit: Option<RecordId>,
    pub limits: Limits,
    pub progress: Option<Progress>,
}

impl ImportOptions {
    pub(crate) fn lang(&self) -> Lang {
        self.lang.unwrap_or(Lang::Zh)
    }
}

fn extension(file: &str) -> String {
    std::path::Path::new(file)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// A per-kind JSON export (`[{"id", "record_kind", fields…}]`) as a sheet of raw column names.
fn read_json(file: &str, bytes: &[u8], limits: &Limits) -> Result<Sheet, FileError> {
    tabular::read::check_size(file, bytes.len() as u64, limits)?;
    let unreadable = |reason: String| FileError::Unreadable {
        file: file.into(),
        reason,
    };
    let items: Vec<serde_json::Value> =
        serde_json::from_slice(bytes).map_err(|e| unreadable(e.to_string()))?;
    if items.is_empty() {
        return Ok(Sheet::default());
    }
    let kind = items
        .first()
        .and_then(|r| r.get("record_kind")?.as_str())
        .and_then(RecordKind::parse)
        .ok_or_else(|| FileError::Empty { file: file.into() })?;
    let layout = tabular::Layout::of(kind);
    let rows = items
        .iter()
        .map(|r| {
            let id = r.get("id").and_then(|v| v.as_str()).unwrap_or("");
            layout.cells(id, r)
        })
        .collect();
    Ok(Sheet {
        name: Some(kind.as_str().into()),
        headers: layout.columns.iter().map(|c| c.key.clone()).collect(),
        rows,
    })
}

fn read(file: &str, bytes: Vec<u8>, limits: &Limits) -> Result<Sheet, FileError> {
    match extension(file).as_str() {
        "csv" | "txt" => tabular::read_csv(file, &bytes, limits),
        "xlsx" => tabular::read_xlsx(file, bytes, limits),
        "json" => read_json(file, &bytes, limits),
        _ => Err(FileError::UnknownFormat { file: file.into() }),
    }
}

impl App {
    /// Imports one file; see the module documentation. Refusals of the file itself come
    /// back as critical problems in the report, not as errors.
    pub async fn import_file(
        &self,
        bytes: Vec<u8>,
        options: &ImportOptions,
        actor: &Actor,
    ) -> AppResult<ImportReport> {
        let lang = options.lang();
        let mut report = ImportReport {
            file: options.file_name.clone(),
            ..ImportReport::default()
        };
        let sheet = match read(&options.file_name, bytes, &options.limits) {
            Ok(sheet) => sheet,
            Err(e) => {
                report.push(Severity::Critical, None, None, e.code(), e.describe(lang));
                return Ok(report);
            }
        };
        let mapping = self.mapping_for(options).await?;
        let plan = Plan::make(self, sheet, options, &mapping, &mut report).await?;
        if report.refused() || options.dry_run {
            return Ok(report);
        }
        self.write_plan(plan, options, actor, &mut report).await?;
        Ok(report)
    }

    /// The saved mapping named in the options, with the options' own pairs over it.
    async fn mapping_for(&self, options: &ImportOptions) -> AppResult<ImportMapping> {
        let mut mapping = match &options.mapping {
            Some(name) => {
                self.store
                    .mapping(name)
                    .await?
                    .ok_or_else(|| crate::AppError::NotAllowed {
                        code: "unknown_mapping",
                        message: format!("there is no saved column mapping named {name:?}"),
                    })?
            }
            None => ImportMapping::default(),
        };
        mapping.columns.extend(options.map.clone());
        Ok(mapping)
    }

    /// Saves a column mapping for later imports.
    pub async fn save_mapping(&self, mapping: &ImportMapping) -> AppResult<()> {
        Ok(self.store.save_mapping(mapping).await?)
    }

    pub async fn mappings(&self) -> AppResult<Vec<ImportMapping>> {
        Ok(self.store.mappings().await?)
    }

    async fn write_plan(
        &self,
        plan: Plan,
        options: &ImportOptions,
        actor: &Actor,
        report: &mut ImportReport,
    ) -> AppResult<()> {
        let rows = plan.rows_by_id.clone();
        let batch = plan.into_batch(&options.file_name);
        match self.write_batch(batch, actor).await {
            Ok(_) => {}
            Err(AppError::Store(StoreError::Invalid { record, problems })) => {
                let row = record
                    .split_whitespace()
                    .last()
                    .and_then(|id| id.parse::<RecordId>().ok())
                    .and_then(|id| rows.get(&id).copied());
                for e in problems.errors {
                    let message = format!("{record}: {}", e.describe(options.lang()));
                    report.push(Severity::Critical, row, None, e.reason.code(), message);
                }
                return Ok(());
            }
            Err(other) => return Err(other),
        }
        report.written = true;
        Ok(())
    }
}
