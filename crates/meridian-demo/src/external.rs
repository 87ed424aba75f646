//! Records the dataset may link to but does not hold: the reference country groups, which
//! are loaded from reference data before the demonstration records.

use meridian_domain::RecordKind;

/// Codes of the reference country groups (`country_group:<code>`).
pub const COUNTRY_GROUP_CODES: &[&str] = &[
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

/// Every key the dataset may reference without holding it, in a stable order.
pub fn external_keys() -> Vec<String> {
    COUNTRY_GROUP_CODES
        .iter()
        .map(|code| format!("country_group:{code}"))
        .collect()
}

/// The kind of an external record, if `key` names one.
pub fn external_kind(key: &str) -> Option<RecordKind> {
    let code = key.strip_prefix("country_group:")?;
    COUNTRY_GROUP_CODES
        .contains(&code)
        .then_some(RecordKind::CountryGroup)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_listed_country_groups_are_external() {
        assert_eq!(external_kind("country_group:gms"), Some(RecordKind::CountryGroup));
        assert_eq!(external_kind("country_group:atlantis"), None);
        assert_eq!(external_kind("org:who"), None);
        assert_eq!(external_keys().len(), COUNTRY_GROUP_CODES.len());
    }
}
