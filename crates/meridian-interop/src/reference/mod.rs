//! Reference data embedded in the binary: the ISO 3166-1 countries with Chinese and English
//! names, continent and WHO region (from vendored Unicode CLDR 48.2.0 plus Meridian's own
//! facts), and the country groups the seeds name.

mod belt_and_road;
mod cldr;
mod countries;
mod groups;
mod members;
mod names;
mod who;

pub use countries::{countries, country, is_country, Continent, Country};
pub use groups::country_groups;
pub use names::{formal_english, NameOverride, NAME_OVERRIDES};
pub use who::{who_region, WhoRegion, WHO_ASSOCIATE_MEMBERS};

use meridian_domain::{RecordId, ValidationContext};

/// The id a reference country group has in every database.
pub fn group_id(code: &str) -> RecordId {
    RecordId::named(&format!("country_group:{code}"))
}

/// Whether IATI files may use `code` as a recipient country: every ISO 3166-1 code and the
/// user-assigned XK (Kosovo), which IATI's Country codelist includes.
pub fn is_iati_country(code: &str) -> bool {
    is_country(code) || code == "XK"
}

/// Validation context backed by the embedded country list.
#[derive(Debug, Default, Clone, Copy)]
pub struct Reference;

impl ValidationContext for Reference {
    fn is_country(&self, code: &str) -> bool {
        is_country(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_accepts_iso_codes_only() {
        assert!(Reference.is_country("CN"));
        assert!(!Reference.is_country("XK"));
        assert!(!Reference.is_country("QQ"));
        assert!(is_iati_country("XK"));
        assert!(is_iati_country("CN"));
        assert!(!is_iati_country("AN"));
    }

    #[test]
    fn group_ids_are_stable_per_code() {
        assert_eq!(group_id("asean"), group_id("asean"));
        assert_ne!(group_id("asean"), group_id("sco"));
    }
}
