//! Links between records: `"@key"` strings become record ids, and every link is checked
//! against the fields the record kind declares as references (and the kinds they accept).

use crate::external::external_kind;
use crate::read::Entry;
use crate::DemoError;
use meridian_domain::{RecordBody, RecordId, RecordKind};
use serde_json::Value;
use std::collections::HashMap;

/// One `@key` found in a record, with its field path inside `data` (`participants[0].organization`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Link {
    pub field: String,
    pub key: String,
}

/// Replaces every string starting with `@` by the id of the record it names.
/// `kinds` holds the dataset's own keys; external keys (reference country groups) are allowed.
pub(crate) fn resolve(
    entry: &mut Entry,
    kinds: &HashMap<String, RecordKind>,
) -> Result<Vec<Link>, DemoError> {
    let mut links = Vec::new();
    let mut unknown = None;
    walk(&mut entry.data, String::new(), &mut |field, text| {
        let key = text.strip_prefix('@')?;
        if kinds.contains_key(key) || external_kind(key).is_some() {
            links.push(Link {
                field: field.to_string(),
                key: key.to_string(),
            });
            Some(RecordId::named(key).to_string())
        } else {
            unknown.get_or_insert((field.to_string(), key.to_string()));
            None
        }
    });
    match unknown {
        Some((field, target)) => Err(DemoError::UnknownReference {
            file: entry.file.clone(),
            key: entry.key.clone(),
            field: format!("data.{field}"),
            target,
        }),
        None => Ok(links),
    }
}

/// Visits every string with its path; a returned value replaces the string.
fn walk(value: &mut Value, path: String, visit: &mut dyn FnMut(&str, &str) -> Option<String>) {
    match value {
        Value::String(text) => {
            if let Some(new) = visit(&path, text) {
                *text = new;
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                walk(item, format!("{path}[{i}]"), visit);
            }
        }
        Value::Object(map) => {
            for (name, item) in map.iter_mut() {
                let child = if path.is_empty() {
                    name.clone()
                } else {
                    format!("{path}.{name}")
                };
                walk(item, child, visit);
            }
        }
        _ => {}
    }
}

/// Checks that every `@key` sits in a reference field accepting its kind, and that the body
/// has no reference that did not come from an `@key`.
pub(crate) fn check(
    entry: &Entry,
    body: &RecordBody,
    links: &[Link],
    kinds: &HashMap<String, RecordKind>,
) -> Result<(), DemoError> {
    let refs = body.references();
    let kind = entry.kind.as_str();
    for link in links {
        let full = format!("{kind}.{}", link.field);
        let target_kind = kinds
            .get(&link.key)
            .copied()
            .or_else(|| external_kind(&link.key));
        let declared = refs.iter().find(|r| r.field == full);
        let (Some(declared), Some(found)) = (declared, target_kind) else {
            return Err(DemoError::NotALink {
                file: entry.file.clone(),
                key: entry.key.clone(),
                field: format!("data.{}", link.field),
                target: link.key.clone(),
            });
        };
        if !declared.expected.contains(&found) {
            return Err(DemoError::WrongKind {
                file: entry.file.clone(),
                key: entry.key.clone(),
                field: format!("data.{}", link.field),
                target: link.key.clone(),
                found,
                expected: declared.expected,
            });
        }
    }
    for r in &refs {
        let from_key = links
            .iter()
            .any(|l| format!("{kind}.{}", l.field) == r.field);
        if !from_key {
            return Err(DemoError::UnknownReference {
                file: entry.file.clone(),
                key: entry.key.clone(),
                field: r.field.clone(),
                target: r.target.to_string(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry(data: Value) -> Entry {
        Entry {
            file: "t.json".into(),
            key: "membership:x".into(),
            kind: RecordKind::Membership,
            unit: None,
            data,
        }
    }

    fn kinds() -> HashMap<String, RecordKind> {
        HashMap::from([("org:a".to_string(), RecordKind::Organization)])
    }

    #[test]
    fn at_keys_become_named_ids_with_their_paths() {
        let mut e = entry(json!({"member": "@org:a", "list": [{"x": "@country_group:gms"}]}));
        let mut links = resolve(&mut e, &kinds()).unwrap();
        links.sort_by(|a, b| a.field.cmp(&b.field));
        assert_eq!(
            e.data["member"],
            json!(RecordId::named("org:a").to_string())
        );
        assert_eq!(
            links,
            vec![
                Link {
                    field: "list[0].x".into(),
                    key: "country_group:gms".into()
                },
                Link {
                    field: "member".into(),
                    key: "org:a".into()
                },
            ]
        );
    }

    #[test]
    fn an_unknown_at_key_is_refused_with_its_field() {
        let mut e = entry(json!({"member": "@org:missing"}));
        let err = resolve(&mut e, &kinds()).unwrap_err();
        assert_eq!(
            err,
            DemoError::UnknownReference {
                file: "t.json".into(),
                key: "membership:x".into(),
                field: "data.member".into(),
                target: "org:missing".into(),
            }
        );
    }
}
