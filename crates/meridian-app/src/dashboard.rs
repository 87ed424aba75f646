//! What a signed-in user's home page shows: items waiting for approval, drafts not yet
//! submitted, agreements expiring and designations falling due within a window.

use crate::{App, AppResult};
use meridian_domain::{Approval, PartialDate, RecordBody, RecordKind};
use meridian_store::{ListQuery, StoredRecord};

/// A record with the date that puts it on the list.
#[derive(Debug, Clone)]
pub struct Due {
    pub record: StoredRecord,
    pub date: PartialDate,
}

/// Today's date in UTC.
pub fn today() -> PartialDate {
    let now = time::OffsetDateTime::now_utc();
    PartialDate::day(now.year(), u8::from(now.month()) as u32, now.day() as u32)
}

/// Whether `date` falls between `today` and `today + within_days`.
pub fn falls_due(date: &PartialDate, today: &PartialDate, within_days: i64) -> bool {
    let delta = date.last_day() - today.last_day();
    (0..=within_days).contains(&delta)
}

impl App {
    pub async fn records_in_state(
        &self,
        approval: Approval,
        limit: u32,
    ) -> AppResult<Vec<StoredRecord>> {
        let query = ListQuery {
            approval: Some(approval),
            limit,
            ..ListQuery::default()
        };
        Ok(self.store.list(&query).await?.items)
    }

    /// Agreements whose expiry and centres whose designation term end within `within_days`.
    pub async fn due_within(&self, today: &PartialDate, within_days: i64) -> AppResult<Vec<Due>> {
        let mut due = Vec::new();
        for kind in [RecordKind::Agreement, RecordKind::Centre] {
            let query = ListQuery {
                limit: u32::MAX,
                ..ListQuery::kind(kind)
            };
            for record in self.store.list(&query).await?.items {
                let date = match &record.body {
                    RecordBody::Agreement(a) => a.expires,
                    RecordBody::Centre(c) => c.term_ends,
                    _ => None,
                };
                if let Some(date) = date.filter(|d| falls_due(d, today, within_days)) {
                    due.push(Due { record, date });
                }
            }
        }
        due.sort_by_key(|d| d.date.last_day());
        Ok(due)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_fall_due_inside_the_window_only() {
        let today = PartialDate::day(2026, 11, 23);
        assert!(falls_due(&PartialDate::day(2027, 5, 1), &today, 180));
        assert!(!falls_due(&PartialDate::day(2027, 6, 1), &today, 180));
        assert!(!falls_due(&PartialDate::day(2026, 11, 22), &today, 180));
        // A month-precision date is due until its last day.
        assert!(falls_due(&PartialDate::month(2026, 11), &today, 180));
    }
}
