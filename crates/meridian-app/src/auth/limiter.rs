//! Sign-in attempts per client address, as a token bucket held in memory: each address
//! may try `attempts` times at once, and earns attempts back evenly over `window` (10 a
//! minute by default). IPv6 addresses count per /64, the block one household or server
//! usually gets. The table is pruned of addresses back at full allowance once it grows
//! past `MAX_TRACKED`, so it stays small. It is per process: behind several processes
//! each limits on its own, and the per-user lockout in the database still holds.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Duration;
use time::OffsetDateTime;

const MAX_TRACKED: usize = 10_000;

struct Bucket {
    tokens: f64,
    at: OffsetDateTime,
}

pub(crate) struct Limiter {
    capacity: f64,
    per_second: f64,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

/// The address attempts are counted under.
fn key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let prefix = u128::from(v6) & !((1u128 << 64) - 1);
                IpAddr::V6(prefix.into())
            }
        },
    }
}

impl Limiter {
    pub(crate) fn new(attempts: u32, window: Duration) -> Self {
        let capacity = f64::from(attempts.max(1));
        Self {
            capacity,
            per_second: capacity / window.as_secs_f64().max(0.001),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    fn refilled(&self, bucket: &Bucket, now: OffsetDateTime) -> f64 {
        let elapsed = (now - bucket.at).as_seconds_f64().max(0.0);
        (bucket.tokens + elapsed * self.per_second).min(self.capacity)
    }

    /// Takes one attempt for `ip`, or tells how many seconds until the next is allowed.
    pub(crate) fn take(&self, ip: IpAddr, now: OffsetDateTime) -> Result<(), u64> {
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() >= MAX_TRACKED {
            buckets.retain(|_, b| self.refilled(b, now) < self.capacity);
        }
        let bucket = buckets.entry(key(ip)).or_insert(Bucket {
            tokens: self.capacity,
            at: now,
        });
        let tokens = self.refilled(bucket, now);
        if tokens < 1.0 {
            bucket.tokens = tokens;
            bucket.at = now;
            return Err(((1.0 - tokens) / self.per_second).ceil().max(1.0) as u64);
        }
        bucket.tokens = tokens - 1.0;
        bucket.at = now;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_attempts_a_minute_then_one_every_six_seconds() {
        let limiter = Limiter::new(10, Duration::from_secs(60));
        let ip: IpAddr = "192.0.2.7".parse().unwrap();
        let start = OffsetDateTime::now_utc();
        for _ in 0..10 {
            assert_eq!(limiter.take(ip, start), Ok(()));
        }
        assert_eq!(limiter.take(ip, start), Err(6));
        let other: IpAddr = "192.0.2.8".parse().unwrap();
        assert_eq!(limiter.take(other, start), Ok(()), "addresses count apart");
        let later = start + Duration::from_secs(6);
        assert_eq!(limiter.take(ip, later), Ok(()));
        assert!(limiter.take(ip, later).is_err());
    }

    #[test]
    fn ipv6_addresses_count_per_64() {
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(key(a), key(b));
        assert_ne!(key(a), key(c));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(key(mapped), "192.0.2.7".parse::<IpAddr>().unwrap());
    }
}
