//! Reading an import's rows into what would be written: headers matched to columns, each
//! row read against the domain rules and matched to an existing record, creates ordered so
//! that a record comes after the records of the file it links to.

use super::report::{ImportReport, Severity};
use super::resolve::Organizations;
use super::rows::RowReader;
use super::ImportOptions;
use crate::{App, AppResult};
use meridian_domain::{Lang, RecordId, RecordKind};
use meridian_interop::tabular::{self, normalize, Layout, Sheet};
use meridian_store::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What an import would write.
#[derive(Default)]
pub(crate) struct Plan {
    pub(super) creates: Vec<NewRecord>,
    pub(super) updates: Vec<BatchUpdate>,
    /// The spreadsheet row of each record, to place problems the store finds.
    pub(crate) rows_by_id: HashMap<RecordId, usize>,
}

/// The file's column for each layout column (`None`: not in the file).
pub(super) struct Columns {
    pub(super) of: Vec<Option<usize>>,
    pub(super) headers: Vec<String>,
}

const PAGE: u32 = 2_000;

impl App {
    /// Every live record of `kind`, page by page in id order.
    pub(crate) async fn scan_kind(
        &self,
        kind: RecordKind,
        mut each: impl FnMut(Vec<StoredRecord>) -> AppResult<()>,
    ) -> AppResult<()> {
        // Just before the kind's first record: the nil id sorts before every other.
        let mut cursor = NIL.parse::<RecordId>().ok().map(|nil| (kind, nil));
        loop {
            let page = self.store.scan_records(cursor, PAGE).await?;
            let done = page.len() < PAGE as usize || page.iter().any(|r| r.kind() != kind);
            cursor = page.last().map(|r| (r.kind(), r.id));
            let live: Vec<StoredRecord> = page
                .into_iter()
                .filter(|r| r.kind() == kind && !r.is_deleted())
                .collect();
            each(live)?;
            if done {
                return Ok(());
            }
        }
    }
}

const NIL: &str = "00000000-0000-0000-0000-000000000000";

fn match_headers(
    layout: &Layout,
    sheet: &Sheet,
    mapping: &ImportMapping,
    report: &mut ImportReport,
    lang: Lang,
) -> Columns {
    let mapped: BTreeMap<String, &String> = mapping
        .columns
        .iter()
        .map(|(from, to)| (normalize(from), to))
        .collect();
    let mut of = vec![None; layout.columns.len()];
    for (j, header) in sheet.headers.iter().enumerate() {
        let target = mapped.get(&normalize(header)).map(|s| s.as_str());
        match layout.find(target.unwrap_or(header)) {
            Some(c) if of[c].is_none() => of[c] = Some(j),
            Some(_) => report.push(
                Severity::Critical,
                Some(1),
                Some(header),
                "duplicate_column",
                match lang {
                    Lang::Zh => "该列与前面的列对应同一字段".into(),
                    Lang::En => "names the same field as an earlier column".into(),
                },
            ),
            None if header.trim().is_empty() => {}
            None => report.push(
                Severity::Warning,
                Some(1),
                Some(header),
                "unknown_column",
                match lang {
                    Lang::Zh => "未知的列，已忽略".into(),
                    Lang::En => "unknown column, ignored".into(),
                },
            ),
        }
    }
    Columns {
        of,
        headers: sheet.headers.clone(),
    }
}

fn kind_of(sheet: &Sheet, options: &ImportOptions, mapping: &ImportMapping) -> Option<RecordKind> {
    options
        .kind
        .or_else(|| mapping.kind.as_deref().and_then(RecordKind::parse))
        .or_else(|| tabular::detect_kind(sheet.name.as_deref(), &sheet.headers))
}

impl Plan {
    pub(crate) async fn make(
        app: &App,
        sheet: Sheet,
        options: &ImportOptions,
        mapping: &ImportMapping,
        report: &mut ImportReport,
    ) -> AppResult<Plan> {
        let lang = options.lang();
        if sheet.headers.is_empty() && sheet.rows.is_empty() {
            // An empty JSON array: nothing to import, nothing wrong.
            return Ok(Plan::default());
        }
        let Some(kind) = kind_of(&sheet, options, mapping) else {
            let message = match lang {
                Lang::Zh => "无法判断文件中的记录类型；请用 --kind 指定".into(),
                Lang::En => {
                    "cannot tell which kind of record the file holds; name it with --kind".into()
                }
            };
            report.push(Severity::Critical, None, None, "unknown_kind", message);
            return Ok(Plan::default());
        };
        report.kind = Some(kind);
        let layout = Layout::of(kind);
        let columns = match_headers(&layout, &sheet, mapping, report, lang);
        for c in layout.missing_required(|c| columns.of[c].is_some()) {
            let message = match lang {
                Lang::Zh => "缺少必填列".into(),
                Lang::En => "required column is missing".into(),
            };
            let header = layout.columns[c].header(lang).to_string();
            report.push(
                Severity::Critical,
                Some(1),
                Some(&header),
                "missing_column",
                message,
            );
        }
        if report.refused() {
            return Ok(Plan::default());
        }
        let orgs = Organizations::default();
        app.scan_kind(RecordKind::Organization, |page| {
            page.iter().for_each(|r| orgs.add(r.id, &r.body));
            Ok(())
        })
        .await?;
        let mut plan = Plan::default();
        let mut reader = RowReader {
            app,
            layout: &layout,
            columns: &columns,
            orgs: &orgs,
            options,
            seen: HashSet::new(),
        };
        let total = sheet.rows.len() as u64;
        for (i, row) in sheet.rows.iter().enumerate() {
            if row.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            report.rows += 1;
            reader.row(i + 2, row, &mut plan, report).await?;
            if let Some(progress) = options.progress.as_ref().filter(|_| i % 1000 == 999) {
                progress(i as u64 + 1, total);
            }
        }
        if let Some(progress) = &options.progress {
            progress(total, total);
        }
        plan.order_creates();
        Ok(plan)
    }

    /// The batch to write, its history comment naming the file.
    pub(crate) fn into_batch(self, file: &str) -> Batch {
        Batch {
            creates: self.creates,
            updates: self.updates,
            comment: Some(format!("imported from {file}")),
        }
    }

    /// Puts each new record after the new records it links to (the store checks links as
    /// it writes); records in a cycle keep file order and the store refuses the cycle.
    fn order_creates(&mut self) {
        let ids: HashSet<RecordId> = self.creates.iter().filter_map(|r| r.id).collect();
        let mut placed: HashSet<RecordId> = HashSet::new();
        let mut pending = std::mem::take(&mut self.creates);
        while !pending.is_empty() {
            let (ready, rest): (Vec<_>, Vec<_>) = pending.into_iter().partition(|r| {
                r.body.references().iter().all(|l| {
                    !ids.contains(&l.target) || placed.contains(&l.target) || Some(l.target) == r.id
                })
            });
            if ready.is_empty() {
                self.creates.extend(rest);
                return;
            }
            placed.extend(ready.iter().filter_map(|r| r.id));
            self.creates.extend(ready);
            pending = rest;
        }
    }
}
