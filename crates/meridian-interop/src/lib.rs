//! Bytes to domain and back: embedded reference data (countries, country groups), the
//! versioned JSON archive layout and IATI activity XML. No database, no HTTP.

pub mod archive;
pub mod iati;
pub mod reference;
pub mod tabular;
