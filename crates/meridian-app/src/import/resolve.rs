//! Finding organizations for an import: by record id, then by identifier (ROR), then by
//! exact name or alias in either language. Both the rows' own organizations (so a
//! re-import updates) and links written as names are matched this way.

use meridian_domain::{Reason, RecordBody, RecordId, RecordKind};
use meridian_interop::tabular::Resolver;
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Names and identifiers of every live organization, plus those the file creates.
#[derive(Default)]
pub(crate) struct Organizations {
    names: Mutex<HashMap<String, Vec<RecordId>>>,
    rors: Mutex<HashMap<String, RecordId>>,
}

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

impl Organizations {
    /// Takes in an organization's names and identifier.
    pub(crate) fn add(&self, id: RecordId, body: &RecordBody) {
        let RecordBody::Organization(org) = body else {
            return;
        };
        let mut names = locked(&self.names);
        let texts = org
            .name
            .texts()
            .chain(org.aliases.iter().flat_map(|a| a.texts()));
        for text in texts {
            let ids = names.entry(key(text)).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        if let Some(ror) = &org.ror {
            locked(&self.rors).insert(key(ror), id);
        }
    }

    /// The organization with this ROR id or this exact name or alias, if exactly one.
    pub(crate) fn find(
        &self,
        ror: Option<&str>,
        names: &[&str],
    ) -> Result<Option<RecordId>, Reason> {
        if let Some(id) = ror.and_then(|r| locked(&self.rors).get(&key(r)).copied()) {
            return Ok(Some(id));
        }
        for name in names.iter().filter(|n| !n.trim().is_empty()) {
            if let Some(ids) = locked(&self.names).get(&key(name)).cloned() {
                return match ids.as_slice() {
                    [one] => Ok(Some(*one)),
                    _ => Err(ambiguous(name, &ids)),
                };
            }
        }
        Ok(None)
    }
}

fn ambiguous(name: &str, ids: &[RecordId]) -> Reason {
    let list: Vec<String> = ids.iter().map(ToString::to_string).collect();
    Reason::BadFormat {
        expected: format!(
            "one organization, but \"{name}\" names {} ({}); write the record id",
            ids.len(),
            list.join(", ")
        ),
    }
}

impl Resolver for Organizations {
    fn resolve(&self, text: &str, kinds: &'static [RecordKind]) -> Result<String, Reason> {
        if let Ok(id) = text.trim().parse::<RecordId>() {
            return Ok(id.to_string());
        }
        if kinds.contains(&RecordKind::Organization) {
            if let Some(id) = self.find(None, &[text])? {
                return Ok(id.to_string());
            }
        }
        Err(Reason::MissingRecord {
            id: text.to_string(),
        })
    }
}
