//! The vendored Unicode CLDR files (`vendor/cldr-48.2.0/`): embedding and parsing of
//! territory names, ISO 3166-1 code mappings and the UN M49 containment tree.

use serde::Deserialize;
use std::collections::HashMap;

const EN_TERRITORIES: &str =
    include_str!("../../vendor/cldr-48.2.0/cldr-localenames-full/main/en/territories.json");
const ZH_TERRITORIES: &str =
    include_str!("../../vendor/cldr-48.2.0/cldr-localenames-full/main/zh/territories.json");
const CODE_MAPPINGS: &str =
    include_str!("../../vendor/cldr-48.2.0/cldr-core/supplemental/codeMappings.json");
const CONTAINMENT: &str =
    include_str!("../../vendor/cldr-48.2.0/cldr-core/supplemental/territoryContainment.json");

/// Why the embedded files could not be read. Only a broken vendoring causes it; the tests
/// load the data, so a build that passes them never meets it.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CldrError {
    #[error("embedded CLDR file {file} is not valid: {source}")]
    Json {
        file: &'static str,
        source: serde_json::Error,
    },
    #[error("embedded CLDR data has no {what} for {code}")]
    Missing { what: &'static str, code: String },
}

#[derive(Deserialize)]
struct LocaleNamesFile {
    main: HashMap<String, LocaleBlock>,
}

#[derive(Deserialize)]
struct LocaleBlock {
    #[serde(rename = "localeDisplayNames")]
    display_names: DisplayNames,
}

#[derive(Deserialize)]
struct DisplayNames {
    territories: HashMap<String, String>,
}

#[derive(Deserialize)]
struct SupplementalFile<T> {
    supplemental: T,
}

#[derive(Deserialize)]
struct CodeMappingsBlock {
    #[serde(rename = "codeMappings")]
    code_mappings: HashMap<String, CodeMapping>,
}

#[derive(Deserialize)]
struct CodeMapping {
    #[serde(rename = "_alpha3")]
    alpha3: Option<String>,
    #[serde(rename = "_numeric")]
    numeric: Option<String>,
}

#[derive(Deserialize)]
struct ContainmentBlock {
    #[serde(rename = "territoryContainment")]
    territory_containment: HashMap<String, Container>,
}

#[derive(Deserialize)]
struct Container {
    #[serde(rename = "_contains")]
    contains: Vec<String>,
    #[serde(rename = "_grouping", default)]
    grouping: Option<String>,
}

/// One ISO 3166-1 country as CLDR describes it, before Meridian's overrides.
#[derive(Debug, Clone)]
pub(crate) struct CldrCountry {
    pub alpha2: String,
    pub alpha3: String,
    pub numeric: u16,
    pub name_en: String,
    pub name_zh: String,
    /// M49 regions containing the country, innermost first ("035", "142", "001").
    pub regions: Vec<String>,
}

fn parse<T: for<'de> Deserialize<'de>>(file: &'static str, text: &str) -> Result<T, CldrError> {
    serde_json::from_str(text).map_err(|source| CldrError::Json { file, source })
}

fn territory_names(file: &'static str, text: &str) -> Result<HashMap<String, String>, CldrError> {
    let names: LocaleNamesFile = parse(file, text)?;
    Ok(names
        .main
        .into_values()
        .next()
        .map(|block| block.display_names.territories)
        .unwrap_or_default())
}

/// Child to parent in the M49 tree. Groupings (EU, UN, "Latin America"...) and the
/// `*-status-deprecated` lists of withdrawn codes are left out, so every territory has one
/// parent and withdrawn codes have none.
fn m49_parents() -> Result<HashMap<String, String>, CldrError> {
    let file: SupplementalFile<ContainmentBlock> = parse("territoryContainment.json", CONTAINMENT)?;
    let mut parents = HashMap::new();
    for (parent, container) in file.supplemental.territory_containment {
        if parent.contains("-status-") || container.grouping.is_some() {
            continue;
        }
        for child in container.contains {
            parents.insert(child, parent.clone());
        }
    }
    Ok(parents)
}

/// Codes ISO 3166 leaves to users (AA, QM–QZ, XA–XZ, ZZ); CLDR gives some of them
/// (XK for Kosovo, QO for Outlying Oceania) a place in its tree.
fn is_user_assigned(code: &str) -> bool {
    code == "AA" || code == "ZZ" || code.starts_with('X') || ("QM"..="QZ").contains(&code)
}

fn is_alpha2(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// Every ISO 3166-1 country in the embedded CLDR, sorted by alpha-2 code: the two-letter
/// regions with alpha-3 and numeric codes that sit in the M49 tree and are not user-assigned.
pub(crate) fn countries() -> Result<Vec<CldrCountry>, CldrError> {
    let en = territory_names("en/territories.json", EN_TERRITORIES)?;
    let zh = territory_names("zh/territories.json", ZH_TERRITORIES)?;
    let codes: SupplementalFile<CodeMappingsBlock> = parse("codeMappings.json", CODE_MAPPINGS)?;
    let parents = m49_parents()?;
    let name = |names: &HashMap<String, String>, what, code: &str| {
        names.get(code).cloned().ok_or(CldrError::Missing {
            what,
            code: code.to_owned(),
        })
    };

    let mut countries = Vec::new();
    for (alpha2, mapping) in codes.supplemental.code_mappings {
        let (Some(alpha3), Some(numeric)) = (mapping.alpha3, mapping.numeric) else {
            continue;
        };
        if !is_alpha2(&alpha2) || is_user_assigned(&alpha2) || !parents.contains_key(&alpha2) {
            continue;
        }
        let numeric = numeric.parse().map_err(|_| CldrError::Missing {
            what: "numeric code",
            code: alpha2.clone(),
        })?;
        let mut regions = Vec::new();
        let mut at = &alpha2;
        while let Some(parent) = parents.get(at) {
            regions.push(parent.clone());
            at = parent;
        }
        countries.push(CldrCountry {
            name_en: name(&en, "English name", &alpha2)?,
            name_zh: name(&zh, "Chinese name", &alpha2)?,
            alpha2,
            alpha3,
            numeric,
            regions,
        });
    }
    countries.sort_by(|a, b| a.alpha2.cmp(&b.alpha2));
    Ok(countries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_files_yield_the_249_iso_countries() -> Result<(), CldrError> {
        let countries = countries()?;
        assert_eq!(countries.len(), 249);
        let cn = countries.iter().find(|c| c.alpha2 == "CN");
        let codes = cn.map(|c| (c.alpha3.as_str(), c.numeric, c.regions.join(" ")));
        assert_eq!(codes, Some(("CHN", 156, "030 142 001".to_owned())));
        Ok(())
    }

    #[test]
    fn withdrawn_and_user_assigned_codes_are_not_countries() -> Result<(), CldrError> {
        let countries = countries()?;
        for code in ["AN", "YU", "SU", "EU", "UN", "XK", "QO", "AA", "ZZ"] {
            assert!(countries.iter().all(|c| c.alpha2 != code), "{code}");
        }
        Ok(())
    }
}
