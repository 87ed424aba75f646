//! Storage contracts: small capability traits composed into `Store`, the stored-record and
//! history types, list queries and `StoreError`. No SQL; backends implement these.

mod error;
mod traits;
mod types;
mod users;

pub use error::{Referrer, StoreError};
pub use traits::{ArchiveStore, HistoryReader, RecordReader, RecordWriter, Store};
pub use types::*;
pub use users::{NewUnit, NewUser, SessionRecord, Unit, User, UserChange, UserStore};

pub type StoreResult<T> = Result<T, StoreError>;
