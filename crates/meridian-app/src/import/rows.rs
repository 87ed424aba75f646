//! One row of an import: matched to the record it updates (by id, or for organizations by
//! ROR id or name), read over that record's fields, checked by the domain rules, and added
//! to the plan as a create, an update, or nothing (unchanged).

use super::plan::{Columns, Plan};
use super::report::{ImportReport, Severity};
use super::resolve::Organizations;
use super::ImportOptions;
use crate::{App, AppResult};
use meridian_domain::{Approval, Lang, RecordBody, RecordId, RecordKind};
use meridian_interop::reference::Reference;
use meridian_interop::tabular::Layout;
use meridian_store::*;
use serde_json::{Map, Value};
use std::collections::HashSet;

pub(super) struct RowReader<'a> {
    pub(super) app: &'a App,
    pub(super) layout: &'a Layout,
    pub(super) columns: &'a Columns,
    pub(super) orgs: &'a Organizations,
    pub(super) options: &'a ImportOptions,
    pub(super) seen: HashSet<RecordId>,
}

impl RowReader<'_> {
    fn cell<'r>(&self, row: &'r [String], c: usize) -> Option<&'r str> {
        self.columns.of[c].map(|j| row.get(j).map(String::as_str).unwrap_or(""))
    }

    fn header(&self, c: usize) -> String {
        self.columns.of[c]
            .and_then(|j| self.columns.headers.get(j).cloned())
            .unwrap_or_else(|| {
                self.layout.columns[c]
                    .header(self.options.lang())
                    .to_string()
            })
    }

    /// The file's column holding field path `path` (`organization.name` → `name.zh`).
    fn column_of_path(&self, path: &str) -> Option<String> {
        let field = path.split_once('.').map_or(path, |(_, rest)| rest);
        let bare: String = field.split('[').next().unwrap_or(field).to_string();
        self.layout
            .columns
            .iter()
            .enumerate()
            .find(|(c, col)| {
                self.columns.of[*c].is_some()
                    && (col.key == bare || col.key.starts_with(&format!("{bare}.")))
            })
            .map(|(c, _)| self.header(c))
    }

    async fn existing(
        &self,
        row: &[String],
        r: usize,
        report: &mut ImportReport,
    ) -> AppResult<Option<Result<StoredRecord, RecordId>>> {
        let lang = self.options.lang();
        let id_text = self.cell(row, 0).unwrap_or("").trim();
        let id = if id_text.is_empty() {
            self.match_organization(row, r, report)?
        } else {
            match id_text.parse::<RecordId>() {
                Ok(id) => Some(id),
                Err(_) => {
                    let reason = meridian_domain::Reason::BadFormat {
                        expected: "a record id (UUID)".into(),
                    };
                    report.push(
                        Severity::Error,
                        Some(r),
                        Some(&self.header(0)),
                        reason.code(),
                        reason.describe(lang),
                    );
                    return Ok(None);
                }
            }
        };
        let Some(id) = id else {
            return Ok(Some(Err(RecordId::new())));
        };
        match self.app.store.get(id).await {
            Ok(record) if record.kind() == self.layout.kind && !record.is_deleted() => {
                Ok(Some(Ok(record)))
            }
            Ok(record) => {
                let message = match lang {
                    Lang::Zh => format!("记录 {id} 是{}，或在回收站中", record.kind().label(lang)),
                    Lang::En => format!("record {id} is a {} or is in the trash", record.kind()),
                };
                report.push(
                    Severity::Error,
                    Some(r),
                    Some(&self.header(0)),
                    "wrong_kind",
                    message,
                );
                Ok(None)
            }
            Err(StoreError::NotFound { .. }) => Ok(Some(Err(id))),
            Err(e) => Err(e.into()),
        }
    }

    /// An organization row without an id: the organization with its ROR id or a name.
    fn match_organization(
        &self,
        row: &[String],
        r: usize,
        report: &mut ImportReport,
    ) -> AppResult<Option<RecordId>> {
        if self.layout.kind != RecordKind::Organization {
            return Ok(None);
        }
        let by_key = |key: &str| {
            self.layout
                .columns
                .iter()
                .position(|c| c.key == key)
                .and_then(|c| self.cell(row, c))
        };
        let names: Vec<&str> = ["name.zh", "name.en"]
            .iter()
            .filter_map(|k| by_key(k))
            .collect();
        match self.orgs.find(by_key("ror"), &names) {
            Ok(found) => Ok(found),
            Err(reason) => {
                let column = self.column_of_path("organization.name");
                report.push(
                    Severity::Error,
                    Some(r),
                    column.as_deref(),
                    reason.code(),
                    reason.describe(self.options.lang()),
                );
                Ok(None)
            }
        }
    }

    /// The row read over `data` (the record's current fields, or none) and checked by
    /// the domain rules; `None` after reporting why it cannot be.
    fn body(
        &self,
        r: usize,
        row: &[String],
        mut data: Map<String, Value>,
        report: &mut ImportReport,
    ) -> Option<RecordBody> {
        let lang = self.options.lang();
        let problems = self
            .layout
            .apply_row(&mut data, |c| self.cell(row, c), self.orgs);
        for (c, reason) in &problems {
            report.push(
                Severity::Error,
                Some(r),
                Some(&self.header(*c)),
                reason.code(),
                reason.describe(lang),
            );
        }
        if !problems.is_empty() {
            return None;
        }
        let body = match RecordBody::from_data(self.layout.kind, Value::Object(data)) {
            Ok(body) => body,
            Err(e) => {
                report.push(Severity::Error, Some(r), None, "bad_format", e.to_string());
                return None;
            }
        };
        let problems = body.validate(&Reference);
        for e in &problems.errors {
            let column = self.column_of_path(&e.field);
            report.push(
                Severity::Error,
                Some(r),
                column.as_deref(),
                e.reason.code(),
                format!("{}: {}", e.field, e.reason.describe(lang)),
            );
        }
        if !problems.is_empty() {
            return None;
        }
        Some(body)
    }

    pub(super) async fn row(
        &mut self,
        r: usize,
        row: &[String],
        plan: &mut Plan,
        report: &mut ImportReport,
    ) -> AppResult<()> {
        let lang = self.options.lang();
        let Some(existing) = self.existing(row, r, report).await? else {
            return Ok(());
        };
        let data: Map<String, Value> = match &existing {
            Ok(record) => record
                .body
                .to_data()
                .as_object()
                .cloned()
                .unwrap_or_default(),
            Err(_) => Map::new(),
        };
        let id = match &existing {
            Ok(rec) => rec.id,
            Err(id) => *id,
        };
        if !self.seen.insert(id) {
            let reason = meridian_domain::Reason::Duplicate {
                value: id.to_string(),
            };
            report.push(
                Severity::Error,
                Some(r),
                None,
                reason.code(),
                reason.describe(lang),
            );
            return Ok(());
        }
        let Some(body) = self.body(r, row, data, report) else {
            return Ok(());
        };
        self.orgs.add(id, &body);
        plan.rows_by_id.insert(id, r);
        match existing {
            Ok(record) if record.body.to_data() == body.to_data() => report.unchanged += 1,
            Ok(record) => {
                report.updated += 1;
                plan.updates.push(BatchUpdate {
                    id,
                    expected_version: record.version,
                    change: Change::body_of(&record, body),
                });
            }
            Err(_) => {
                report.created += 1;
                plan.creates.push(NewRecord {
                    id: Some(id),
                    body,
                    approval: Approval::Draft,
                    unit: self.options.unit,
                });
            }
        }
        Ok(())
    }
}
