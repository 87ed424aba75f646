//! The starting list of Belt and Road partner countries (`belt_and_road` group).
//!
//! A starting list, not an authoritative one: written from the published list of countries
//! that have signed Belt and Road cooperation documents with China (about 150 countries by
//! 2023), updated for the changes below. No machine-readable official list exists, so the
//! group ships as an editable record: an administration corrects it to its own list. China
//! itself, as the initiator, and Hong Kong and Macao, which are part of China, are not
//! members.
//!
//! Changes applied on top of the 2023 list:
//! - Italy left (December 2023) and Panama left (February 2025): not listed;
//! - Colombia joined (May 2025): listed.

/// ISO 3166-1 alpha-2 codes, by continent, each line sorted.
pub(crate) const BELT_AND_ROAD: &[&str] = &[
    // Africa (52: every African state with diplomatic relations with China but Mauritius).
    "AO", "BF", "BI", "BJ", "BW", "CD", "CF", "CG", "CI", "CM", "CV", "DJ", "DZ", "EG", "ER", "ET",
    "GA", "GH", "GM", "GN", "GQ", "GW", "KE", "KM", "LR", "LS", "LY", "MA", "MG", "ML", "MR", "MW",
    "MZ", "NA", "NE", "NG", "RW", "SC", "SD", "SL", "SN", "SO", "SS", "ST", "TD", "TG", "TN", "TZ",
    "UG", "ZA", "ZM", "ZW", // Asia (38).
    "AE", "AF", "AM", "AZ", "BD", "BH", "BN", "GE", "ID", "IQ", "IR", "KG", "KH", "KR", "KW", "KZ",
    "LA", "LB", "LK", "MM", "MN", "MV", "MY", "NP", "OM", "PH", "PK", "QA", "SA", "SG", "SY", "TH",
    "TJ", "TL", "TR", "UZ", "VN", "YE", // Europe (26).
    "AL", "AT", "BA", "BG", "BY", "CY", "CZ", "EE", "GR", "HR", "HU", "LT", "LU", "LV", "MD", "ME",
    "MK", "MT", "PL", "PT", "RO", "RS", "RU", "SI", "SK", "UA",
    // North and South America (22).
    "AG", "AR", "BB", "BO", "CL", "CO", "CR", "CU", "DM", "DO", "EC", "GD", "GY", "HN", "JM", "NI",
    "PE", "SR", "SV", "TT", "UY", "VE", // Oceania (11).
    "CK", "FJ", "FM", "KI", "NU", "NZ", "PG", "SB", "TO", "VU", "WS",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starting_list_has_149_distinct_countries() {
        let mut codes = BELT_AND_ROAD.to_vec();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 149);
        assert_eq!(BELT_AND_ROAD.len(), 149);
    }

    #[test]
    fn china_and_the_countries_that_left_are_not_listed() {
        for code in ["CN", "HK", "MO", "IT", "PA"] {
            assert!(!BELT_AND_ROAD.contains(&code), "{code}");
        }
    }
}
