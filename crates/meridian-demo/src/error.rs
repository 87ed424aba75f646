//! What can be wrong with the embedded dataset, each error naming the file, the record key,
//! the field and the reason, so a broken data file is fixed without guessing.

use meridian_domain::RecordKind;

/// A problem found while loading the demonstration dataset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DemoError {
    /// The file is not JSON of the shape `{"records": [...]}`.
    #[error("{file}: not a demo data file: {reason}")]
    File { file: String, reason: String },

    /// A key is empty or uses characters outside `a-z 0-9 _ - . :`.
    #[error("{file}: key \"{key}\": {reason}")]
    BadKey {
        file: String,
        key: String,
        reason: String,
    },

    #[error("{file}: key \"{key}\" is given twice (first in {first_file})")]
    DuplicateKey {
        file: String,
        key: String,
        first_file: String,
    },

    #[error("{file}: {key}: \"{kind}\" is not a record kind")]
    UnknownKind {
        file: String,
        key: String,
        kind: String,
    },

    /// `@target` names neither a record in the dataset nor an external reference record.
    #[error("{file}: {key}: {field}: \"@{target}\" names no record")]
    UnknownReference {
        file: String,
        key: String,
        field: String,
        target: String,
    },

    /// The record's `unit` is not an organization of the dataset.
    #[error("{file}: {key}: unit \"{unit}\" {reason}")]
    BadUnit {
        file: String,
        key: String,
        unit: String,
        reason: String,
    },

    /// The content does not fit its kind (the serde message: unknown or missing field...).
    #[error("{file}: {key}: {field}: {reason}")]
    BadData {
        file: String,
        key: String,
        kind: RecordKind,
        field: String,
        reason: String,
    },

    /// `@target` sits in a field that does not link records (a name, a note...).
    #[error("{file}: {key}: {field}: \"@{target}\" is not in a field that links records")]
    NotALink {
        file: String,
        key: String,
        field: String,
        target: String,
    },

    /// A link points to a record of a kind the field does not accept.
    #[error(
        "{file}: {key}: {field}: \"@{target}\" is a {found}, expected {}",
        kinds(expected)
    )]
    WrongKind {
        file: String,
        key: String,
        field: String,
        target: String,
        found: RecordKind,
        expected: &'static [RecordKind],
    },

    /// Records that reference each other in a loop cannot be loaded one after another.
    #[error("reference cycle: {}", keys.join(" -> "))]
    Cycle { keys: Vec<String> },
}

impl DemoError {
    /// Stable snake_case code, also usable as a translation key.
    pub fn code(&self) -> &'static str {
        match self {
            DemoError::File { .. } => "demo_file",
            DemoError::BadKey { .. } => "demo_bad_key",
            DemoError::DuplicateKey { .. } => "demo_duplicate_key",
            DemoError::UnknownKind { .. } => "demo_unknown_kind",
            DemoError::UnknownReference { .. } => "demo_unknown_reference",
            DemoError::BadUnit { .. } => "demo_bad_unit",
            DemoError::BadData { .. } => "demo_bad_data",
            DemoError::NotALink { .. } => "demo_not_a_link",
            DemoError::WrongKind { .. } => "demo_wrong_kind",
            DemoError::Cycle { .. } => "demo_reference_cycle",
        }
    }
}

/// "organization or centre".
fn kinds(list: &[RecordKind]) -> String {
    let names: Vec<&str> = list.iter().map(|k| k.as_str()).collect();
    names.join(" or ")
}

/// The field a serde message names ("missing field `member`"), or `data` when it names none.
pub(crate) fn serde_field(message: &str) -> String {
    let names_field = message.starts_with("missing field") || message.starts_with("unknown field");
    let quoted = message.split('`').nth(1);
    match (names_field, quoted) {
        (true, Some(name)) => format!("data.{name}"),
        _ => "data".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_name_the_field_when_they_can() {
        assert_eq!(serde_field("missing field `member`"), "data.member");
        assert_eq!(
            serde_field("unknown field `colour`, expected one of `name`, `kind`"),
            "data.colour"
        );
        assert_eq!(
            serde_field("unknown variant `boss`, expected `member`"),
            "data"
        );
    }

    #[test]
    fn cycle_message_lists_the_loop() {
        let e = DemoError::Cycle {
            keys: vec!["org:a".into(), "org:b".into(), "org:a".into()],
        };
        assert_eq!(e.to_string(), "reference cycle: org:a -> org:b -> org:a");
        assert_eq!(e.code(), "demo_reference_cycle");
    }
}
