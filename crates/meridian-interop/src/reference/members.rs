//! Hand-written member lists of the reference country groups (ISO 3166-1 alpha-2, each list
//! sorted). Memberships as of late 2025; the Belt and Road list lives in `belt_and_road.rs`
//! and the WHO regions in `who.rs`.

/// ASEAN member states (11 since Timor-Leste joined on 26 October 2025).
pub(crate) const ASEAN: &[&str] = &[
    "BN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "TL", "VN",
];

/// The 54 African states that are UN members.
pub(crate) const AFRICAN_STATES: &[&str] = &[
    "AO", "BF", "BI", "BJ", "BW", "CD", "CF", "CG", "CI", "CM", "CV", "DJ", "DZ", "EG", "ER", "ET",
    "GA", "GH", "GM", "GN", "GQ", "GW", "KE", "KM", "LR", "LS", "LY", "MA", "MG", "ML", "MR", "MU",
    "MW", "MZ", "NA", "NE", "NG", "RW", "SC", "SD", "SL", "SN", "SO", "SS", "ST", "SZ", "TD", "TG",
    "TN", "TZ", "UG", "ZA", "ZM", "ZW",
];

/// CELAC's 33 Latin American and Caribbean states.
pub(crate) const CELAC: &[&str] = &[
    "AG", "AR", "BB", "BO", "BR", "BS", "BZ", "CL", "CO", "CR", "CU", "DM", "DO", "EC", "GD", "GT",
    "GY", "HN", "HT", "JM", "KN", "LC", "MX", "NI", "PA", "PE", "PY", "SR", "SV", "TT", "UY", "VC",
    "VE",
];

/// The 22 member states of the League of Arab States (Syria's seat restored in 2023).
pub(crate) const ARAB_LEAGUE: &[&str] = &[
    "AE", "BH", "DJ", "DZ", "EG", "IQ", "JO", "KM", "KW", "LB", "LY", "MA", "MR", "OM", "PS", "QA",
    "SA", "SD", "SO", "SY", "TN", "YE",
];

/// The six countries of the Lancang-Mekong basin (GMS and LMC).
pub(crate) const MEKONG: &[&str] = &["CN", "KH", "LA", "MM", "TH", "VN"];

pub(crate) const EU: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

pub(crate) const G20: &[&str] = &[
    "AR", "AU", "BR", "CA", "CN", "DE", "FR", "GB", "ID", "IN", "IT", "JP", "KR", "MX", "RU", "SA",
    "TR", "US", "ZA",
];

pub(crate) const APEC: &[&str] = &[
    "AU", "BN", "CA", "CL", "CN", "HK", "ID", "JP", "KR", "MX", "MY", "NZ", "PE", "PG", "PH", "RU",
    "SG", "TH", "TW", "US", "VN",
];

pub(crate) const SCO: &[&str] = &["BY", "CN", "IN", "IR", "KG", "KZ", "PK", "RU", "TJ", "UZ"];

pub(crate) const BRICS: &[&str] = &["AE", "BR", "CN", "EG", "ET", "ID", "IN", "IR", "RU", "ZA"];

pub(crate) const CAREC: &[&str] = &[
    "AF", "AZ", "CN", "GE", "KG", "KZ", "MN", "PK", "TJ", "TM", "UZ",
];

/// China and the nine Portuguese-speaking participants of Forum Macao.
pub(crate) const FORUM_MACAO: &[&str] =
    &["AO", "BR", "CN", "CV", "GQ", "GW", "MZ", "PT", "ST", "TL"];

/// The 14 European participants of China-CEEC cooperation after Lithuania (2021), Estonia
/// and Latvia (2022) left.
pub(crate) const CEEC: &[&str] = &[
    "AL", "BA", "BG", "CZ", "GR", "HR", "HU", "ME", "MK", "PL", "RO", "RS", "SI", "SK",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_written_lists_are_sorted_for_review() {
        let lists = [
            ASEAN,
            AFRICAN_STATES,
            CELAC,
            ARAB_LEAGUE,
            MEKONG,
            EU,
            G20,
            APEC,
            SCO,
            BRICS,
            CAREC,
            FORUM_MACAO,
            CEEC,
        ];
        for list in lists {
            assert!(list.is_sorted(), "{list:?}");
        }
    }
}
