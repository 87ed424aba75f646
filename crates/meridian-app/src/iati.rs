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
pub use import::{IatiImportReport, SkippedActivity};
