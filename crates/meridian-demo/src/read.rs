//! Reading the data files: the `{"records": [...]}` shape, the rules keys follow, and
//! duplicate keys across files.

use crate::DemoError;
use meridian_domain::RecordKind;
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    records: Vec<RawRecord>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecord {
    key: String,
    kind: String,
    #[serde(default)]
    unit: Option<String>,
    data: Value,
}

/// One record as written in a data file, its kind known, its links not yet resolved.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub file: String,
    pub key: String,
    pub kind: RecordKind,
    pub unit: Option<String>,
    pub data: Value,
}

/// Every record of every file, in file order, with keys checked and unique.
pub(crate) fn read(files: &[(&str, &str)]) -> Result<Vec<Entry>, DemoError> {
    let mut first_file: HashMap<String, String> = HashMap::new();
    let mut entries = Vec::new();
    for (file, json) in files {
        let raw: RawFile = serde_json::from_str(json).map_err(|e| DemoError::File {
            file: file.to_string(),
            reason: e.to_string(),
        })?;
        for record in raw.records {
            check_key(file, &record.key)?;
            if let Some(first) = first_file.get(&record.key) {
                return Err(DemoError::DuplicateKey {
                    file: file.to_string(),
                    key: record.key,
                    first_file: first.clone(),
                });
            }
            first_file.insert(record.key.clone(), file.to_string());
            // The stored kind names are exact; no case folding or dash tolerance here.
            let kind = RecordKind::ALL
                .iter()
                .copied()
                .find(|k| k.as_str() == record.kind)
                .ok_or_else(|| DemoError::UnknownKind {
                    file: file.to_string(),
                    key: record.key.clone(),
                    kind: record.kind.clone(),
                })?;
            entries.push(Entry {
                file: file.to_string(),
                key: record.key,
                kind,
                unit: record.unit,
                data: record.data,
            });
        }
    }
    Ok(entries)
}

/// Keys are `prefix:name`, lowercase, made of `a-z 0-9 _ - .` around one or more colons.
pub(crate) fn check_key(file: &str, key: &str) -> Result<(), DemoError> {
    let bad = |reason: &str| DemoError::BadKey {
        file: file.to_string(),
        key: key.to_string(),
        reason: reason.to_string(),
    };
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "_-.:".contains(c);
    if !key.chars().all(allowed) {
        return Err(bad("use only lowercase letters, digits and _ - . :"));
    }
    let parts: Vec<&str> = key.split(':').collect();
    if parts.len() < 2 || parts.iter().any(|p| p.is_empty()) {
        return Err(bad("write it as prefix:name, such as org:nmu"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_must_be_lowercase_prefixed_names() {
        assert!(check_key("f", "org:nmu").is_ok());
        assert!(check_key("f", "membership:nmu:brimea").is_ok());
        assert!(check_key("f", "Org:NMU").is_err());
        assert!(check_key("f", "nmu").is_err());
        assert!(check_key("f", "org:").is_err());
        assert!(check_key("f", "org:n mu").is_err());
    }

    #[test]
    fn a_key_given_in_two_files_is_refused_naming_both() {
        let a = r#"{"records": [{"key": "org:x", "kind": "organization", "data": {}}]}"#;
        let err = read(&[("a.json", a), ("b.json", a)]).unwrap_err();
        assert_eq!(
            err,
            DemoError::DuplicateKey {
                file: "b.json".into(),
                key: "org:x".into(),
                first_file: "a.json".into()
            }
        );
    }

    #[test]
    fn an_unknown_kind_is_refused() {
        let a = r#"{"records": [{"key": "org:x", "kind": "Organisation", "data": {}}]}"#;
        assert!(matches!(
            read(&[("a.json", a)]),
            Err(DemoError::UnknownKind { .. })
        ));
    }
}
