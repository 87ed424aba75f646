//! The Meridian archive: the whole database (records, trash and history) as one JSON
//! document in a stable, versioned layout (see docs/archive-format.md).
//!
//! Written one record per line, in a fixed order with sorted keys, so the same database
//! always gives the same bytes, whatever backend it came from.

use meridian_domain::{Approval, RecordId, RecordKind};
use serde::{Deserialize, Serialize};
use std::io::{self, Read, Write};

pub const FORMAT: &str = "meridian-archive";
pub const VERSION: u32 = 1;

/// A record with its envelope, as archived.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchiveRecord {
    pub id: RecordId,
    pub kind: RecordKind,
    pub version: i64,
    pub approval: Approval,
    pub unit: Option<RecordId>,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub updated_by: String,
    pub deleted_at: Option<String>,
    pub deleted_by: Option<String>,
    pub data: serde_json::Value,
}

/// One history entry, as archived; `before` and `after` are record snapshots.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchiveHistory {
    pub record_id: RecordId,
    pub kind: RecordKind,
    pub version: i64,
    pub action: String,
    pub actor: String,
    pub at: String,
    pub comment: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Archive {
    pub format: String,
    pub version: u32,
    pub records: Vec<ArchiveRecord>,
    pub history: Vec<ArchiveHistory>,
}

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("not a Meridian archive: {0}")]
    Malformed(String),
    #[error("this is a \"{0}\" file, not a Meridian archive")]
    WrongFormat(String),
    #[error("archive layout version {found} is newer than this Meridian understands (up to {VERSION}); upgrade Meridian")]
    TooNew { found: u32 },
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Serializes a value with object keys sorted, so the output never depends on the order
/// in which a struct or map happened to list them.
fn canonical<T: Serialize>(value: &T) -> io::Result<String> {
    let value = serde_json::to_value(value).map_err(io::Error::other)?;
    serde_json::to_string(&sorted(value)).map_err(io::Error::other)
}

fn sorted(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

#[derive(PartialEq)]
enum Section {
    Records,
    History,
}

/// Writes an archive section by section, one item per line, without holding it in memory.
pub struct ArchiveWriter<W: Write> {
    out: W,
    section: Section,
    first: bool,
}

impl<W: Write> ArchiveWriter<W> {
    pub fn new(mut out: W) -> io::Result<Self> {
        write!(
            out,
            "{{\"format\":\"{FORMAT}\",\"version\":{VERSION},\"records\":["
        )?;
        Ok(Self {
            out,
            section: Section::Records,
            first: true,
        })
    }

    fn item(&mut self, line: String) -> io::Result<()> {
        let sep = if self.first { "\n" } else { ",\n" };
        self.first = false;
        write!(self.out, "{sep}{line}")
    }

    /// Records must come in archive order (kind, then id), before any history.
    pub fn record(&mut self, record: &ArchiveRecord) -> io::Result<()> {
        if self.section != Section::Records {
            return Err(io::Error::other("records must be written before history"));
        }
        self.item(canonical(record)?)
    }

    /// History must come in archive order (record id, then version).
    pub fn history(&mut self, entry: &ArchiveHistory) -> io::Result<()> {
        if self.section == Section::Records {
            write!(self.out, "\n],\"history\":[")?;
            self.section = Section::History;
            self.first = true;
        }
        self.item(canonical(entry)?)
    }

    pub fn finish(mut self) -> io::Result<W> {
        if self.section == Section::Records {
            write!(self.out, "\n],\"history\":[")?;
        }
        write!(self.out, "\n]}}\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Reads and checks an archive.
pub fn read_archive(reader: impl Read) -> Result<Archive, ArchiveError> {
    let archive: Archive = serde_json::from_reader(io::BufReader::new(reader))
        .map_err(|e| ArchiveError::Malformed(e.to_string()))?;
    if archive.format != FORMAT {
        return Err(ArchiveError::WrongFormat(archive.format));
    }
    if archive.version > VERSION {
        return Err(ArchiveError::TooNew {
            found: archive.version,
        });
    }
    Ok(archive)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_archive_reads_back() {
        let bytes = ArchiveWriter::new(Vec::new()).unwrap().finish().unwrap();
        let archive = read_archive(&bytes[..]).unwrap();
        assert!(archive.records.is_empty() && archive.history.is_empty());
        assert_eq!(archive.version, VERSION);
    }

    #[test]
    fn keys_are_sorted_whatever_the_input_order() {
        let value: serde_json::Value =
            serde_json::from_str(r#"{"b":1,"a":{"d":1,"c":2}}"#).unwrap();
        assert_eq!(canonical(&value).unwrap(), r#"{"a":{"c":2,"d":1},"b":1}"#);
    }

    #[test]
    fn another_files_format_is_named_in_the_error() {
        let err = read_archive(&br#"{"format":"x","version":1,"records":[],"history":[]}"#[..])
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "this is a \"x\" file, not a Meridian archive"
        );
    }

    #[test]
    fn a_newer_layout_is_refused() {
        let err = read_archive(
            &br#"{"format":"meridian-archive","version":99,"records":[],"history":[]}"#[..],
        )
        .unwrap_err();
        assert!(matches!(err, ArchiveError::TooNew { found: 99 }));
    }
}
