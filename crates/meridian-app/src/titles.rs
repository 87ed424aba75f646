//! Titles for records whose own content has none worth showing (a membership, a
//! partnership, a reported figure): built from the records they link, in both languages.

use crate::App;
use meridian_domain::{LocalizedText, RecordBody, RecordId};
use meridian_store::StoredRecord;

fn join(a: &LocalizedText, sep: &str, b: &LocalizedText) -> LocalizedText {
    let part = |l: meridian_domain::Lang| match (a.display(l), b.display(l)) {
        (Some((x, _)), Some((y, _))) => Some(format!("{x}{sep}{y}")),
        _ => None,
    };
    LocalizedText::from_options(
        part(meridian_domain::Lang::Zh),
        part(meridian_domain::Lang::En),
    )
}

fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

impl App {
    async fn title_by_id(&self, id: RecordId) -> LocalizedText {
        match self.store.get(id).await {
            Ok(r) => Box::pin(self.title_of(&r)).await,
            Err(_) => LocalizedText::en(id.to_string()),
        }
    }

    /// The title to show for a record in lists and links.
    pub async fn title_of(&self, record: &StoredRecord) -> LocalizedText {
        match &record.body {
            RecordBody::Membership(m) => {
                let (a, b) = (
                    self.title_by_id(m.member).await,
                    self.title_by_id(m.organization).await,
                );
                join(&a, " — ", &b)
            }
            RecordBody::Partnership(p) => {
                let (a, b) = (
                    self.title_by_id(p.organization).await,
                    self.title_by_id(p.partner).await,
                );
                join(&a, " — ", &b)
            }
            RecordBody::Contact(c) => {
                let org = self.title_by_id(c.organization).await;
                join(&org, " · ", &c.office)
            }
            RecordBody::Figure(f) => {
                let indicator = self.title_by_id(f.indicator).await;
                let value = LocalizedText::new(number(f.value.value), number(f.value.value));
                join(&indicator, ": ", &value)
            }
            other => other.title(),
        }
    }
}
