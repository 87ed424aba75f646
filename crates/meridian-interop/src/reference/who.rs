//! WHO regions and the WHO member states in each, written down as facts (CLDR does not
//! carry them).
//!
//! State as of 2025: 194 member states. Indonesia moved from the South-East Asia to the
//! Western Pacific Region on 23 May 2025 (WHA78), leaving SEARO with 10 and WPRO with 28.
//! The United States (notice January 2025, effective 22 January 2026 by its own terms) and
//! Argentina (announced February 2025) have declared their withdrawal; both stay listed here
//! because the region of a partner country is what the product groups by, and WHO's own
//! treatment of the withdrawals was still unsettled. Review this list when WHO publishes a
//! new one.

use meridian_domain::{Code, Lang};
use serde::{Deserialize, Serialize};

/// One of WHO's six regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WhoRegion {
    Afro,
    Amro,
    Searo,
    Euro,
    Emro,
    Wpro,
}

impl WhoRegion {
    pub const ALL: [WhoRegion; 6] = [
        WhoRegion::Afro,
        WhoRegion::Amro,
        WhoRegion::Searo,
        WhoRegion::Euro,
        WhoRegion::Emro,
        WhoRegion::Wpro,
    ];

    /// Stable lowercase code: `afro`, `amro`, `searo`, `euro`, `emro`, `wpro`.
    pub fn as_str(self) -> &'static str {
        match self {
            WhoRegion::Afro => "afro",
            WhoRegion::Amro => "amro",
            WhoRegion::Searo => "searo",
            WhoRegion::Euro => "euro",
            WhoRegion::Emro => "emro",
            WhoRegion::Wpro => "wpro",
        }
    }

    /// The regional office's acronym as WHO writes it ("AFRO").
    pub fn acronym(self) -> &'static str {
        match self {
            WhoRegion::Afro => "AFRO",
            WhoRegion::Amro => "AMRO",
            WhoRegion::Searo => "SEARO",
            WhoRegion::Euro => "EURO",
            WhoRegion::Emro => "EMRO",
            WhoRegion::Wpro => "WPRO",
        }
    }

    /// The region's name ("African Region", "非洲区域").
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (WhoRegion::Afro, Lang::Zh) => "非洲区域",
            (WhoRegion::Afro, Lang::En) => "African Region",
            (WhoRegion::Amro, Lang::Zh) => "美洲区域",
            (WhoRegion::Amro, Lang::En) => "Region of the Americas",
            (WhoRegion::Searo, Lang::Zh) => "东南亚区域",
            (WhoRegion::Searo, Lang::En) => "South-East Asia Region",
            (WhoRegion::Euro, Lang::Zh) => "欧洲区域",
            (WhoRegion::Euro, Lang::En) => "European Region",
            (WhoRegion::Emro, Lang::Zh) => "东地中海区域",
            (WhoRegion::Emro, Lang::En) => "Eastern Mediterranean Region",
            (WhoRegion::Wpro, Lang::Zh) => "西太平洋区域",
            (WhoRegion::Wpro, Lang::En) => "Western Pacific Region",
        }
    }

    /// The member states in this region (ISO 3166-1 alpha-2, sorted).
    pub fn member_states(self) -> &'static [&'static str] {
        match self {
            WhoRegion::Afro => AFRO,
            WhoRegion::Amro => AMRO,
            WhoRegion::Searo => SEARO,
            WhoRegion::Euro => EURO,
            WhoRegion::Emro => EMRO,
            WhoRegion::Wpro => WPRO,
        }
    }
}

impl Code for WhoRegion {
    const LIST: &'static str = "who_region";

    fn all() -> &'static [Self] {
        &Self::ALL
    }

    fn as_str(&self) -> &'static str {
        WhoRegion::as_str(*self)
    }

    fn label(&self, lang: Lang) -> &'static str {
        WhoRegion::label(*self, lang)
    }
}

/// The WHO region of a member state; `None` for territories and non-members (Holy See,
/// Liechtenstein, Palestine, Taiwan, Hong Kong, Macao...).
pub fn who_region(alpha2: &str) -> Option<WhoRegion> {
    WhoRegion::ALL
        .into_iter()
        .find(|region| region.member_states().contains(&alpha2))
}

/// WHO's associate members (not member states): Puerto Rico and Tokelau.
pub const WHO_ASSOCIATE_MEMBERS: &[(&str, WhoRegion)] =
    &[("PR", WhoRegion::Amro), ("TK", WhoRegion::Wpro)];

/// 47 member states.
const AFRO: &[&str] = &[
    "AO", "BF", "BI", "BJ", "BW", "CD", "CF", "CG", "CI", "CM", "CV", "DZ", "ER", "ET", "GA", "GH",
    "GM", "GN", "GQ", "GW", "KE", "KM", "LR", "LS", "MG", "ML", "MR", "MU", "MW", "MZ", "NA", "NE",
    "NG", "RW", "SC", "SL", "SN", "SS", "ST", "SZ", "TD", "TG", "TZ", "UG", "ZA", "ZM", "ZW",
];

/// 35 member states.
const AMRO: &[&str] = &[
    "AG", "AR", "BB", "BO", "BR", "BS", "BZ", "CA", "CL", "CO", "CR", "CU", "DM", "DO", "EC", "GD",
    "GT", "GY", "HN", "HT", "JM", "KN", "LC", "MX", "NI", "PA", "PE", "PY", "SR", "SV", "TT", "US",
    "UY", "VC", "VE",
];

/// 10 member states (Indonesia left for the Western Pacific in May 2025).
const SEARO: &[&str] = &["BD", "BT", "IN", "KP", "LK", "MM", "MV", "NP", "TH", "TL"];

/// 53 member states.
const EURO: &[&str] = &[
    "AD", "AL", "AM", "AT", "AZ", "BA", "BE", "BG", "BY", "CH", "CY", "CZ", "DE", "DK", "EE", "ES",
    "FI", "FR", "GB", "GE", "GR", "HR", "HU", "IE", "IL", "IS", "IT", "KG", "KZ", "LT", "LU", "LV",
    "MC", "MD", "ME", "MK", "MT", "NL", "NO", "PL", "PT", "RO", "RS", "RU", "SE", "SI", "SK", "SM",
    "TJ", "TM", "TR", "UA", "UZ",
];

/// 21 member states (Palestine takes part as an observer, not a member state).
const EMRO: &[&str] = &[
    "AE", "AF", "BH", "DJ", "EG", "IQ", "IR", "JO", "KW", "LB", "LY", "MA", "OM", "PK", "QA", "SA",
    "SD", "SO", "SY", "TN", "YE",
];

/// 28 member states, Cook Islands and Niue included (WHO members though not UN members).
const WPRO: &[&str] = &[
    "AU", "BN", "CK", "CN", "FJ", "FM", "ID", "JP", "KH", "KI", "KR", "LA", "MH", "MN", "MY", "NR",
    "NU", "NZ", "PG", "PH", "PW", "SB", "SG", "TO", "TV", "VN", "VU", "WS",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_have_their_member_counts_and_no_state_is_in_two() {
        let sizes: Vec<usize> = WhoRegion::ALL
            .iter()
            .map(|r| r.member_states().len())
            .collect();
        assert_eq!(sizes, [47, 35, 10, 53, 21, 28]);
        let mut all: Vec<&str> = WhoRegion::ALL
            .iter()
            .flat_map(|r| r.member_states().iter().copied())
            .collect();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), 194);
    }

    #[test]
    fn member_lists_are_sorted_for_review() {
        for region in WhoRegion::ALL {
            assert!(region.member_states().is_sorted(), "{region:?}");
        }
    }

    #[test]
    fn indonesia_is_in_the_western_pacific_and_china_too() {
        assert_eq!(who_region("ID"), Some(WhoRegion::Wpro));
        assert_eq!(who_region("CN"), Some(WhoRegion::Wpro));
        assert_eq!(who_region("TW"), None);
        assert_eq!(who_region("PR"), None);
    }
}
