//! Bytes to domain and back: embedded reference data (countries, country groups) and the
//! versioned JSON archive layout. No database, no HTTP.

pub mod archive;
pub mod reference;
