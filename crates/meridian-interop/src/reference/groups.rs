//! The country groups the seeds name, shipped as editable `CountryGroup` records: blocs,
//! cooperation mechanisms with China, forums, the Belt and Road starting list and the six
//! WHO regions. Each description says what the member list includes and leaves out.

use super::belt_and_road::BELT_AND_ROAD;
use super::members::*;
use super::who::WhoRegion;
use meridian_domain::records::{CountryGroup, GroupType};
use meridian_domain::{Lang, LocalizedText};

/// Sorted, distinct codes from several lists.
fn codes(parts: &[&[&str]]) -> Vec<String> {
    let mut all: Vec<String> = parts
        .iter()
        .flat_map(|p| p.iter().map(|c| (*c).to_owned()))
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}

fn group(
    code: &str,
    group_type: GroupType,
    members: Vec<String>,
    acronym: Option<&str>,
    [zh, en]: [&str; 2],
    [about_zh, about_en]: [&str; 2],
) -> CountryGroup {
    CountryGroup {
        code: code.to_owned(),
        name: LocalizedText::new(zh, en),
        acronym: acronym.map(str::to_owned),
        group_type,
        members,
        description: LocalizedText::new(about_zh, about_en),
    }
}

fn who_group(region: WhoRegion) -> CountryGroup {
    let (zh, en) = (region.label(Lang::Zh), region.label(Lang::En));
    group(
        &format!("who_{}", region.as_str()),
        GroupType::WhoRegion,
        codes(&[region.member_states()]),
        Some(region.acronym()),
        [&format!("世界卫生组织{zh}"), &format!("WHO {en}")],
        [
            &format!("世界卫生组织{zh}的会员国（不含准会员）。"),
            &format!("Member states of the WHO {en} (associate members not included)."),
        ],
    )
}

/// Blocs and organizations that are not China-plus-partners mechanisms.
fn blocs() -> Vec<CountryGroup> {
    use GroupType::{CooperationMechanism, Forum, RegionalOrganization as Regional};
    vec![
        group(
            "asean",
            Regional,
            codes(&[ASEAN]),
            Some("ASEAN"),
            ["东盟", "Association of Southeast Asian Nations"],
            [
                "东南亚国家联盟，11个成员国；东帝汶于2025年10月加入。",
                "11 member states; Timor-Leste joined in October 2025.",
            ],
        ),
        group(
            "sco",
            Regional,
            codes(&[SCO]),
            Some("SCO"),
            ["上海合作组织", "Shanghai Cooperation Organisation"],
            [
                "10个成员国（伊朗2023年、白俄罗斯2024年加入），不含观察员国和对话伙伴。",
                "10 member states (Iran joined in 2023, Belarus in 2024); \
                 observers and dialogue partners not included.",
            ],
        ),
        group(
            "brics",
            CooperationMechanism,
            codes(&[BRICS]),
            Some("BRICS"),
            ["金砖国家", "BRICS"],
            [
                "10个成员国：2024年埃及、埃塞俄比亚、伊朗、阿联酋加入，2025年印度尼西亚加入；\
                 沙特阿拉伯受邀但未确认，伙伴国不计入。",
                "10 members: Egypt, Ethiopia, Iran and the UAE joined in 2024, Indonesia in \
                 2025; Saudi Arabia was invited but has not confirmed; partner countries are \
                 not included.",
            ],
        ),
        group(
            "g20",
            Forum,
            codes(&[G20]),
            Some("G20"),
            ["二十国集团", "Group of Twenty"],
            [
                "19个成员国；欧洲联盟和非洲联盟也是成员，但不是国家，未列入。",
                "19 member countries; the European Union and the African Union are members \
                 too but are not countries, so they are not listed.",
            ],
        ),
        group(
            "celac",
            Regional,
            codes(&[CELAC]),
            Some("CELAC"),
            [
                "拉美和加勒比国家共同体",
                "Community of Latin American and Caribbean States",
            ],
            [
                "拉丁美洲和加勒比地区33个国家。",
                "The 33 states of Latin America and the Caribbean.",
            ],
        ),
        group(
            "african_union",
            Regional,
            codes(&[AFRICAN_STATES, &["EH"]]),
            Some("AU"),
            ["非洲联盟", "African Union"],
            [
                "55个成员国，含暂停成员资格的国家；“阿拉伯撒哈拉民主共和国”\
                 在ISO 3166中无单独代码，以EH（西撒哈拉）表示。",
                "55 member states, suspended members included; the Sahrawi Arab Democratic \
                 Republic has no ISO 3166 code of its own and is coded EH (Western Sahara).",
            ],
        ),
        group(
            "eu",
            Regional,
            codes(&[EU]),
            Some("EU"),
            ["欧洲联盟", "European Union"],
            ["27个成员国。", "27 member states."],
        ),
        group(
            "apec",
            Regional,
            codes(&[APEC]),
            Some("APEC"),
            ["亚太经济合作组织", "Asia-Pacific Economic Cooperation"],
            [
                "21个成员经济体；中国香港以“中国香港”、中国台湾以“中国台北”名义参加。",
                "21 member economies; Hong Kong takes part as \"Hong Kong, China\" and \
                 Taiwan as \"Chinese Taipei\".",
            ],
        ),
    ]
}

/// Regional mechanisms and initiatives with China at their centre.
fn mechanisms() -> Vec<CountryGroup> {
    use GroupType::{CooperationMechanism as Mechanism, Initiative};
    let trio: &[&str] = &["CN", "JP", "KR"];
    vec![
        group(
            "gms",
            Mechanism,
            codes(&[MEKONG]),
            Some("GMS"),
            ["大湄公河次区域", "Greater Mekong Subregion"],
            [
                "大湄公河次区域经济合作：柬埔寨、中国（云南、广西）、老挝、缅甸、泰国、越南。",
                "GMS Economic Cooperation Program: Cambodia, China (Yunnan and Guangxi), \
                 Laos, Myanmar, Thailand and Viet Nam.",
            ],
        ),
        group(
            "lancang_mekong",
            Mechanism,
            codes(&[MEKONG]),
            Some("LMC"),
            ["澜沧江—湄公河合作", "Lancang-Mekong Cooperation"],
            ["中国与湄公河五国。", "China and the five Mekong countries."],
        ),
        group(
            "belt_and_road",
            Initiative,
            codes(&[BELT_AND_ROAD]),
            Some("BRI"),
            ["共建“一带一路”国家", "Belt and Road partner countries"],
            [
                "与中国签署共建“一带一路”合作文件的国家（不含中国）。\
                 初始清单，非权威名单，请按主管部门的名单修改。",
                "Countries that signed Belt and Road cooperation documents with China \
                 (China not included). A starting list, not an authoritative one: edit it \
                 to your administration's list.",
            ],
        ),
        group(
            "carec",
            Mechanism,
            codes(&[CAREC]),
            Some("CAREC"),
            [
                "中亚区域经济合作",
                "Central Asia Regional Economic Cooperation",
            ],
            ["11个成员国。", "11 member countries."],
        ),
        group(
            "china_asean",
            Mechanism,
            codes(&[&["CN"], ASEAN]),
            None,
            ["中国—东盟", "China-ASEAN"],
            [
                "中国与东盟成员国（10+1合作）。",
                "China and the ASEAN member states (10+1 cooperation).",
            ],
        ),
        group(
            "asean_plus_three",
            Mechanism,
            codes(&[ASEAN, trio]),
            Some("APT"),
            ["东盟与中日韩（10+3）", "ASEAN Plus Three"],
            [
                "东盟成员国与中国、日本、韩国。",
                "The ASEAN member states with China, Japan and the Republic of Korea.",
            ],
        ),
        group(
            "china_japan_rok",
            Mechanism,
            codes(&[trio]),
            None,
            ["中日韩", "China-Japan-ROK"],
            [
                "中日韩三国合作。",
                "Trilateral cooperation of China, Japan and the Republic of Korea.",
            ],
        ),
        group(
            "china_ceec",
            Mechanism,
            codes(&[&["CN"], CEEC]),
            Some("China-CEEC"),
            [
                "中国—中东欧国家合作",
                "China-Central and Eastern European Countries Cooperation",
            ],
            [
                "中国与14个中东欧国家；立陶宛（2021年）、爱沙尼亚和拉脱维亚（2022年）已退出。",
                "China and 14 Central and Eastern European countries; Lithuania (2021), \
                 Estonia and Latvia (2022) have left.",
            ],
        ),
    ]
}

/// Forums between China and a group of countries.
fn forums() -> Vec<CountryGroup> {
    use GroupType::Forum;
    // Eswatini has no diplomatic relations with China and is not in FOCAC.
    let focac_africa: Vec<&str> = AFRICAN_STATES
        .iter()
        .copied()
        .filter(|c| *c != "SZ")
        .collect();
    vec![
        group(
            "portuguese_speaking",
            Forum,
            codes(&[FORUM_MACAO]),
            Some("Forum Macao"),
            [
                "中国—葡语国家经贸合作论坛（澳门）",
                "Forum for Economic and Trade Co-operation between China and \
                 Portuguese-speaking Countries (Macao)",
            ],
            [
                "中国与九个葡语国家参与方（赤道几内亚2022年加入）。",
                "China and nine Portuguese-speaking participants (Equatorial Guinea joined in \
                 2022).",
            ],
        ),
        group(
            "focac",
            Forum,
            codes(&[&["CN"], &focac_africa]),
            Some("FOCAC"),
            ["中非合作论坛", "Forum on China-Africa Cooperation"],
            [
                "中国与同中国建交的53个非洲国家；非洲联盟委员会也是成员。",
                "China and the 53 African countries that have diplomatic relations with \
                 China; the African Union Commission is a member too.",
            ],
        ),
        group(
            "china_arab_forum",
            Forum,
            codes(&[&["CN"], ARAB_LEAGUE]),
            Some("CASCF"),
            [
                "中国—阿拉伯国家合作论坛",
                "China-Arab States Cooperation Forum",
            ],
            [
                "中国与阿拉伯国家联盟22个成员国。",
                "China and the 22 member states of the League of Arab States.",
            ],
        ),
        group(
            "china_celac_forum",
            Forum,
            codes(&[&["CN"], CELAC]),
            None,
            ["中国—拉共体论坛", "China-CELAC Forum"],
            [
                "中国与拉共体33个成员国。",
                "China and the 33 CELAC member states.",
            ],
        ),
    ]
}

/// The code order other crates and the tests rely on.
const ORDER: [&str; 20] = [
    "asean",
    "sco",
    "brics",
    "g20",
    "celac",
    "african_union",
    "eu",
    "gms",
    "lancang_mekong",
    "portuguese_speaking",
    "belt_and_road",
    "carec",
    "china_asean",
    "asean_plus_three",
    "china_japan_rok",
    "apec",
    "china_ceec",
    "focac",
    "china_arab_forum",
    "china_celac_forum",
];

/// Every reference country group in a stable order (the 20 groups the seeds name, then the
/// six WHO regions); each code is unique and its record id is [`super::group_id`]`(code)`.
pub fn country_groups() -> Vec<CountryGroup> {
    let mut groups: Vec<CountryGroup> = [blocs(), mechanisms(), forums()].concat();
    groups.sort_by_key(|g| ORDER.iter().position(|c| *c == g.code));
    groups.extend(WhoRegion::ALL.into_iter().map(who_group));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_lists_have_their_official_sizes() {
        let groups = country_groups();
        let expected = [
            ("asean", 11),
            ("sco", 10),
            ("brics", 10),
            ("g20", 19),
            ("celac", 33),
            ("african_union", 55),
            ("eu", 27),
            ("gms", 6),
            ("lancang_mekong", 6),
            ("portuguese_speaking", 10),
            ("belt_and_road", 149),
            ("carec", 11),
            ("china_asean", 12),
            ("asean_plus_three", 14),
            ("china_japan_rok", 3),
            ("apec", 21),
            ("china_ceec", 15),
            ("focac", 54),
            ("china_arab_forum", 23),
            ("china_celac_forum", 34),
        ];
        let found: Vec<(&str, usize)> = groups
            .iter()
            .take(ORDER.len())
            .map(|g| (g.code.as_str(), g.members.len()))
            .collect();
        assert_eq!(found, expected);
    }
}
