//! The PostgreSQL backend: connects, applies this crate's migrations, and hands back the
//! shared SQL store.

use meridian_store_sql::{Dialect, SqlStore};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Whether a database URL selects this backend.
pub fn handles(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// Opens the database at `url`, migrating it to the latest schema.
pub async fn open(url: &str) -> Result<SqlStore, sqlx::Error> {
    let pool = SqlStore::connect(url, 8).await?;
    MIGRATOR.run(&pool).await?;
    Ok(SqlStore::new(pool, Dialect::POSTGRES))
}
