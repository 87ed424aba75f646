//! Test helpers shared by every crate's tests: a throwaway database on either backend
//! (a temporary SQLite file, or a PostgreSQL schema of its own that is dropped afterwards)
//! and builders for valid records of every kind.

#![allow(clippy::expect_used, clippy::unwrap_used)]

pub mod builders;

use meridian_store::Store;
use std::sync::Arc;

/// The PostgreSQL server tests use; CI and the README's set-up provide it.
pub fn postgres_base_url() -> String {
    std::env::var("MERIDIAN_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database that exists for one test and is removed when dropped.
pub struct TestDb {
    pub url: String,
    pub backend: Backend,
    _dir: Option<tempfile::TempDir>,
    schema: Option<String>,
}

impl TestDb {
    /// An empty database URL (not yet migrated) on `backend`.
    pub async fn new(backend: Backend) -> TestDb {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary directory");
                let url = format!("sqlite://{}", dir.path().join("test.db").display());
                TestDb {
                    url,
                    backend,
                    _dir: Some(dir),
                    schema: None,
                }
            }
            Backend::Postgres => {
                let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
                let base = postgres_base_url();
                let pool = meridian_store_sql::SqlStore::connect(&base, 1)
                    .await
                    .unwrap_or_else(|e| {
                        panic!("PostgreSQL at {base} is needed for this test: {e}")
                    });
                sqlx::query(&format!("CREATE SCHEMA {schema}"))
                    .execute(&pool)
                    .await
                    .expect("create schema");
                pool.close().await;
                let sep = if base.contains('?') { '&' } else { '?' };
                let url = format!("{base}{sep}options=-c%20search_path%3D{schema}");
                TestDb {
                    url,
                    backend,
                    _dir: None,
                    schema: Some(schema),
                }
            }
        }
    }

    /// Makes the database itself refuse (with a trigger) any record whose content contains
    /// `marker`: a refusal no check of the application or the store foresees, for tests of
    /// what a write that fails in the database leaves. `open` the store first.
    pub async fn refuse_records_containing(&self, marker: &str) {
        let pattern = format!("%{}%", marker.replace('\'', "''"));
        let statements = match self.backend {
            Backend::Sqlite => vec![format!(
                "CREATE TRIGGER refuse_marked BEFORE INSERT ON records \
                 WHEN NEW.data LIKE '{pattern}' \
                 BEGIN SELECT RAISE(ABORT, 'refused by the test database'); END"
            )],
            Backend::Postgres => vec![
                format!(
                    "CREATE FUNCTION refuse_marked() RETURNS trigger LANGUAGE plpgsql AS $$ \
                     BEGIN IF NEW.data LIKE '{pattern}' THEN \
                     RAISE EXCEPTION 'refused by the test database'; END IF; \
                     RETURN NEW; END $$"
                ),
                "CREATE TRIGGER refuse_marked BEFORE INSERT ON records \
                 FOR EACH ROW EXECUTE FUNCTION refuse_marked()"
                    .to_string(),
            ],
        };
        let pool = meridian_store_sql::SqlStore::connect(&self.url, 1)
            .await
            .expect("connect to the test database");
        for sql in &statements {
            sqlx::Executor::execute(&pool, sql.as_str())
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}"));
        }
        pool.close().await;
    }

    /// Opens (and migrates) the store, as the binary would.
    pub async fn open(&self) -> Arc<dyn Store> {
        let store = match self.backend {
            Backend::Sqlite => meridian_store_sqlite::open(&self.url).await,
            Backend::Postgres => meridian_store_postgres::open(&self.url).await,
        };
        Arc::new(store.expect("open test database"))
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some(schema) = self.schema.take() else {
            return;
        };
        // Drop may run inside a runtime; clean up on a thread of its own.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async {
                if let Ok(pool) =
                    meridian_store_sql::SqlStore::connect(&postgres_base_url(), 1).await
                {
                    let _ = sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
                        .execute(&pool)
                        .await;
                    pool.close().await;
                }
            });
        })
        .join();
    }
}

/// Runs an async test body once per backend: `both_backends!(name, |db| async move { .. })`.
#[macro_export]
macro_rules! both_backends {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                let db = $crate::TestDb::new($crate::Backend::Sqlite).await;
                ($body)(db).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_postgres() {
                let db = $crate::TestDb::new($crate::Backend::Postgres).await;
                ($body)(db).await;
            }
        }
    };
}

/// `<iati-activity>` start tags in an IATI file, counted in its bytes (not by the reader
/// under test), to check what an import reports against the file itself.
pub fn count_iati_activities(bytes: &[u8]) -> usize {
    let needle = b"<iati-activity";
    bytes
        .windows(needle.len() + 1)
        .filter(|w| {
            w.starts_with(needle)
                && matches!(w[needle.len()], b'>' | b' ' | b'/' | b'\n' | b'\r' | b'\t')
        })
        .count()
}

/// A path in the shared third-party data (`../shared/data` beside the project folder): from
/// `MERIDIAN_SHARED_DATA` if set, else the first `shared/data` found beside the checkout or
/// any folder above it, so a clone anywhere under the workplace finds it.
pub fn shared_data(path: &str) -> std::path::PathBuf {
    let dir = match std::env::var("MERIDIAN_SHARED_DATA") {
        Ok(dir) => std::path::PathBuf::from(dir),
        Err(_) => std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .ancestors()
            .flat_map(|a| [a.join("shared/data"), a.join("../shared/data")])
            .find(|p| p.join("iati-activities").is_dir())
            .unwrap_or_else(|| std::path::PathBuf::from("/work/shared/data")),
    };
    dir.join(path)
}
