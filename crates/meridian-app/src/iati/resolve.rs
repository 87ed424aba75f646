//! Organizations named in an IATI file, found or made: by IATI identifier (`ref`) first,
//! then by name or alias in either language (ignoring case), else created as a draft
//! named by the file (or by its identifier when the file gives no name). Organizations
//! made for an activity that is then skipped are dropped again (`Mark`, `rollback`).

use crate::{App, AppResult};
use meridian_domain::records::Organization;
use meridian_domain::{LocalizedText, RecordBody, RecordId};
use meridian_interop::iati::codes::org_type_from_iati;
use meridian_interop::iati::IatiOrg;
use meridian_store::{NewRecord, StoredRecord};
use std::collections::HashMap;

const PAGE: u32 = 2_000;

/// What the database already holds that an import matches against.
pub(super) struct Existing {
    pub orgs: OrgIndex,
    /// Live projects by IATI identifier.
    pub projects: HashMap<String, StoredRecord>,
}

#[derive(Default)]
pub(super) struct OrgIndex {
    by_ref: HashMap<String, RecordId>,
    by_name: HashMap<String, RecordId>,
}

#[derive(Clone, Copy)]
enum Table {
    Ref,
    Name,
}

impl OrgIndex {
    fn add(&mut self, table: Table, key: String, id: RecordId) -> bool {
        let map = match table {
            Table::Ref => &mut self.by_ref,
            Table::Name => &mut self.by_name,
        };
        if map.contains_key(&key) {
            return false;
        }
        map.insert(key, id);
        true
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

pub(super) struct Resolver {
    index: OrgIndex,
    new: Vec<NewRecord>,
    log: Vec<(Table, String)>,
}

impl Resolver {
    pub fn new(index: OrgIndex) -> Self {
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
        for (table, key) in self.log.drain(mark.log..) {
            match table {
                Table::Ref => self.index.by_ref.remove(&key),
                Table::Name => self.index.by_name.remove(&key),
            };
        }
        self.new.truncate(mark.new);
    }

    /// The organizations to create, in the order they were first named.
    pub fn into_new(self) -> Vec<NewRecord> {
        self.new
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
                if self.index.add(Table::Ref, r.to_string(), id) {
                    self.log.push((Table::Ref, r.to_string()));
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
    /// Live organizations and IATI-identified projects, for matching.
    pub(super) async fn existing_for_iati(&self) -> AppResult<Existing> {
        let mut existing = Existing {
            orgs: OrgIndex::default(),
            projects: HashMap::new(),
        };
        let mut log = Vec::new();
        let mut cursor = None;
        loop {
            let page = self.store.scan_records(cursor, PAGE).await?;
            let Some(last) = page.last() else { break };
            cursor = Some((last.kind(), last.id));
            for record in page {
                if record.is_deleted() {
                    continue;
                }
                match &record.body {
                    RecordBody::Organization(org) => {
                        existing.orgs.add_org(record.id, org, &mut log)
                    }
                    RecordBody::Project(p) => {
                        if let Some(i) = p.iati_identifier.clone() {
                            existing.projects.insert(i, record);
                        }
                    }
                    _ => {}
                }
            }
        }
        Ok(existing)
    }
}
