//! Every interface string the templates and handlers use exists in both catalogs.

use meridian_domain::Lang;
use std::collections::BTreeSet;
use std::path::Path;

fn sources() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    for dir in ["templates", "src", "src/pages", "src/forms"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                texts.push(std::fs::read_to_string(path).unwrap());
            }
        }
    }
    texts
}

/// Literal keys in `t("…")`, `t(lang, "…")`, `tf(lang, "…")`, `t(ctx.lang, "…")`.
fn literal_keys(text: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for opener in ["t(\"", "t(lang, \"", "tf(lang, \"", "t(ctx.lang, \"", "t('"] {
        let mut rest = text;
        while let Some(at) = rest.find(opener) {
            rest = &rest[at + opener.len()..];
            let end = rest.find(['"', '\'']).unwrap_or(0);
            let key = &rest[..end];
            if key.contains('.')
                && !key.ends_with('.')
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_')
            {
                keys.insert(key.to_string());
            }
        }
    }
    keys
}

#[test]
fn every_key_the_interface_uses_is_in_both_catalogs() {
    let used: BTreeSet<String> = sources().iter().flat_map(|s| literal_keys(s)).collect();
    assert!(
        used.len() > 60,
        "found only {} keys; the scan is broken",
        used.len()
    );
    for lang in Lang::ALL {
        let catalog = meridian_web::catalog(lang);
        let missing: Vec<&String> = used.iter().filter(|k| !catalog.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{lang:?} catalog lacks {missing:?}");
    }
}

#[test]
fn every_field_of_every_form_has_a_label_in_both_languages() {
    // Every field of every kind's schema (the forms draw from it), nested ones too.
    fn collect(fields: &[meridian_domain::schema::Field], names: &mut BTreeSet<String>) {
        use meridian_domain::schema::Widget;
        for field in fields {
            names.insert(field.name.to_string());
            if let Widget::Rows(sub) | Widget::Group(sub) = field.widget {
                collect(sub, names);
            }
        }
    }
    let mut names = BTreeSet::new();
    for kind in meridian_domain::RecordKind::ALL {
        collect(meridian_domain::schema::fields(*kind), &mut names);
    }
    assert!(names.len() > 80);
    for lang in Lang::ALL {
        let missing: Vec<_> = names
            .iter()
            .filter(|n| !meridian_web::catalog(lang).contains_key(&format!("field.{n}")))
            .collect();
        assert!(missing.is_empty(), "{lang:?} lacks labels for {missing:?}");
    }
}

#[test]
fn the_families_of_keys_built_at_run_time_are_complete() {
    let families: Vec<String> = ["draft", "submitted", "approved", "archived"]
        .iter()
        .map(|a| format!("approval.{a}"))
        .chain(
            ["submit", "approve", "return", "archive", "reopen"]
                .iter()
                .map(|s| format!("step.{s}")),
        )
        .chain(
            ["create", "update", "delete", "undelete", "restore"]
                .iter()
                .map(|a| format!("action.{a}")),
        )
        .chain(
            ["admin", "approver", "editor", "viewer"]
                .iter()
                .map(|r| format!("role.{r}")),
        )
        .chain(
            ["updated", "title", "created"]
                .iter()
                .map(|s| format!("sort.{s}")),
        )
        .chain(["zh", "en"].iter().map(|l| format!("form.missing_{l}")))
        .collect();
    for lang in Lang::ALL {
        for key in &families {
            assert!(
                meridian_web::catalog(lang).contains_key(key),
                "{lang:?} lacks {key}"
            );
        }
    }
}
