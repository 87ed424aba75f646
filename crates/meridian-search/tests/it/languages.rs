//! Chinese words found inside longer text, English inflections, mixed queries, user
//! punctuation.

use crate::{doc, ids, index_with, search};

#[test]
fn a_two_character_chinese_word_is_found_inside_an_institution_name() {
    let d = doc(("", ""), "中国中医科学院是综合性研究机构", "");
    let index = index_with([&d]);
    assert_eq!(ids(&search(&index, "中医")), vec![d.id]);
}

#[test]
fn acupuncture_is_found_inside_a_list_of_disciplines() {
    let d = doc(("", ""), "推广针灸等优势学科", "");
    let index = index_with([&d]);
    assert_eq!(ids(&search(&index, "针灸")), vec![d.id]);
}

#[test]
fn malaria_is_found_inside_a_project_name() {
    let d = doc(("复方青蒿素快速清除疟疾项目", ""), "", "");
    let index = index_with([&d]);
    assert_eq!(ids(&search(&index, "疟疾")), vec![d.id]);
}

#[test]
fn cooperation_is_found_inside_longer_chinese_text() {
    let d = doc(("", ""), "双方深化中医药领域务实合作", "");
    let index = index_with([&d, &doc(("", ""), "援外医疗队", "")]);
    assert_eq!(ids(&search(&index, "合作")), vec![d.id]);
}

#[test]
fn centre_finds_centres() {
    let d = doc(("", "China-Norway TCM Centres"), "", "");
    let index = index_with([&d]);
    assert_eq!(ids(&search(&index, "centre")), vec![d.id]);
}

#[test]
fn training_finds_trained_and_train_finds_training() {
    let trained = doc(("", ""), "", "The hospital trained 15,000 people.");
    let courses = doc(("", ""), "", "Ran training courses for nurses.");
    let index = index_with([&trained, &courses]);
    let mut found = ids(&search(&index, "training"));
    found.sort();
    let mut both = vec![trained.id, courses.id];
    both.sort();
    assert_eq!(found, both);
    assert!(ids(&search(&index, "train")).contains(&courses.id));
    assert_eq!(search(&index, "15,000").total, 1);
}

#[test]
fn hospital_finds_hospitals_in_any_case() {
    let d = doc(("", "Friendship Hospitals"), "", "");
    let index = index_with([&d]);
    assert_eq!(ids(&search(&index, "HOSPITAL")), vec![d.id]);
}

#[test]
fn a_query_may_mix_chinese_and_english_and_needs_every_word() {
    let both = doc(("中医中心", "TCM Centre"), "", "");
    let zh_only = doc(("中医医院", ""), "", "");
    let index = index_with([&both, &zh_only]);
    assert_eq!(ids(&search(&index, "中医 centre")), vec![both.id]);
    assert_eq!(search(&index, "中医").total, 2);
}

#[test]
fn latin_words_inside_chinese_text_are_found() {
    let d = doc(("", ""), "世界卫生组织（WHO）传统医学合作中心", "");
    let index = index_with([&d]);
    assert_eq!(ids(&search(&index, "who")), vec![d.id]);
    assert_eq!(ids(&search(&index, "WHO 合作中心")), vec![d.id]);
}

#[test]
fn quotes_colons_and_parentheses_are_read_as_plain_words() {
    let d = doc(("", "ISO 18665: herbal decoction apparatus"), "", "");
    let index = index_with([&d]);
    for query in [
        "\"ISO 18665\"",
        "ISO:18665",
        "(herbal AND) OR decoction*",
        "herbal:decoction",
        "herbal -decoction",
        "【中医】 \"herbal",
    ] {
        let results = search(&index, query);
        if query.contains("中医") {
            assert_eq!(results.total, 0, "{query}");
        } else {
            assert_eq!(ids(&results), vec![d.id], "{query}");
        }
    }
}

#[test]
fn a_query_of_only_punctuation_or_nothing_finds_nothing_without_error() {
    let index = index_with([&doc(("中医", "TCM"), "合作", "cooperation")]);
    for query in ["", "   ", "\"\"", ":()", "，。！？", "*", "&&||"] {
        let results = search(&index, query);
        assert_eq!(results.total, 0, "{query:?}");
        assert!(results.hits.is_empty());
    }
}

#[test]
fn chinese_function_words_in_a_query_are_not_required() {
    let d = doc(("", ""), "中医与针灸国际合作", "");
    let index = index_with([&d]);
    assert_eq!(ids(&search(&index, "中医和针灸")), vec![d.id]);
}
