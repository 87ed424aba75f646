//! Reference data embedded in the binary: ISO 3166-1 countries with Chinese and English
//! names and continent, and the country groups the seeds name.
//! (Placeholder until the vendored data lands.)

use meridian_domain::{RecordId, ValidationContext};

/// The id a reference country group has in every database.
pub fn group_id(code: &str) -> RecordId {
    RecordId::named(&format!("country_group:{code}"))
}

/// Validation context backed by the embedded country list.
#[derive(Debug, Default, Clone, Copy)]
pub struct Reference;

impl ValidationContext for Reference {
    fn is_country(&self, code: &str) -> bool {
        code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase())
    }
}
