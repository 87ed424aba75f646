//! IATI activity XML in and out. Export (`iati/export.rs`) writes projects and programmes,
//! aid deployments and in-kind cooperation (activities of those kinds, hospitals built with
//! aid) as IATI 2.03 activities, streaming; import (`iati/import.rs`) reads IATI 1.0x and
//! 2.0x files into projects and organizations, all or nothing. The rules (identifiers,
//! dates, codes) are in docs/iati.md.

mod export;
mod import;
mod map;
mod resolve;

pub use export::IatiExportOptions;
pub use import::{IatiImportReport, IatiInput, SkippedActivity};

/// Whether a file is taken as an IATI activity file: by its name (`.xml`, any case), as
/// `meridian import` and the import page both decide.
pub fn is_iati_file(name: &str) -> bool {
    std::path::Path::new(name)
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("xml"))
}
