//! Country display names: CLDR's names with Meridian's overrides for mainland Chinese
//! official usage and for formal English, each override with its reason.

/// A country name that differs from CLDR 48.2.0 on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameOverride {
    pub alpha2: &'static str,
    /// Chinese name replacing CLDR `zh`, if any.
    pub zh: Option<&'static str>,
    /// English name replacing CLDR `en`, if any.
    pub en: Option<&'static str>,
    pub why: &'static str,
}

/// Every deliberate departure from CLDR, sorted by code. Names not listed here are CLDR's
/// (English after [`formal_english`]).
pub const NAME_OVERRIDES: &[NameOverride] = &[
    NameOverride {
        alpha2: "CD",
        zh: None,
        en: Some("Democratic Republic of the Congo"),
        why: "CLDR's 'Congo - Kinshasa' is a menu disambiguator, not a name for documents",
    },
    NameOverride {
        alpha2: "CG",
        zh: None,
        en: Some("Republic of the Congo"),
        why: "CLDR's 'Congo - Brazzaville' is a menu disambiguator, not a name for documents",
    },
    NameOverride {
        alpha2: "CV",
        zh: None,
        en: Some("Cabo Verde"),
        why: "the name the country and the UN use since 2013 (CLDR alt-variant)",
    },
    NameOverride {
        alpha2: "FK",
        zh: Some("福克兰群岛（马尔维纳斯群岛）"),
        en: Some("Falkland Islands (Malvinas)"),
        why: "UN and ISO usage naming both claims; China backs Argentina's (CLDR alt-variant)",
    },
    NameOverride {
        alpha2: "FM",
        zh: Some("密克罗尼西亚联邦"),
        en: None,
        why: "Chinese Foreign Ministry short name; 密克罗尼西亚 alone is also the wider region",
    },
    NameOverride {
        alpha2: "HK",
        zh: None,
        en: Some("Hong Kong SAR, China"),
        why: "mainland usage: a special administrative region of China (zh is CLDR's)",
    },
    NameOverride {
        alpha2: "MM",
        zh: None,
        en: Some("Myanmar"),
        why: "the country's official name; CLDR adds '(Burma)' (CLDR alt-short)",
    },
    NameOverride {
        alpha2: "MN",
        zh: Some("蒙古国"),
        en: None,
        why: "Chinese Foreign Ministry short name; 蒙古 alone also names a people and a region",
    },
    NameOverride {
        alpha2: "MO",
        zh: None,
        en: Some("Macao SAR, China"),
        why: "mainland usage: a special administrative region of China (zh is CLDR's)",
    },
    NameOverride {
        alpha2: "PS",
        zh: Some("巴勒斯坦"),
        en: Some("Palestine"),
        why: "China recognises the State of Palestine (1988); not 'Palestinian Territories'",
    },
    NameOverride {
        alpha2: "TW",
        zh: Some("中国台湾"),
        en: Some("Taiwan, China"),
        why: "mainland official usage: Taiwan is part of China; CLDR lists it like a country",
    },
    NameOverride {
        alpha2: "VC",
        zh: None,
        en: Some("Saint Vincent and the Grenadines"),
        why: "the country's short name in full; CLDR abbreviates to 'St. Vincent & Grenadines'",
    },
];

fn override_for(alpha2: &str) -> Option<&'static NameOverride> {
    NAME_OVERRIDES.iter().find(|o| o.alpha2 == alpha2)
}

/// The Chinese display name: the override if any, else CLDR `zh`.
pub(crate) fn chinese_name(alpha2: &str, cldr_zh: &str) -> String {
    override_for(alpha2)
        .and_then(|o| o.zh)
        .unwrap_or(cldr_zh)
        .to_owned()
}

/// The English display name: the override if any, else CLDR `en` in formal spelling.
pub(crate) fn english_name(alpha2: &str, cldr_en: &str) -> String {
    match override_for(alpha2).and_then(|o| o.en) {
        Some(name) => name.to_owned(),
        None => formal_english(cldr_en),
    }
}

/// CLDR's English names are written for menus ("St. Kitts & Nevis"); reports and
/// certificates need the written-out form ("Saint Kitts and Nevis").
pub fn formal_english(cldr_en: &str) -> String {
    let name = cldr_en.replace(" & ", " and ");
    match name.strip_prefix("St. ") {
        Some(rest) => format!("Saint {rest}"),
        None => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_are_sorted_unique_and_explained() {
        let codes: Vec<&str> = NAME_OVERRIDES.iter().map(|o| o.alpha2).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted);
        assert!(NAME_OVERRIDES
            .iter()
            .all(|o| !o.why.is_empty() && (o.zh.is_some() || o.en.is_some())));
    }

    #[test]
    fn formal_english_writes_out_ampersands_and_saints() {
        assert_eq!(formal_english("St. Kitts & Nevis"), "Saint Kitts and Nevis");
        assert_eq!(
            formal_english("São Tomé & Príncipe"),
            "São Tomé and Príncipe"
        );
        assert_eq!(
            formal_english("U.S. Outlying Islands"),
            "U.S. Outlying Islands"
        );
    }

    #[test]
    fn taiwan_uses_mainland_names_and_others_keep_cldr() {
        assert_eq!(chinese_name("TW", "台湾"), "中国台湾");
        assert_eq!(english_name("TW", "Taiwan"), "Taiwan, China");
        assert_eq!(chinese_name("FR", "法国"), "法国");
    }
}
