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
    /// Where batch sessions (import runs) take their connection, when the backend keeps
    /// them apart (`with_session_pool`); else from `pool`.
    sessions: Option<SessionPool>,
    dialect: Dialect,
}

/// The connections batch sessions (import runs) use, kept apart so that they can carry
/// settings only sessions want, with what to run around each session.
#[derive(Clone)]
pub struct SessionPool {
    pub pool: AnyPool,
    /// Run on the session's connection when it starts, and before it commits.
    pub start: Option<&'static str>,
    pub end: Option<&'static str>,
    /// Run on the main pool, in the background, once a session has committed.
    pub after_commit: Option<&'static str>,
}

impl SqlStore {
    pub fn new(pool: AnyPool, dialect: Dialect) -> Self {
        Self {
            pool,
            sessions: None,
            dialect,
        }
    }

    /// Batch sessions take their connections from `sessions`.
    pub fn with_session_pool(mut self, sessions: SessionPool) -> Self {
        self.sessions = Some(sessions);
        self
    }

    /// A pool for `url` that opens its connections when first asked, each set up with
    /// `setup`.
    pub fn connect_lazy_with(
        url: &str,
        max_connections: u32,
        setup: &'static [&'static str],
    ) -> Result<AnyPool, sqlx::Error> {
        sqlx::any::install_default_drivers();
        Self::pool_options(max_connections, setup).connect_lazy(url)
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
        Self::pool_options(max_connections, setup)
            .connect(url)
            .await
    }

    fn pool_options(max_connections: u32, setup: &'static [&'static str]) -> AnyPoolOptions {
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
        self.begin_write_on(&self.pool).await
    }

    /// `begin_write` on a connection of `pool`.
    async fn begin_write_on(
        &self,
        pool: &AnyPool,
    ) -> Result<Transaction<'static, Any>, StoreError> {
        let mut tx = pool.begin().await.map_err(backend)?;
        if let Some(lock) = self.dialect.write_lock {
            sqlx::query(lock).execute(&mut *tx).await.map_err(backend)?;
        }
        Ok(tx)
    }
}

pub(crate) fn backend(e: sqlx::Error) -> StoreError {
    StoreError::Backend(e.to_string())
}
