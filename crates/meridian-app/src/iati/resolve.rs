//! Organizations named in an IATI file, found or made: by IATI identifier (`ref`) first,
//! then by name or alias in either language (ignoring case), else created as a draft
//! named by the file (or by its identifier when the file gives no name). Organizations
//! made for an activity that is then skipped, or for a file that is then refused, are
//! dropped again (`Mark`, `rollback`).

use crate::{App, AppResult};
use meridian_domain::records::{Organization, Project};
use meridian_domain::{Approval, LocalizedText, RecordBody, RecordId, RecordKind};
use meridian_interop::iati::codes::org_type_from_iati;
use meridian_interop::iati::IatiOrg;
use meridian_store::{Change, NewRecord};
use std::collections::HashMap;

/// What the database already holds that an import matches against; kept up to date with
/// what each file of a multi-file import writes.
pub(super) struct Existing {
    pub orgs: OrgIndex,
    /// Live projects by IATI identifier.
    pub projects: HashMap<String, KnownProject>,
}

/// What `Existing` learned from one file: the organization keys it added and the
/// projects it put in (with what each replaced), so that they can be taken back when the
/// file's write is refused after the files after it were matched.
#[derive(Debug, Default)]
pub(super) struct Learned {
    keys: Vec<(Table, String)>,
    projects: Vec<(String, Option<KnownProject>)>,
}

impl Existing {
    /// The projects a file's writes leave, by IATI identifier, as the next file sees them.
    pub fn learn(&mut self, projects: Vec<(String, KnownProject)>, learned: &mut Learned) {
        for (identifier, known) in projects {
            let replaced = self.projects.insert(identifier.clone(), known);
            learned.projects.push((identifier, replaced));
        }
    }

    /// Takes back what one file taught; the files learned after it must be forgotten
    /// first.
    pub fn forget(&mut self, learned: Learned) {
        for (identifier, replaced) in learned.projects.into_iter().rev() {
            match replaced {
                Some(known) => self.projects.insert(identifier, known),
                None => self.projects.remove(&identifier),
            };
        }
        self.orgs.remove(learned.keys);
    }
}

/// A project as far as an import needs it: to see whether a file changes it, and to
/// update it at the version it was read.
#[derive(Debug, Clone)]
pub(super) struct KnownProject {
    pub id: RecordId,
    pub version: i64,
    pub approval: Approval,
    pub unit: Option<RecordId>,
    pub body: Project,
}

impl KnownProject {
    /// The change that gives the project `body`, keeping its approval and unit.
    pub fn change(&self, body: Project) -> Change {
        Change {
            body: RecordBody::Project(body),
            approval: self.approval,
            unit: self.unit,
            comment: None,
        }
    }
}

#[derive(Default)]
pub(super) struct OrgIndex {
    by_ref: HashMap<String, RecordId>,
    by_name: HashMap<String, RecordId>,
}

#[derive(Debug, Clone, Copy)]
enum Table {
    Ref,
    Name,
    /// An identifier a file gives an organization found by name: good for the rest of
    /// that file only, as the organization is not changed to carry it.
    FileRef,
}

impl OrgIndex {
    fn add(&mut self, table: Table, key: String, id: RecordId) -> bool {
        let map = match table {
            Table::Ref | Table::FileRef => &mut self.by_ref,
            Table::Name => &mut self.by_name,
        };
        if map.contains_key(&key) {
            return false;
        }
        map.insert(key, id);
        true
    }

    fn remove(&mut self, keys: Vec<(Table, String)>) {
        for (table, key) in keys {
            match table {
                Table::Ref | Table::FileRef => self.by_ref.remove(&key),
                Table::Name => self.by_name.remove(&key),
            };
        }
    }

    fn add_org(&mut self, id: RecordId, org: &Organization, log: &mut Vec<(Table, String)>) {
        if let Some(r) = org.iati_identifier.as_deref() {
            if self.add(Table::Ref, r.to_string(), id) {
                log.push((Table::Ref, r.to_string()));
            }
        }
        let names = std::iter::once(&org.name).chain(&org.aliases);
        for name in names.flat_map(LocalizedText::texts) {
            let key = name.trim().to_lowercase();
            if self.add(Table::Name, key.clone(), id) {
                log.push((Table::Name, key));
            }
        }
    }
}

/// Where the organizations made so far stood before an activity.
pub(super) struct Mark {
    new: usize,
    log: usize,
}

pub(super) struct Resolver<'i> {
    index: &'i mut OrgIndex,
    new: Vec<NewRecord>,
    log: Vec<(Table, String)>,
}

impl<'i> Resolver<'i> {
    pub fn new(index: &'i mut OrgIndex) -> Self {
        Self {
            index,
            new: Vec::new(),
            log: Vec::new(),
        }
    }

    pub fn mark(&self) -> Mark {
        Mark {
            new: self.new.len(),
            log: self.log.len(),
        }
    }

    pub fn rollback(&mut self, mark: Mark) {
        self.index.remove(self.log.split_off(mark.log));
        self.new.truncate(mark.new);
    }

    /// After a file: the index keeps its new organizations, as a scan of the database
    /// would find them, and forgets the identifiers that held for that file only. What
    /// it kept is learned from the file.
    pub fn end_file(self) -> Learned {
        let (file_only, kept) = self
            .log
            .into_iter()
            .partition(|(table, _)| matches!(table, Table::FileRef));
        self.index.remove(file_only);
        Learned {
            keys: kept,
            projects: Vec::new(),
        }
    }

    /// The organizations to create, in the order they were first named. The index keeps
    /// them (for the next file) until a `rollback` to a mark made before them.
    pub fn take_new(&mut self) -> Vec<NewRecord> {
        std::mem::take(&mut self.new)
    }

    /// The record for an organization the file names; `None` when it has neither an
    /// identifier nor a name.
    pub fn resolve(&mut self, org: &IatiOrg) -> Option<RecordId> {
        let reference = org
            .reference
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty());
        if let Some(id) = reference.and_then(|r| self.index.by_ref.get(r)) {
            return Some(*id);
        }
        let by_name = org
            .name
            .texts()
            .find_map(|n| self.index.by_name.get(&n.trim().to_lowercase()).copied());
        if let Some(id) = by_name {
            if let Some(r) = reference {
                if self.index.add(Table::FileRef, r.to_string(), id) {
                    self.log.push((Table::FileRef, r.to_string()));
                }
            }
            return Some(id);
        }
        let name = match (&org.name, reference) {
            (n, _) if !n.is_empty() => n.clone(),
            (_, Some(r)) => LocalizedText::en(r),
            _ => return None,
        };
        let body = new_org(name, org.org_type.as_deref(), reference);
        let id = RecordId::new();
        self.index.add_org(id, &body, &mut self.log);
        self.new.push(NewRecord {
            id: Some(id),
            ..NewRecord::draft(RecordBody::Organization(body))
        });
        Some(id)
    }
}

fn new_org(name: LocalizedText, org_type: Option<&str>, reference: Option<&str>) -> Organization {
    Organization {
        name,
        aliases: Vec::new(),
        acronyms: Vec::new(),
        org_type: org_type_from_iati(org_type.unwrap_or("")),
        country: None,
        city: LocalizedText::default(),
        member_countries: Vec::new(),
        parent: None,
        website: None,
        ror: None,
        founders: Vec::new(),
        founded: None,
        member_counts: Vec::new(),
        introduction: LocalizedText::default(),
        iati_identifier: reference.map(str::to_string),
    }
}

impl App {
    /// Live organizations and IATI-identified projects, for matching: only those two kinds
    /// are read, not the whole database.
    pub(super) async fn existing_for_iati(&self) -> AppResult<Existing> {
        let mut orgs = OrgIndex::default();
        let mut log = Vec::new();
        self.scan_kind(RecordKind::Organization, |page| {
            for record in page {
                if let RecordBody::Organization(org) = &record.body {
                    orgs.add_org(record.id, org, &mut log);
                }
            }
            Ok(())
        })
        .await?;
        let mut projects = HashMap::new();
        self.scan_kind(RecordKind::Project, |page| {
            for record in page {
                if let RecordBody::Project(body) = record.body {
                    if let Some(i) = body.iati_identifier.clone() {
                        let known = KnownProject {
                            id: record.id,
                            version: record.version,
                            approval: record.approval,
                            unit: record.unit,
                            body,
                        };
                        projects.insert(i, known);
                    }
                }
            }
            Ok(())
        })
        .await?;
        Ok(Existing { orgs, projects })
    }
}
