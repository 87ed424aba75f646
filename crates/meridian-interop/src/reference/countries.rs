//! The ISO 3166-1 country list: codes, bilingual names, continent and WHO region, built
//! once from the embedded CLDR files, the name overrides and the WHO mapping.

use super::cldr::{self, CldrCountry, CldrError};
use super::names::{chinese_name, english_name};
use super::who::{who_region, WhoRegion};
use meridian_domain::{Code, Lang, LocalizedText};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// An ISO 3166-1 country or territory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 ("CN").
    pub alpha2: String,
    /// ISO 3166-1 alpha-3 ("CHN").
    pub alpha3: String,
    /// ISO 3166-1 numeric (156).
    pub numeric: u16,
    pub name: LocalizedText,
    pub continent: Continent,
    /// Set for WHO member states only.
    pub who_region: Option<WhoRegion>,
}

/// Continents, following UN M49 (CLDR containment) with the Americas split into North
/// America (Northern America, Central America, the Caribbean) and South America.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Continent {
    Africa,
    Asia,
    Europe,
    NorthAmerica,
    SouthAmerica,
    Oceania,
    Antarctica,
}

impl Continent {
    pub const ALL: [Continent; 7] = [
        Continent::Africa,
        Continent::Asia,
        Continent::Europe,
        Continent::NorthAmerica,
        Continent::SouthAmerica,
        Continent::Oceania,
        Continent::Antarctica,
    ];

    /// Stable snake_case code ("north_america").
    pub fn as_str(self) -> &'static str {
        match self {
            Continent::Africa => "africa",
            Continent::Asia => "asia",
            Continent::Europe => "europe",
            Continent::NorthAmerica => "north_america",
            Continent::SouthAmerica => "south_america",
            Continent::Oceania => "oceania",
            Continent::Antarctica => "antarctica",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Continent::Africa, Lang::Zh) => "非洲",
            (Continent::Africa, Lang::En) => "Africa",
            (Continent::Asia, Lang::Zh) => "亚洲",
            (Continent::Asia, Lang::En) => "Asia",
            (Continent::Europe, Lang::Zh) => "欧洲",
            (Continent::Europe, Lang::En) => "Europe",
            (Continent::NorthAmerica, Lang::Zh) => "北美洲",
            (Continent::NorthAmerica, Lang::En) => "North America",
            (Continent::SouthAmerica, Lang::Zh) => "南美洲",
            (Continent::SouthAmerica, Lang::En) => "South America",
            (Continent::Oceania, Lang::Zh) => "大洋洲",
            (Continent::Oceania, Lang::En) => "Oceania",
            (Continent::Antarctica, Lang::Zh) => "南极洲",
            (Continent::Antarctica, Lang::En) => "Antarctica",
        }
    }

    /// The continent an M49 region code stands for, if it is one of the regions that
    /// decide it (Africa 002, Asia 142, Europe 150, Oceania 009, South America 005, and
    /// the three parts of North America 021, 013, 029).
    fn from_m49(region: &str) -> Option<Continent> {
        Some(match region {
            "002" => Continent::Africa,
            "142" => Continent::Asia,
            "150" => Continent::Europe,
            "009" => Continent::Oceania,
            "005" => Continent::SouthAmerica,
            "021" | "013" | "029" => Continent::NorthAmerica,
            _ => return None,
        })
    }
}

impl Code for Continent {
    const LIST: &'static str = "continent";

    fn all() -> &'static [Self] {
        &Self::ALL
    }

    fn as_str(&self) -> &'static str {
        Continent::as_str(*self)
    }

    fn label(&self, lang: Lang) -> &'static str {
        Continent::label(*self, lang)
    }
}

fn continent(country: &CldrCountry) -> Result<Continent, CldrError> {
    // M49 files Antarctica under "Outlying Oceania"; it is a continent of its own.
    if country.alpha2 == "AQ" {
        return Ok(Continent::Antarctica);
    }
    country
        .regions
        .iter()
        .find_map(|r| Continent::from_m49(r))
        .ok_or(CldrError::Missing {
            what: "continent",
            code: country.alpha2.clone(),
        })
}

fn build() -> Result<Vec<Country>, CldrError> {
    cldr::countries()?
        .into_iter()
        .map(|c| {
            Ok(Country {
                name: LocalizedText::new(
                    chinese_name(&c.alpha2, &c.name_zh),
                    english_name(&c.alpha2, &c.name_en),
                ),
                continent: continent(&c)?,
                who_region: who_region(&c.alpha2),
                alpha2: c.alpha2,
                alpha3: c.alpha3,
                numeric: c.numeric,
            })
        })
        .collect()
}

// The input is compiled into the binary, so a parse failure is a packaging defect that every
// test run would reveal (`countries_load_from_the_embedded_data` below), never a condition a
// running system can meet or recover from.
#[allow(clippy::expect_used)]
static COUNTRIES: LazyLock<Vec<Country>> =
    LazyLock::new(|| build().expect("embedded CLDR reference data is valid"));

/// Every ISO 3166-1 country (249), sorted by alpha-2 code.
pub fn countries() -> &'static [Country] {
    &COUNTRIES
}

/// The country with this ISO 3166-1 alpha-2 code (exact, uppercase).
pub fn country(alpha2: &str) -> Option<&'static Country> {
    let all = countries();
    all.binary_search_by(|c| c.alpha2.as_str().cmp(alpha2))
        .ok()
        .map(|i| &all[i])
}

/// Whether `alpha2` is an ISO 3166-1 alpha-2 code (exact, uppercase). Strict: the
/// user-assigned XK (Kosovo) is not; see [`super::is_iati_country`].
pub fn is_country(alpha2: &str) -> bool {
    country(alpha2).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_load_from_the_embedded_data() -> Result<(), CldrError> {
        assert_eq!(build()?.len(), 249);
        Ok(())
    }

    #[test]
    fn lookups_are_exact() {
        assert_eq!(country("CN").map(|c| c.alpha3.as_str()), Some("CHN"));
        assert!(is_country("KH"));
        assert!(!is_country("cn"));
        assert!(!is_country("XK"));
        assert!(!is_country(""));
    }

    #[test]
    fn continents_follow_m49_with_the_americas_split() {
        let of = |code| country(code).map(|c| c.continent);
        assert_eq!(of("MX"), Some(Continent::NorthAmerica));
        assert_eq!(of("PA"), Some(Continent::NorthAmerica));
        assert_eq!(of("JM"), Some(Continent::NorthAmerica));
        assert_eq!(of("BR"), Some(Continent::SouthAmerica));
        assert_eq!(of("RU"), Some(Continent::Europe));
        assert_eq!(of("TR"), Some(Continent::Asia));
        assert_eq!(of("AQ"), Some(Continent::Antarctica));
        assert_eq!(of("FJ"), Some(Continent::Oceania));
    }

    #[test]
    fn continent_codes_parse_back() {
        for continent in Continent::ALL {
            assert_eq!(
                <Continent as Code>::parse(continent.as_str()),
                Some(continent)
            );
        }
    }
}
