//! The one SQL implementation of Meridian's storage traits. It speaks to SQLite and
//! PostgreSQL through sqlx's Any driver with portable SQL; the few differences (write
//! locking) live in `Dialect`. Backend crates own connection setup and migrations.

mod archive;
mod batch;
mod bulk;
mod clock;
mod dialect;
mod exchange;
mod read;
mod refs;
mod rows;
mod tokens;
mod users;
mod write;

pub use dialect::Dialect;

use meridian_store::StoreError;
use sqlx::any::AnyPoolOptions;
use sqlx::{Any, AnyPool, Transaction};

/// A store over an Any pool. Cheap to clone.
#[derive(Clone)]
pub struct SqlStore {
    pool: AnyPool,
    dialect: Dialect,
}

impl SqlStore {
    pub fn new(pool: AnyPool, dialect: Dialect) -> Self {
        Self { pool, dialect }
    }

    /// Opens an Any pool for `url` (drivers are installed on first use).
    pub async fn connect(url: &str, max_connections: u32) -> Result<AnyPool, sqlx::Error> {
        Self::connect_with(url, max_connections, &[]).await
    }

    /// `connect`, running `setup` (per-connection settings) on every new connection.
    pub async fn connect_with(
        url: &str,
        max_connections: u32,
        setup: &'static [&'static str],
    ) -> Result<AnyPool, sqlx::Error> {
        sqlx::any::install_default_drivers();
        AnyPoolOptions::new()
            .max_connections(max_connections)
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    for sql in setup {
                        sqlx::Executor::execute(&mut *conn, *sql).await?;
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// Starts a transaction that will write, taking the dialect's write lock first so
    /// that what it reads stays true until it commits.
    async fn begin_write(&self) -> Result<Transaction<'static, Any>, StoreError> {
        let mut tx = self.pool.begin().await.map_err(backend)?;
        if let Some(lock) = self.dialect.write_lock {
            sqlx::query(lock).execute(&mut *tx).await.map_err(backend)?;
        }
        Ok(tx)
    }
}

pub(crate) fn backend(e: sqlx::Error) -> StoreError {
    StoreError::Backend(e.to_string())
}
