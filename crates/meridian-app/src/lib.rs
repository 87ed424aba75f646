//! Meridian's use cases, the one entry point for the CLI and the web: recording records
//! (validated against reference data, then stored with history), trash and restore, the
//! demo data, archives (export, backup, restore) and counts.

mod archive;
mod demo;
mod error;
mod records;

pub use archive::RestoreReport;
pub use demo::DemoReport;
pub use error::AppError;

use meridian_store::Store;
use std::sync::Arc;

pub type AppResult<T> = Result<T, AppError>;

/// The application: a handle on the store. Cheap to clone.
#[derive(Clone)]
pub struct App {
    store: Arc<dyn Store>,
}

impl App {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store }
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }
}
