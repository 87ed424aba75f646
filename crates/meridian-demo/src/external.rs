//! Records the dataset may link to but does not hold: the reference country groups, which
//! are loaded from reference data (`meridian_interop::reference`) before the demo records.

use meridian_domain::RecordKind;
use meridian_interop::reference::country_groups;
use std::sync::OnceLock;

/// Every key the dataset may reference without holding it (`country_group:<code>`), in the
/// reference data's order.
pub fn external_keys() -> Vec<String> {
    keys().to_vec()
}

fn keys() -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        country_groups()
            .iter()
            .map(|g| format!("country_group:{}", g.code))
            .collect()
    })
}

/// The kind of an external record, if `key` names one.
pub fn external_kind(key: &str) -> Option<RecordKind> {
    keys()
        .iter()
        .any(|k| k == key)
        .then_some(RecordKind::CountryGroup)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_group_the_seeds_name_is_external() {
        let codes = [
            "asean",
            "sco",
            "brics",
            "g20",
            "celac",
            "african_union",
            "eu",
            "gms",
            "lancang_mekong",
            "portuguese_speaking",
            "belt_and_road",
            "carec",
            "china_asean",
            "asean_plus_three",
            "china_japan_rok",
            "apec",
            "china_ceec",
            "focac",
            "china_arab_forum",
            "china_celac_forum",
            "who_afro",
            "who_amro",
            "who_searo",
            "who_euro",
            "who_emro",
            "who_wpro",
        ];
        for code in codes {
            let key = format!("country_group:{code}");
            assert_eq!(external_kind(&key), Some(RecordKind::CountryGroup), "{key}");
        }
    }

    #[test]
    fn nothing_else_is_external() {
        assert_eq!(external_kind("country_group:atlantis"), None);
        assert_eq!(external_kind("org:who"), None);
    }
}
