//! The clock sign-in uses for expiry and lockout, replaceable so tests can move time on,
//! and timestamps in the stored form (UTC RFC 3339 with microseconds, as records have).

use std::sync::Mutex;
use time::format_description::FormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

const FORMAT: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");

pub trait Clock: Send + Sync {
    fn now(&self) -> OffsetDateTime;
}

/// The system's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// A clock that stands still until moved: for tests of expiry and lockout.
#[derive(Debug)]
pub struct ManualClock(Mutex<OffsetDateTime>);

impl ManualClock {
    pub fn new(start: OffsetDateTime) -> Self {
        Self(Mutex::new(start))
    }

    /// Starts at the system's time.
    pub fn starting_now() -> Self {
        Self::new(OffsetDateTime::now_utc())
    }

    pub fn advance(&self, by: std::time::Duration) {
        let mut now = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> OffsetDateTime {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A time as stored. Fixed width, so stored times compare correctly as text.
pub(crate) fn stamp(at: OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC)
        .format(FORMAT)
        .unwrap_or_else(|_| "1970-01-01T00:00:00.000000Z".to_string())
}

/// A stored time read back; `None` if it is not in the stored form.
pub(crate) fn parse_stamp(text: &str) -> Option<OffsetDateTime> {
    PrimitiveDateTime::parse(text, FORMAT)
        .ok()
        .map(PrimitiveDateTime::assume_utc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn stamps_round_trip_and_order_as_text() {
        let clock = ManualClock::starting_now();
        let a = clock.now();
        clock.advance(Duration::from_millis(1500));
        let b = clock.now();
        assert!(stamp(a) < stamp(b));
        let back = parse_stamp(&stamp(a)).unwrap();
        assert_eq!(stamp(back), stamp(a));
        assert_eq!(parse_stamp("yesterday"), None);
    }
}
