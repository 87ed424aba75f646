//! Storage contracts: small capability traits composed into `Store`, the stored-record and
//! history types, list queries and `StoreError`. No SQL; backends implement these.

mod batch;
mod error;
mod tokens;
mod traits;
mod types;
mod users;

pub use batch::{Batch, BatchOutcome, BatchSession, BatchUpdate, ExchangeStore, ImportMapping};
pub use error::{Referrer, StoreError};
pub use tokens::{ApiToken, NewApiToken, TokenStore};
pub use traits::{ArchiveStore, HistoryReader, RecordReader, RecordWriter, Store};
pub use types::*;
pub use users::{NewUnit, NewUser, SessionRecord, Unit, User, UserChange, UserStore};

pub type StoreResult<T> = Result<T, StoreError>;
