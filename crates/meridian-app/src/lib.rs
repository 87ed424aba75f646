//! Meridian's use cases, the one entry point for the CLI and the web: recording records
//! (validated against reference data, then stored with history), trash and restore, the
//! demo data, archives (export, backup, restore) and counts.

mod archive;
mod auth;
mod batch_run;
mod dashboard;
mod demo;
mod duplicates;
mod error;
mod export;
mod figures;
mod find;
mod iati;
mod import;
mod records;
mod reports;
mod search;
mod titles;
mod workflow;

pub use archive::RestoreReport;
pub use auth::{
    csrf_matches, AddUser, AuthConfig, Clock, ManualClock, NewToken, Session, SignedIn,
    SystemClock, UnitInfo, UserEdit, UserInfo, TOKEN_PREFIX,
};
pub use dashboard::{falls_due, today, Due};
pub use demo::DemoReport;
pub use error::AppError;
pub use export::TableFormat;
pub use find::{RecordFilter, Sort, StatusCounts};
pub use iati::{is_iati_file, IatiExportOptions, IatiImportReport, IatiInput, SkippedActivity};
pub use import::{ImportOptions, ImportProblem, ImportReport, Progress, Severity};
pub use meridian_analytics as analytics;
pub use meridian_search::{Hit, SearchIndex, SearchQuery, SearchResults};
pub use reports::{progress_document, progress_workbook, summary_sentence, ReportFormat};
pub use workflow::Transition;

use meridian_store::Store;
use std::sync::Arc;

pub type AppResult<T> = Result<T, AppError>;

/// The application: a handle on the store. Cheap to clone.
#[derive(Clone)]
pub struct App {
    store: Arc<dyn Store>,
    auth: Arc<auth::AuthState>,
    search: Option<Arc<search::Indexer>>,
    figures: Arc<figures::Figures>,
}

impl App {
    pub fn new(store: Arc<dyn Store>) -> Self {
        let auth = auth::AuthState::new(auth::AuthConfig::default(), Arc::new(SystemClock));
        Self {
            store,
            auth: Arc::new(auth),
            search: None,
            figures: Arc::default(),
        }
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }
}
