//! `App::import_iati`: an IATI 1.0x/2.0x file into projects and organizations, all or
//! nothing. The file is read to its end first (any XML error refuses it whole); each
//! activity then becomes a project, or is skipped with its reasons. Projects are matched
//! by IATI identifier, organizations by IATI identifier then by name, so a second import
//! of the same file updates instead of adding. `import_iati_files` imports several files
//! one after another, each all or nothing, scanning the database once for all of them.

use super::resolve::{Existing, KnownProject, Learned, Resolver};
use crate::batch_run::BatchRun;
use crate::records::validate;
use crate::{App, AppError, AppResult};
use meridian_domain::codes::LifecycleStatus;
use meridian_domain::records::{Participant, ParticipantRole, Project};
use meridian_domain::{Money, Period, Problems, Quantity, Reason, RecordBody, RecordId};
use meridian_interop::iati::codes::{
    kind_of_sectors, role_from_iati, status_from_iati, theme_of_sector,
};
use meridian_interop::iati::{
    read_activities_from, FileSummary, IatiActivity, IatiBudget, ReadError,
};
use meridian_interop::tabular::read::{check_size, Limits};
use meridian_store::{Actor, Batch, BatchUpdate, NewRecord};
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::PathBuf;

/// An activity left out, with every reason (field names as in the project form).
#[derive(Debug, Clone, PartialEq)]
pub struct SkippedActivity {
    /// 1-based position of the `<iati-activity>` in the file.
    pub position: usize,
    pub identifier: String,
    pub problems: Problems,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct IatiImportReport {
    /// The file's IATI version attribute, if any.
    pub version: Option<String>,
    /// `<iati-activity>` elements in the file.
    pub activities: usize,
    pub created: usize,
    pub updated: usize,
    /// Activities already recorded exactly as the file says.
    pub unchanged: usize,
    pub organizations_created: usize,
    pub skipped: Vec<SkippedActivity>,
    pub dry_run: bool,
}

/// What one activity becomes.
enum Outcome {
    Create(Box<NewRecord>),
    Update(Box<(KnownProject, Project)>),
    Unchanged,
}

/// How many activities `plan_file` plans between turns it gives the other tasks: a few
/// tens of microseconds of work.
const PLAN_YIELD_EVERY: usize = 8;

/// A file read whole: what it said about itself and its activities.
type ReadFile = (FileSummary, Vec<IatiActivity>);

fn read_file(
    source: &str,
    read: impl FnOnce(&mut dyn FnMut(IatiActivity)) -> Result<FileSummary, ReadError>,
) -> AppResult<ReadFile> {
    let mut activities = Vec::new();
    let summary = read(&mut |a| activities.push(a)).map_err(|e| refused(source, &e))?;
    Ok((summary, activities))
}

/// An IATI file for `App::import_iati_files`: its bytes (an upload), or where it is on
/// disk, read on the parsing thread so that reading a file overlaps the work on the files
/// before it (the command line read every file before the first was parsed).
#[derive(Debug)]
pub enum IatiInput {
    Bytes(Vec<u8>),
    Path(PathBuf),
}

impl From<Vec<u8>> for IatiInput {
    fn from(bytes: Vec<u8>) -> Self {
        IatiInput::Bytes(bytes)
    }
}

impl From<PathBuf> for IatiInput {
    fn from(path: PathBuf) -> Self {
        IatiInput::Path(path)
    }
}

impl IatiInput {
    /// The file's bytes; a file over `max_iati_bytes` is refused, one on disk unread.
    fn into_bytes(self, source: &str) -> AppResult<Vec<u8>> {
        match self {
            IatiInput::Bytes(bytes) => {
                check_iati_size(source, bytes.len() as u64)?;
                Ok(bytes)
            }
            IatiInput::Path(path) => {
                let unreadable = |e: std::io::Error| refused(source, &ReadError::Io(e.to_string()));
                let size = std::fs::metadata(&path).map_err(unreadable)?.len();
                check_iati_size(source, size)?;
                read_limited(source, std::fs::File::open(&path).map_err(unreadable)?)
            }
        }
    }
}

/// Reads and parses `files` in order on one blocking thread, each result sent as soon as
/// the file is parsed, at most `READ_AHEAD` waiting to be taken: the parser goes on with
/// the next file while the ones before are planned and written, and never competes with
/// a second parser for the cores the run's writing needs.
fn parse_in_order(
    files: Vec<(String, IatiInput)>,
) -> tokio::sync::mpsc::Receiver<AppResult<ReadFile>> {
    let (parsed, taken) = tokio::sync::mpsc::channel(READ_AHEAD);
    tokio::task::spawn_blocking(move || {
        for (source, input) in files {
            let read = input
                .into_bytes(&source)
                .and_then(|bytes| read_file(&source, |each| read_activities_from(&bytes, each)));
            if parsed.blocking_send(read).is_err() {
                break; // the run was given up
            }
        }
    });
    taken
}

/// Files parsed and waiting to be taken. Two: a large file takes longer to parse than a
/// small one to write, and the files parsed ahead make up for it (with one, the writing
/// waited for the parser for about a fifth of a run).
const READ_AHEAD: usize = 2;

/// A file's error when the commit that should have stored it failed.
fn commit_failed(e: &AppError) -> AppError {
    AppError::Internal(format!("the import could not be saved: {e}"))
}

fn refused(source: &str, e: &ReadError) -> AppError {
    let (en, zh) = (
        e.describe(meridian_domain::Lang::En),
        e.describe(meridian_domain::Lang::Zh),
    );
    refused_because(
        source,
        format!("cannot be read as IATI activity XML: {en}"),
        format!("无法作为 IATI 活动 XML 读取：{zh}"),
    )
}

fn refused_because(source: &str, en: String, zh: String) -> AppError {
    let mut problems = Problems::new();
    problems.push("file", Reason::Unreadable { en, zh });
    AppError::Invalid {
        record: format!("IATI file {source}"),
        problems,
    }
}

/// The largest IATI file taken, as for spreadsheets (`Limits::max_file_bytes`): the
/// file is held in memory while it is read.
fn max_iati_bytes() -> u64 {
    Limits::default().max_file_bytes
}

/// Refuses a file over `max_iati_bytes`, in both languages, before it is parsed.
fn check_iati_size(source: &str, size: u64) -> AppResult<()> {
    check_size(source, size, &Limits::default()).map_err(|e| {
        refused_because(
            source,
            e.describe(meridian_domain::Lang::En),
            e.describe(meridian_domain::Lang::Zh),
        )
    })
}

/// Reads `input` whole, refusing it once it passes `max_iati_bytes` (without reading the
/// rest).
fn read_limited(source: &str, input: impl Read) -> AppResult<Vec<u8>> {
    let mut bytes = Vec::new();
    input
        .take(max_iati_bytes() + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| refused(source, &ReadError::Io(e.to_string())))?;
    check_iati_size(source, bytes.len() as u64)?;
    Ok(bytes)
}

impl App {
    /// Imports an IATI activity file. `source` names it in history and messages. With
    /// `dry_run`, reports what would happen and writes nothing.
    pub async fn import_iati<R: Read>(
        &self,
        input: R,
        source: &str,
        actor: &Actor,
        dry_run: bool,
    ) -> AppResult<IatiImportReport> {
        let bytes = read_limited(source, input)?;
        let file = read_file(source, |each| read_activities_from(&bytes, each))?;
        let mut existing = self.existing_for_iati().await?;
        let planned = plan_file(&mut existing, &file, source, dry_run).await?;
        let mut run = BatchRun::new(self);
        if let Some(batch) = planned.batch {
            run.apply(batch, actor).await?;
        }
        run.commit().await?;
        Ok(planned.report)
    }

    /// Imports IATI files (name, and the bytes or the path: `IatiInput`; bytes move to the
    /// parsing thread uncopied, a path is read there) one after another, each as
    /// `import_iati` would: all or nothing, with its own report or error. The database is
    /// scanned for matching once, not once per file; what each file writes (or, in a dry
    /// run, would write) is matched by the files after it.
    ///
    /// Three things go on at once: files are parsed ahead in order on a blocking thread
    /// (`parse_in_order`, the first while the database is scanned); a file's batch is
    /// written on a task of its own (`BatchRun::start`); and meanwhile the next file is matched and planned as if the
    /// one being written will be stored (planned again, in the rare case it is refused).
    /// Writes are committed together every `COMMIT_INTERVAL` and at the end, so a report
    /// is returned only for what is durably stored. Fails as a whole only when the scan
    /// fails; when a commit fails, the files since the last commit, and the files after
    /// them, get that error instead of a report.
    pub async fn import_iati_files<F: Into<IatiInput>>(
        &self,
        files: Vec<(String, F)>,
        actor: &Actor,
        dry_run: bool,
    ) -> AppResult<Vec<AppResult<IatiImportReport>>> {
        let names: Vec<String> = files.iter().map(|(name, _)| name.clone()).collect();
        // The first files are parsed while the database is scanned.
        let mut parsed = parse_in_order(
            files
                .into_iter()
                .map(|(name, input)| (name, input.into()))
                .collect(),
        );
        let mut files = FilesRun {
            existing: self.existing_for_iati().await?,
            run: BatchRun::new(self),
            reports: Vec::with_capacity(names.len()),
            writing: None,
            dry_run,
        };
        // Reports of files written since the last commit start here.
        let mut uncommitted = 0;
        for (i, source) in names.iter().enumerate() {
            let read = parsed.recv().await.unwrap_or_else(|| {
                Err(AppError::Internal(format!(
                    "reading IATI file {source}: the parsing thread stopped"
                )))
            });
            files.take(read, source, actor).await;
            let last = i + 1 == names.len();
            if files.run.due() || last {
                files.finish_writing().await;
                if let Err(e) = files.run.commit().await {
                    // Nothing since the last commit is stored, and what the files after
                    // would be matched against is no longer true: they are not read.
                    let failed = |_| Err(commit_failed(&e));
                    files.reports.truncate(uncommitted);
                    files.reports.extend((uncommitted..names.len()).map(failed));
                    break;
                }
                uncommitted = files.reports.len();
            }
        }
        Ok(files.reports)
    }
}

/// An `import_iati_files` run between files: what matching knows, the store session, the
/// reports so far, and the file being written.
struct FilesRun<'a> {
    existing: Existing,
    run: BatchRun<'a>,
    reports: Vec<AppResult<IatiImportReport>>,
    writing: Option<Written>,
    dry_run: bool,
}

impl FilesRun<'_> {
    /// Plans a file while the one before is still being written, as if that one will be
    /// stored; then, once it is (its report added), starts writing this one. A file read
    /// or planned with an error gets its report at once.
    async fn take(&mut self, read: AppResult<ReadFile>, source: &str, actor: &Actor) {
        let file = match read {
            Ok(file) => file,
            Err(e) => {
                self.finish_writing().await;
                self.reports.push(Err(e));
                return;
            }
        };
        let mut planned = plan_file(&mut self.existing, &file, source, self.dry_run).await;
        if let Some(refused) = self.outcome_of_writing().await {
            // This file was planned against what the refused one would have written:
            // both are taken back, latest first, and this one is planned anew.
            if let Ok(p) = planned {
                self.existing.forget(p.learned);
            }
            self.existing.forget(refused);
            planned = plan_file(&mut self.existing, &file, source, self.dry_run).await;
        }
        drop(file);
        match planned {
            Ok(Planned {
                report,
                batch: Some(batch),
                learned,
            }) => match self.run.start(batch, actor).await {
                Ok(()) => self.writing = Some(Written { report, learned }),
                Err(e) => {
                    self.existing.forget(learned);
                    self.reports.push(Err(e));
                }
            },
            Ok(Planned { report, .. }) => self.reports.push(Ok(report)),
            Err(e) => self.reports.push(Err(e)),
        }
    }

    /// Waits for the file being written, if any, and adds its report, or the store's
    /// refusal; for a refused file, what matching learned from it, which the caller
    /// must take back (after anything learned since).
    async fn outcome_of_writing(&mut self) -> Option<Learned> {
        let written = self.writing.take()?;
        match self.run.finish().await {
            Some(Err(e)) => {
                self.reports.push(Err(e));
                Some(written.learned)
            }
            Some(Ok(_)) | None => {
                self.reports.push(Ok(written.report));
                None
            }
        }
    }

    /// `outcome_of_writing`, taking back what a refused file taught.
    async fn finish_writing(&mut self) {
        if let Some(refused) = self.outcome_of_writing().await {
            self.existing.forget(refused);
        }
    }
}

/// A file whose batch is being written: its report, and what it taught the matching.
struct Written {
    report: IatiImportReport,
    learned: Learned,
}

/// A file worked out: its report, the batch that writes it (none in a dry run, or when
/// the file changes nothing), and what `existing` learned from it.
struct Planned {
    report: IatiImportReport,
    batch: Option<Batch>,
    learned: Learned,
}

/// Matches a file read whole against `existing` and works out its batch; `existing` then
/// holds what the file writes (or would write), as the next file must see it: `learned`
/// takes that back. A refused file leaves `existing` as it was.
///
/// It lets other tasks run every `PLAN_YIELD_EVERY` activities: in a run, the file before
/// is being written meanwhile by a task on the same thread (one-shot commands run on a
/// current-thread runtime), which needs the thread between its statements; without the
/// turns the database waited for each file's planning to end.
async fn plan_file(
    existing: &mut Existing,
    (summary, activities): &ReadFile,
    source: &str,
    dry_run: bool,
) -> AppResult<Planned> {
    let mut report = IatiImportReport {
        version: summary.version.clone(),
        activities: summary.activities,
        dry_run,
        ..Default::default()
    };
    let mut resolver = Resolver::new(&mut existing.orgs);
    let start = resolver.mark();
    let mut seen = HashSet::new();
    let mut creates = Vec::new();
    let mut updates = Vec::new();
    for (i, act) in activities.iter().enumerate() {
        if i % PLAN_YIELD_EVERY == 0 {
            tokio::task::yield_now().await;
        }
        match plan(act, &existing.projects, &mut resolver, &mut seen) {
            Ok(Outcome::Create(new)) => creates.push(*new),
            Ok(Outcome::Update(change)) => updates.push(*change),
            Ok(Outcome::Unchanged) => report.unchanged += 1,
            Err(problems) => report.skipped.push(SkippedActivity {
                position: i + 1,
                identifier: act.identifier.clone(),
                problems,
            }),
        }
    }
    let orgs = resolver.take_new();
    report.organizations_created = orgs.len();
    report.created = creates.len();
    report.updated = updates.len();
    let projects = known_after(&creates, &updates);
    let batch = if dry_run {
        None
    } else {
        match batch_of(orgs, creates, updates, source) {
            Ok(batch) => batch,
            Err(e) => {
                resolver.rollback(start);
                return Err(e);
            }
        }
    };
    let mut learned = resolver.end_file();
    existing.learn(projects, &mut learned);
    Ok(Planned {
        report,
        batch,
        learned,
    })
}

/// New organizations, then new projects, then updates: one batch of the run (all or
/// nothing), the file named in every history entry; `None` when there is nothing to
/// write. Projects were validated when planned; the organizations the file adds are
/// validated here.
fn batch_of(
    orgs: Vec<NewRecord>,
    projects: Vec<NewRecord>,
    updates: Vec<(KnownProject, Project)>,
    source: &str,
) -> AppResult<Option<Batch>> {
    for new in &orgs {
        let kind = new.body.kind();
        validate(&new.body, || format!("new {kind}"))?;
    }
    let mut creates = orgs;
    creates.extend(projects);
    let updates: Vec<BatchUpdate> = updates
        .into_iter()
        .map(|(current, body)| BatchUpdate {
            id: current.id,
            expected_version: current.version,
            change: current.change(body),
        })
        .collect();
    if creates.is_empty() && updates.is_empty() {
        return Ok(None);
    }
    Ok(Some(Batch {
        creates,
        updates,
        comment: Some(format!("IATI import: {source}")),
    }))
}

/// The projects a file's writes leave, by IATI identifier, as the next file sees them.
fn known_after(
    creates: &[NewRecord],
    updates: &[(KnownProject, Project)],
) -> Vec<(String, KnownProject)> {
    let created = creates.iter().filter_map(|new| match (&new.body, new.id) {
        (RecordBody::Project(body), Some(id)) => Some(KnownProject {
            id,
            version: 1,
            approval: new.approval,
            unit: new.unit,
            body: body.clone(),
        }),
        _ => None,
    });
    let updated = updates.iter().map(|(current, body)| KnownProject {
        version: current.version + 1,
        body: body.clone(),
        ..current.clone()
    });
    created
        .chain(updated)
        .filter_map(|known| Some((known.body.iati_identifier.clone()?, known)))
        .collect()
}

/// The project an activity becomes (new, or an update of the one with its identifier).
fn plan(
    act: &IatiActivity,
    projects: &HashMap<String, KnownProject>,
    resolver: &mut Resolver,
    seen: &mut HashSet<String>,
) -> Result<Outcome, Problems> {
    let mut problems = Problems::new();
    let identifier = act.identifier.trim().to_string();
    if identifier.is_empty() {
        problems.push("iati_identifier", Reason::Required);
    } else if !seen.insert(identifier.clone()) {
        problems.push(
            "iati_identifier",
            Reason::Duplicate {
                value: identifier.clone(),
            },
        );
    }
    for (i, text) in act.unreadable_dates.iter().enumerate() {
        problems.push(
            format!("period[{i}]"),
            Reason::NotADate { text: text.clone() },
        );
    }
    let current = projects.get(&identifier);
    let base = current.map(|r| r.body.clone());
    let mark = resolver.mark();
    let unit = resolver.resolve(&act.reporting_org);
    let project = project_of(act, base, identifier, resolver);
    let body = RecordBody::Project(project.clone());
    if let Err(AppError::Invalid {
        problems: found, ..
    }) = validate(&body, String::new)
    {
        problems.errors.extend(found.errors);
    }
    if !problems.is_empty() {
        resolver.rollback(mark);
        return Err(problems);
    }
    Ok(match current {
        Some(r) if r.body == project => Outcome::Unchanged,
        Some(r) => Outcome::Update(Box::new((r.clone(), project))),
        None => Outcome::Create(Box::new(NewRecord {
            id: Some(RecordId::new()),
            unit,
            ..NewRecord::draft(body)
        })),
    })
}

fn project_of(
    act: &IatiActivity,
    base: Option<Project>,
    identifier: String,
    resolver: &mut Resolver,
) -> Project {
    let mut participants: Vec<Participant> = Vec::new();
    for p in &act.participants {
        let Some(org) = resolver.resolve(&p.org) else {
            continue;
        };
        if participants.iter().any(|q| q.organization == org) {
            continue;
        }
        let role = role_from_iati(&p.role).unwrap_or(ParticipantRole::Participant);
        participants.push(Participant {
            organization: org,
            role,
        });
    }
    let mut countries: Vec<String> = Vec::new();
    for c in &act.countries {
        let code = c.trim().to_ascii_uppercase();
        if !countries.contains(&code) {
            countries.push(code);
        }
    }
    let pick = |types: [u8; 2]| {
        types.iter().find_map(|t| {
            act.dates
                .iter()
                .find(|d| d.kind.code() == *t)
                .map(|d| d.date)
        })
    };
    let period = Period {
        start: pick([2, 1]),
        end: pick([4, 3]),
    };
    let status = act
        .status
        .as_deref()
        .map(status_from_iati)
        .unwrap_or(LifecycleStatus::Unknown);
    let themes: Vec<String> =
        act.sectors
            .iter()
            .map(|c| theme_of_sector(c))
            .fold(Vec::new(), |mut v, t| {
                if !v.contains(&t) {
                    v.push(t);
                }
                v
            });
    let mut project = base.unwrap_or_else(|| Project {
        title: Default::default(),
        kind: kind_of_sectors(&act.sectors),
        participants: Vec::new(),
        countries: Vec::new(),
        mechanism: None,
        period: Period::default(),
        status,
        budget: None,
        themes: Vec::new(),
        agreements: Vec::new(),
        area: None,
        description: Default::default(),
        iati_identifier: None,
    });
    project.title = act.title.clone();
    project.description = act.description.clone();
    project.participants = participants;
    project.countries = countries;
    project.period = period;
    project.status = status;
    project.budget = budget(&act.budgets);
    project.themes = themes;
    project.iati_identifier = Some(identifier);
    project
}

/// The activity's budget: the revised budgets if any, else the original ones, summed in
/// the currency of the first (budgets in other currencies are left out).
fn budget(list: &[IatiBudget]) -> Option<Money> {
    let revised = list.iter().any(|b| b.revised);
    let chosen: Vec<_> = list.iter().filter(|b| b.revised == revised).collect();
    let currency = chosen.first()?.currency.clone();
    if currency.is_empty() {
        return None;
    }
    let total: f64 = chosen
        .iter()
        .filter(|b| b.currency == currency)
        .map(|b| b.value)
        .sum();
    Some(Money {
        amount: Quantity::exact(total),
        currency,
    })
}
