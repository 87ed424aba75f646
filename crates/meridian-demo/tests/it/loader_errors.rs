//! A broken data file is refused with an error naming the file, the key, the field and the
//! reason, and the loader orders what it accepts by links.

use meridian_demo::{load, DemoError};
use meridian_domain::{RecordBody, RecordId, RecordKind};

const ORG_A: &str = r#"{"key": "org:a", "kind": "organization", "data": {"name": {"zh": "甲", "en": "A"}, "org_type": "university"}}"#;

fn file(records: &[&str]) -> String {
    format!("{{\"records\": [{}]}}", records.join(","))
}

fn membership(member: &str, organization: &str) -> String {
    format!(
        r#"{{"key": "membership:x", "kind": "membership", "unit": "org:a", "data": {{"member": "{member}", "organization": "{organization}", "status": "active"}}}}"#
    )
}

#[test]
fn an_unknown_at_key_names_file_key_field_and_target() {
    let json = file(&[ORG_A, &membership("@org:a", "@org:missing")]);
    let err = load(&[("t.json", &json)]).unwrap_err();
    assert_eq!(
        err,
        DemoError::UnknownReference {
            file: "t.json".into(),
            key: "membership:x".into(),
            field: "data.organization".into(),
            target: "org:missing".into(),
        }
    );
    assert_eq!(
        err.to_string(),
        "t.json: membership:x: data.organization: \"@org:missing\" names no record"
    );
}

#[test]
fn a_field_the_kind_does_not_have_is_refused_with_the_serde_message() {
    let bad = r#"{"key": "org:b", "kind": "organization", "data": {"name": {"en": "B"}, "org_type": "university", "colour": "red"}}"#;
    let err = load(&[("t.json", &file(&[bad]))]).unwrap_err();
    match err {
        DemoError::BadData {
            file,
            key,
            field,
            reason,
            ..
        } => {
            assert_eq!(
                (file.as_str(), key.as_str(), field.as_str()),
                ("t.json", "org:b", "data.colour")
            );
            assert!(reason.starts_with("unknown field `colour`"), "{reason}");
        }
        other => panic!("{other}"),
    }
}

#[test]
fn a_duplicate_key_is_refused() {
    let json = file(&[ORG_A, ORG_A]);
    assert!(matches!(
        load(&[("t.json", &json)]),
        Err(DemoError::DuplicateKey { .. })
    ));
}

#[test]
fn a_link_to_a_record_of_the_wrong_kind_is_refused() {
    let json = file(&[ORG_A, &membership("@org:a", "@country_group:gms")]);
    let err = load(&[("t.json", &json)]).unwrap_err();
    assert!(
        matches!(&err, DemoError::WrongKind { field, found, .. } if field == "data.organization" && *found == RecordKind::CountryGroup),
        "{err}"
    );
}

#[test]
fn an_at_key_outside_a_link_field_is_refused() {
    let bad = r#"{"key": "org:b", "kind": "organization", "data": {"name": {"en": "@org:a"}, "org_type": "university"}}"#;
    let err = load(&[("t.json", &file(&[ORG_A, bad]))]).unwrap_err();
    assert!(
        matches!(&err, DemoError::NotALink { field, .. } if field == "data.name.en"),
        "{err}"
    );
}

#[test]
fn a_unit_must_be_an_organization_of_the_dataset() {
    let unknown = r#"{"key": "org:b", "kind": "organization", "unit": "org:none", "data": {"name": {"en": "B"}, "org_type": "university"}}"#;
    assert!(matches!(
        load(&[("t.json", &file(&[unknown]))]),
        Err(DemoError::BadUnit { unit, .. }) if unit == "org:none"
    ));
    let itself = r#"{"key": "org:b", "kind": "organization", "unit": "org:b", "data": {"name": {"en": "B"}, "org_type": "university"}}"#;
    assert!(matches!(
        load(&[("t.json", &file(&[itself]))]),
        Err(DemoError::BadUnit { reason, .. }) if reason.starts_with("is the record itself")
    ));
    let not_org = r#"{"key": "org:b", "kind": "organization", "unit": "membership:x", "data": {"name": {"en": "B"}, "org_type": "university"}}"#;
    let json = file(&[ORG_A, not_org, &membership("@org:a", "@org:b")]);
    assert!(matches!(
        load(&[("t.json", &json)]),
        Err(DemoError::BadUnit { reason, .. }) if reason == "is not an organization"
    ));
}

#[test]
fn a_reference_cycle_is_refused_with_the_keys_of_the_loop() {
    let a = r#"{"key": "org:a", "kind": "organization", "data": {"name": {"en": "A"}, "org_type": "university", "parent": "@org:b"}}"#;
    let b = r#"{"key": "org:b", "kind": "organization", "data": {"name": {"en": "B"}, "org_type": "university", "parent": "@org:a"}}"#;
    let err = load(&[("t.json", &file(&[a, b]))]).unwrap_err();
    assert_eq!(
        err,
        DemoError::Cycle {
            keys: vec!["org:a".into(), "org:b".into(), "org:a".into()]
        }
    );
}

#[test]
fn records_are_loaded_after_what_they_link_to_across_files() {
    let first = file(&[&membership("@org:a", "@org:b")]);
    let second = file(&[
        ORG_A,
        r#"{"key": "org:b", "kind": "organization", "data": {"name": {"en": "B"}, "org_type": "alliance"}}"#,
    ]);
    let loaded = load(&[("1.json", &first), ("2.json", &second)]).unwrap();
    let keys: Vec<&str> = loaded.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, vec!["org:a", "org:b", "membership:x"]);
    match &loaded[2].body {
        RecordBody::Membership(m) => {
            assert_eq!(m.member, RecordId::named("org:a"));
            assert_eq!(m.organization, RecordId::named("org:b"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(loaded[2].unit, Some(RecordId::named("org:a")));
}

#[test]
fn a_file_that_is_not_a_record_list_is_refused() {
    assert!(matches!(
        load(&[("t.json", "[]")]),
        Err(DemoError::File { file, .. }) if file == "t.json"
    ));
}
