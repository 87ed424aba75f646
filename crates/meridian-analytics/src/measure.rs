//! Counts and breakdowns over a [`Selection`]: how many, by year, by kind, by the type of
//! the organizations involved, by continent, by country group and by country; the partner
//! network; and gaps (countries of a group with nothing). Every page, headline, report and
//! API answer that shows such a figure calls these functions.
//!
//! A record naming several countries counts once under each of them, and once under each
//! continent or group it touches; so the buckets of those breakdowns may add up to more
//! than the total, which is always the number of distinct records.

use crate::intern::NONE;
use crate::select::Selection;
use crate::Analytics;
use meridian_domain::Code;
use meridian_domain::{LocalizedText, RecordId, RecordKind};
use serde::Serialize;
use std::collections::HashMap;

/// How many records, and how many were left out for their date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Count {
    pub value: u64,
    /// Selected but dated partly outside the window (see [`crate::select`]).
    pub uncertain: u64,
    /// Selected but without the date the window needs.
    pub undated: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Year,
    Kind,
    OrgType,
    Continent,
    CountryGroup,
    Country,
}

impl Dimension {
    pub const ALL: [Dimension; 6] = [
        Dimension::Year,
        Dimension::Kind,
        Dimension::OrgType,
        Dimension::Continent,
        Dimension::CountryGroup,
        Dimension::Country,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Year => "year",
            Dimension::Kind => "kind",
            Dimension::OrgType => "org_type",
            Dimension::Continent => "continent",
            Dimension::CountryGroup => "country_group",
            Dimension::Country => "country",
        }
    }

    pub fn parse(text: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bucket {
    /// A year, a kind, an organization type code, a continent code, a country group's
    /// record id or an ISO alpha-2 code.
    pub key: String,
    pub label: LocalizedText,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Breakdown {
    pub dimension: Dimension,
    pub total: Count,
    /// Years in order; other dimensions by count, largest first, then by key.
    pub buckets: Vec<Bucket>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkNode {
    pub id: RecordId,
    pub name: LocalizedText,
    pub org_type: String,
    /// Selected records the organization takes part in.
    pub records: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkLink {
    pub source: RecordId,
    pub target: RecordId,
    /// Selected records both take part in.
    pub records: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Network {
    pub nodes: Vec<NetworkNode>,
    pub links: Vec<NetworkLink>,
}

/// A member country of a group and how many selected records name it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    pub country: String,
    pub name: LocalizedText,
    pub records: u64,
}

/// Records linking more organizations than this add nodes but no links (a membership
/// list of 200 would otherwise add 20,000 links).
const MAX_LINKED_FOR_LINKS: usize = 12;

/// The civil date of a day number as (year, month, day): the inverse of `civil_day`
/// (H. Hinnant's `civil_from_days`).
pub fn date_of_day(day: i64) -> (i32, u32, u32) {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((yoe + era * 400 + i64::from(m <= 2)) as i32, m, d)
}

/// The calendar year of a day number.
pub fn year_of_day(day: i64) -> i32 {
    date_of_day(day).0
}

fn country_label(code: &str) -> LocalizedText {
    meridian_interop::reference::country(code)
        .map(|c| c.name.clone())
        .unwrap_or_else(|| LocalizedText::new(code, code))
}

/// What one thread of `Analytics::network`'s first pass gathers.
#[derive(Default)]
struct NetworkPart {
    weight: Vec<u64>,
    flat: Vec<u32>,
    ends: Vec<u32>,
    /// The row being read's organizations (reused).
    orgs: Vec<u32>,
}

impl Analytics {
    /// How many records the selection holds.
    pub fn count(&self, selection: &Selection) -> Count {
        let mut value = 0;
        let (uncertain, undated) = self.scan(selection, |_, _, _| value += 1);
        Count {
            value,
            uncertain,
            undated,
        }
    }

    /// How many distinct countries the selected records name.
    pub fn count_countries(&self, selection: &Selection) -> Count {
        let mut seen = vec![false; self.country_numbers.len()];
        let (uncertain, undated) = self.scan(selection, |_, table, row| {
            for c in table.countries.values(row) {
                seen[*c as usize] = true;
            }
        });
        Count {
            value: seen.iter().filter(|s| **s).count() as u64,
            uncertain,
            undated,
        }
    }

    /// The selected records' ids, at most `limit`, in table order.
    pub fn matching(&self, selection: &Selection, limit: usize) -> Vec<RecordId> {
        let mut ids = Vec::new();
        self.scan(selection, |_, table, row| {
            if ids.len() < limit {
                ids.push(table.ids[row]);
            }
        });
        ids
    }

    /// The selected records counted along one dimension.
    pub fn breakdown(&self, selection: &Selection, dimension: Dimension) -> Breakdown {
        // Rows are counted under numbers (a year, a kind's position, a symbol, a continent's
        // position, an entity, a country's position); strings are made for the buckets only.
        const UNKNOWN_YEAR: i64 = i64::MIN;
        let mut counts: HashMap<i64, u64> = HashMap::new();
        let mut total = 0;
        let date_field = selection
            .date_field
            .as_deref()
            .and_then(|f| self.symbols.get(f));
        let groups_of_country = self.groups_of_country();
        let countries = meridian_interop::reference::countries();
        let continent_of: Vec<i64> = countries
            .iter()
            .map(|c| {
                meridian_interop::reference::Continent::ALL
                    .iter()
                    .position(|k| *k == c.continent)
                    .unwrap_or(0) as i64
            })
            .collect();
        // The organization type of every entity that is an organization, looked up by
        // position rather than hashed for every link of every row.
        let org_type_of: Vec<u32> = if dimension == Dimension::OrgType {
            self.dense_org_types()
        } else {
            Vec::new()
        };
        let mut keys: Vec<i64> = Vec::new();
        let (uncertain, undated) = self.scan(selection, |kind, table, row| {
            total += 1;
            keys.clear();
            match dimension {
                Dimension::Year => {
                    let span = match date_field.and_then(|f| table.dates.get(&f)) {
                        Some(column) => column[row],
                        None if selection.date_field.is_some() => crate::Span::NONE,
                        None => table.main_date[row],
                    };
                    keys.push(if span.is_none() {
                        UNKNOWN_YEAR
                    } else {
                        i64::from(year_of_day(span.first))
                    });
                }
                Dimension::Kind => keys.push(kind as i64),
                Dimension::OrgType => {
                    if kind == RecordKind::Organization {
                        if let Some(org) = self
                            .entities
                            .get(&table.ids[row])
                            .and_then(|n| self.orgs.get(&n))
                        {
                            keys.push(i64::from(org.org_type_sym));
                        }
                    } else {
                        for column in table.links.values() {
                            for entity in column.values(row) {
                                let sym = org_type_of[*entity as usize];
                                if sym != NONE {
                                    let key = i64::from(sym);
                                    if !keys.contains(&key) {
                                        keys.push(key);
                                    }
                                }
                            }
                        }
                    }
                }
                Dimension::Continent => {
                    for c in table.countries.values(row) {
                        let key = continent_of[*c as usize];
                        if !keys.contains(&key) {
                            keys.push(key);
                        }
                    }
                }
                Dimension::CountryGroup => {
                    for c in table.countries.values(row) {
                        for group in &groups_of_country[*c as usize] {
                            let key = i64::from(*group);
                            if !keys.contains(&key) {
                                keys.push(key);
                            }
                        }
                    }
                }
                Dimension::Country => {
                    keys.extend(table.countries.values(row).iter().map(|c| i64::from(*c)));
                }
            }
            for key in keys.drain(..) {
                *counts.entry(key).or_default() += 1;
            }
        });
        let key_text = |key: i64| -> String {
            match dimension {
                Dimension::Year if key == UNKNOWN_YEAR => String::new(),
                Dimension::Year => key.to_string(),
                Dimension::Kind => RecordKind::ALL[key as usize].as_str().to_string(),
                Dimension::OrgType => self.symbols.value(key as u32).to_string(),
                Dimension::Continent => meridian_interop::reference::Continent::ALL[key as usize]
                    .as_str()
                    .to_string(),
                Dimension::CountryGroup => self.entities.value(key as u32).to_string(),
                Dimension::Country => countries[key as usize].alpha2.to_string(),
            }
        };
        let mut buckets: Vec<Bucket> = counts
            .into_iter()
            .map(|(key, count)| {
                let key = key_text(key);
                Bucket {
                    label: self.bucket_label(dimension, &key),
                    key,
                    count,
                }
            })
            .collect();
        match dimension {
            Dimension::Year => buckets.sort_by(|a, b| a.key.cmp(&b.key)),
            _ => buckets.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key))),
        }
        Breakdown {
            dimension,
            total: Count {
                value: total,
                uncertain,
                undated,
            },
            buckets,
        }
    }

    /// Per entity: its organization type's symbol, or `NONE` when it is no organization.
    fn dense_org_types(&self) -> Vec<u32> {
        let mut out = vec![NONE; self.entities.len()];
        for (e, info) in &self.orgs {
            out[*e as usize] = info.org_type_sym;
        }
        out
    }

    fn groups_of_country(&self) -> Vec<Vec<u32>> {
        let mut groups = vec![Vec::new(); self.country_numbers.len()];
        let mut held: Vec<(&u32, &crate::GroupInfo)> = self.groups.iter().collect();
        held.sort_by_key(|(n, _)| **n);
        for (group, info) in held {
            for c in &info.members {
                groups[*c as usize].push(*group);
            }
        }
        groups
    }

    /// The label of a breakdown key in both languages.
    pub fn bucket_label(&self, dimension: Dimension, key: &str) -> LocalizedText {
        match dimension {
            Dimension::Year if key.is_empty() => LocalizedText::new("日期不详", "Date unknown"),
            Dimension::Year => LocalizedText::new(format!("{key}年"), key),
            Dimension::Kind => RecordKind::parse(key)
                .map(|k| {
                    LocalizedText::new(
                        k.label(meridian_domain::Lang::Zh),
                        k.label(meridian_domain::Lang::En),
                    )
                })
                .unwrap_or_else(|| LocalizedText::new(key, key)),
            Dimension::OrgType => {
                <meridian_domain::records::OrgType as meridian_domain::Code>::parse(key)
                    .map(|t| {
                        LocalizedText::new(
                            t.label(meridian_domain::Lang::Zh),
                            t.label(meridian_domain::Lang::En),
                        )
                    })
                    .unwrap_or_else(|| LocalizedText::new(key, key))
            }
            Dimension::Continent => meridian_interop::reference::Continent::ALL
                .into_iter()
                .find(|c| c.as_str() == key)
                .map(|c| {
                    LocalizedText::new(
                        c.label(meridian_domain::Lang::Zh),
                        c.label(meridian_domain::Lang::En),
                    )
                })
                .unwrap_or_else(|| LocalizedText::new(key, key)),
            Dimension::CountryGroup => key
                .parse::<RecordId>()
                .ok()
                .and_then(|id| self.group_name(id).cloned())
                .unwrap_or_else(|| LocalizedText::new(key, key)),
            Dimension::Country => country_label(key),
        }
    }

    /// Organizations that take part in the selected records (as a link or as the owning
    /// unit), the `max_nodes` most involved, and how often each pair appears together.
    pub fn network(&self, selection: &Selection, max_nodes: usize) -> Network {
        // Two passes: weights per organization in a dense array, then pairs among the
        // `max_nodes` heaviest only (counting every pair would be the cost at scale).
        let is_org: Vec<bool> = self.dense_org_types().iter().map(|t| *t != NONE).collect();
        let orgs_of = |table: &crate::table::KindTable, row: usize, out: &mut Vec<u32>| {
            out.clear();
            out.extend(
                table
                    .linked
                    .values(row)
                    .iter()
                    .copied()
                    .filter(|e| is_org[*e as usize]),
            );
            if table.unit[row] != NONE && !out.contains(&table.unit[row]) {
                out.push(table.unit[row]);
            }
            out.sort_unstable();
            out.dedup();
        };
        // Per thread: weights, and each selected row's organizations one after another
        // (`ends` marks where each row's list stops), so the second pass reads flat arrays
        // instead of the tables.
        let (parts, _, _) = self.scan_parts(
            selection,
            || NetworkPart {
                weight: vec![0_u64; self.entities.len()],
                ..NetworkPart::default()
            },
            |part, _, table, row| {
                let NetworkPart {
                    weight,
                    flat,
                    ends,
                    orgs,
                } = part;
                orgs_of(table, row, orgs);
                for o in orgs.iter() {
                    weight[*o as usize] += 1;
                }
                if (2..=MAX_LINKED_FOR_LINKS).contains(&orgs.len()) {
                    flat.extend_from_slice(orgs);
                    ends.push(flat.len() as u32);
                }
            },
        );
        let mut weight = vec![0_u64; self.entities.len()];
        for part in &parts {
            for (total, w) in weight.iter_mut().zip(&part.weight) {
                *total += w;
            }
        }
        let mut orgs: Vec<u32> = Vec::new();
        let mut ranked: Vec<(u32, u64)> = weight
            .iter()
            .enumerate()
            .filter(|(_, w)| **w > 0)
            .map(|(e, w)| (e as u32, *w))
            .collect();
        ranked.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| self.entities.value(a.0).cmp(self.entities.value(b.0)))
        });
        ranked.truncate(max_nodes);
        let mut kept = vec![false; self.entities.len()];
        for (e, _) in &ranked {
            kept[*e as usize] = true;
        }
        let mut pairs: HashMap<(u32, u32), u64> = HashMap::new();
        for part in &parts {
            let mut start = 0_usize;
            for end in &part.ends {
                let end = *end as usize;
                orgs.clear();
                orgs.extend(
                    part.flat[start..end]
                        .iter()
                        .copied()
                        .filter(|o| kept[*o as usize]),
                );
                start = end;
                for (i, a) in orgs.iter().enumerate() {
                    for b in &orgs[i + 1..] {
                        *pairs.entry((*a, *b)).or_default() += 1;
                    }
                }
            }
        }
        let nodes = ranked
            .iter()
            .map(|(e, records)| {
                let info = &self.orgs[e];
                NetworkNode {
                    id: *self.entities.value(*e),
                    name: info.name.clone(),
                    org_type: info.org_type.clone(),
                    records: *records,
                }
            })
            .collect();
        let mut links: Vec<NetworkLink> = pairs
            .into_iter()
            .map(|((a, b), records)| NetworkLink {
                source: *self.entities.value(a),
                target: *self.entities.value(b),
                records,
            })
            .collect();
        links.sort_by(|a, b| {
            b.records
                .cmp(&a.records)
                .then_with(|| (a.source, a.target).cmp(&(b.source, b.target)))
        });
        Network { nodes, links }
    }

    /// Each member of `group` with how many selected records name it, countries with none
    /// first (then by name in English). Empty when the group is unknown.
    pub fn gaps(&self, selection: &Selection, group: RecordId) -> Vec<Gap> {
        let Some(info) = self.entities.get(&group).and_then(|g| self.groups.get(&g)) else {
            return Vec::new();
        };
        let mut per_country = vec![0_u64; self.country_numbers.len()];
        self.scan(selection, |_, table, row| {
            for c in table.countries.values(row) {
                per_country[*c as usize] += 1;
            }
        });
        let mut gaps: Vec<Gap> = info
            .members
            .iter()
            .map(|c| {
                let country = &meridian_interop::reference::countries()[*c as usize];
                Gap {
                    country: country.alpha2.to_string(),
                    name: country.name.clone(),
                    records: per_country[*c as usize],
                }
            })
            .collect();
        gaps.sort_by(|a, b| {
            (a.records > 0)
                .cmp(&(b.records > 0))
                .then_with(|| a.name.en.cmp(&b.name.en))
        });
        gaps
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use meridian_domain::civil_day;

    #[test]
    fn year_of_day_inverts_civil_day() {
        for (y, m, d) in [
            (1970, 1, 1),
            (2020, 2, 29),
            (2021, 12, 31),
            (1900, 3, 1),
            (2400, 1, 1),
        ] {
            assert_eq!(year_of_day(civil_day(y, m, d)), y, "{y}-{m}-{d}");
        }
        assert_eq!(year_of_day(civil_day(2021, 1, 1) - 1), 2020);
        assert_eq!(date_of_day(civil_day(2024, 2, 29)), (2024, 2, 29));
        assert_eq!(date_of_day(civil_day(2023, 12, 31)), (2023, 12, 31));
    }
}
