//! What the loader guarantees about the whole dataset: every record parses and validates,
//! every link resolves to a record of a kind its field accepts, load order respects links,
//! keys are unique and stable, and loading is deterministic.

use crate::support::dataset;
use meridian_demo::{external_keys, records};
use meridian_domain::{RecordId, RecordKind};
use meridian_interop::reference::{group_id, Reference};
use std::collections::{HashMap, HashSet};

fn kinds_by_id() -> HashMap<RecordId, RecordKind> {
    let mut kinds: HashMap<RecordId, RecordKind> =
        dataset().iter().map(|r| (r.id, r.body.kind())).collect();
    for key in external_keys() {
        kinds.insert(RecordId::named(&key), RecordKind::CountryGroup);
    }
    kinds
}

#[test]
fn every_record_validates_against_the_reference_data() {
    let mut failures = Vec::new();
    for r in dataset() {
        let problems = r.body.validate(&Reference);
        if !problems.is_empty() {
            failures.push(format!("{}: {problems}", r.key));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn every_stored_body_reads_back_as_the_same_record() {
    for r in dataset() {
        let back = meridian_domain::RecordBody::from_data(r.body.kind(), r.body.to_data());
        assert_eq!(back.as_ref().ok(), Some(&r.body), "{}", r.key);
    }
}

#[test]
fn every_link_points_to_a_record_of_a_kind_its_field_accepts() {
    let kinds = kinds_by_id();
    for r in dataset() {
        for link in r.body.references() {
            let found = kinds.get(&link.target);
            assert!(
                found.is_some(),
                "{}: {} links to nothing",
                r.key,
                link.field
            );
            let found = found.copied().unwrap_or(RecordKind::Inquiry);
            assert!(
                link.expected.contains(&found),
                "{}: {} links to a {found}",
                r.key,
                link.field
            );
        }
    }
}

#[test]
fn links_to_country_groups_use_the_reference_data_ids() {
    let gms = crate::support::project("project:white_paper:regional_gms");
    assert_eq!(gms.mechanism, Some(group_id("gms")));
    assert!(external_keys().contains(&"country_group:who_wpro".to_string()));
}

#[test]
fn every_record_comes_after_the_records_it_links_to_and_its_unit() {
    let mut seen = HashSet::new();
    let external: HashSet<RecordId> = external_keys().iter().map(|k| RecordId::named(k)).collect();
    for r in dataset() {
        for link in r.body.references() {
            assert!(
                seen.contains(&link.target) || external.contains(&link.target),
                "{} comes before the record its {} links to",
                r.key,
                link.field
            );
        }
        if let Some(unit) = r.unit {
            assert!(seen.contains(&unit), "{} comes before its unit", r.key);
        }
        seen.insert(r.id);
    }
}

#[test]
fn keys_are_unique_lowercase_prefixed_and_give_the_ids() {
    let mut keys = HashSet::new();
    for r in dataset() {
        assert!(keys.insert(r.key.as_str()), "{} twice", r.key);
        assert_eq!(r.id, RecordId::named(&r.key));
        assert_eq!(r.key, r.key.to_lowercase());
        let prefix = r.key.split(':').next().unwrap_or_default();
        let kind = if prefix == "org" {
            "organization"
        } else {
            prefix
        };
        assert_eq!(
            kind,
            r.body.kind().as_str(),
            "{} should start with its kind",
            r.key
        );
    }
}

#[test]
fn every_unit_is_an_organization_of_the_dataset() {
    let kinds = kinds_by_id();
    for r in dataset() {
        if let Some(unit) = r.unit {
            assert_eq!(
                kinds.get(&unit),
                Some(&RecordKind::Organization),
                "{}",
                r.key
            );
        }
    }
}

#[test]
fn loading_twice_gives_the_same_records_in_the_same_order() {
    let first = records();
    let second = records();
    assert!(first.is_ok());
    assert_eq!(first, second);
}

#[test]
fn every_seed_file_contributes_records_owned_by_its_reporting_unit() {
    let units: Vec<(&str, &str)> = vec![
        ("org:cacms", "figure:cacms:"),
        ("org:nmu", "membership:nmu:"),
        ("org:thu_som", "news:thu_som:"),
        ("org:scio", "figure:white_paper:"),
        ("org:natcm", "plan:"),
    ];
    for (unit, prefix) in units {
        let owned: Vec<_> = dataset()
            .iter()
            .filter(|r| r.key.starts_with(prefix))
            .collect();
        assert!(!owned.is_empty(), "nothing starts with {prefix}");
        for r in owned {
            assert_eq!(r.unit, Some(RecordId::named(unit)), "{}", r.key);
        }
    }
}

/// The store writes content with `to_data_text` (straight from the struct) and reads it
/// with `from_data_text`; every kind in the dataset must come back whole, and the text
/// must hold what `to_data` (the `Value` the pages, exports and history use) holds.
#[test]
fn content_text_is_the_data_and_reads_back_to_the_same_record() {
    let mut kinds = HashSet::new();
    for r in dataset() {
        let text = r.body.to_data_text().unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value, r.body.to_data(), "{}", r.key);
        let back = meridian_domain::RecordBody::from_data_text(r.body.kind(), &text).unwrap();
        assert_eq!(back, r.body, "{}", r.key);
        kinds.insert(r.body.kind());
    }
    assert!(kinds.len() >= 10, "only {kinds:?}");
}
