//! What every bench binary needs: a store opened from a URL (SQLite or PostgreSQL) and the
//! process's resident memory read from /proc. Included by each bench with `mod common;`.

// Each bench uses some of these.
#![allow(dead_code, clippy::expect_used)]

use meridian_store::Store;
use std::sync::Arc;

/// Opens the store a `sqlite://` or `postgres://` URL names.
pub async fn open(url: &str) -> Arc<dyn Store> {
    if url.starts_with("postgres") {
        Arc::new(
            meridian_store_postgres::open(url)
                .await
                .expect("open postgres"),
        )
    } else {
        Arc::new(meridian_store_sqlite::open(url).await.expect("open sqlite"))
    }
}

/// The process's peak resident memory so far, in MiB.
pub fn peak_rss_mib() -> f64 {
    proc_status_mib("VmHWM:")
}

/// The process's resident memory now, in MiB.
pub fn rss_mib() -> f64 {
    proc_status_mib("VmRSS:")
}

fn proc_status_mib(key: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}
