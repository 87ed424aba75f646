//! Duplicate warning: a new organization whose name, alias or acronym matches an existing
//! one in either language (ignoring case, spaces and punctuation).

use crate::{App, AppResult};
use meridian_domain::records::Organization;
use meridian_domain::{RecordBody, RecordId, RecordKind};
use meridian_store::{ListQuery, StoredRecord};

/// Lowercase letters and digits only, so "China-Japan Friendship Hospital" and
/// "china japan friendship hospital" compare equal; Chinese characters are kept.
pub fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn names(org: &Organization) -> Vec<String> {
    org.name
        .texts()
        .chain(org.aliases.iter().flat_map(|a| a.texts()))
        .chain(org.acronyms.iter().map(String::as_str))
        .map(normalize)
        .filter(|n| n.chars().count() >= 2)
        .collect()
}

impl App {
    /// Existing organizations (other than `except`) sharing a name, alias or acronym with
    /// `org`, each with the name they share.
    pub async fn similar_organizations(
        &self,
        org: &Organization,
        except: Option<RecordId>,
    ) -> AppResult<Vec<(StoredRecord, String)>> {
        let wanted = names(org);
        let query = ListQuery {
            limit: u32::MAX,
            ..ListQuery::kind(RecordKind::Organization)
        };
        let mut found = Vec::new();
        for record in self.store.list(&query).await?.items {
            if Some(record.id) == except {
                continue;
            }
            let RecordBody::Organization(existing) = &record.body else {
                continue;
            };
            let shared = existing
                .name
                .texts()
                .chain(existing.aliases.iter().flat_map(|a| a.texts()))
                .chain(existing.acronyms.iter().map(String::as_str))
                .find(|n| wanted.contains(&normalize(n)))
                .map(String::from);
            if let Some(name) = shared {
                found.push((record, name));
            }
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_without_case_spaces_or_punctuation() {
        assert_eq!(
            normalize("China-Japan Friendship Hospital"),
            normalize("china japan  friendship hospital")
        );
        assert_eq!(normalize("中日友好医院"), "中日友好医院");
    }
}
