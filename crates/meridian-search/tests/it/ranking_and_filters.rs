//! BM25 ranking with titles boosted, totals, paging, and the exact filters.

use crate::{doc, ids, index_with, search};
use meridian_domain::{Approval, RecordId, RecordKind};
use meridian_search::{SearchDoc, SearchQuery};

#[test]
fn a_title_match_ranks_above_a_body_only_match() {
    let body_only = doc(
        ("援外医疗队", "Medical team"),
        "医疗队在当地开展针灸治疗，针灸深受欢迎",
        "",
    );
    let title = doc(("针灸培训班", "Acupuncture course"), "为期两周的课程", "");
    let index = index_with([&body_only, &title]);
    let results = search(&index, "针灸");
    assert_eq!(ids(&results), vec![title.id, body_only.id]);
    assert!(results.hits[0].score > results.hits[1].score);

    let results = search(&index, "acupuncture");
    assert_eq!(ids(&results), vec![title.id]);
}

#[test]
fn total_counts_every_match_while_hits_are_one_page() {
    let docs: Vec<SearchDoc> = (0..25)
        .map(|i| doc(("", &format!("Hospital {i}")), "", ""))
        .collect();
    let index = index_with(&docs);
    let mut q = SearchQuery::new("hospital");
    q.limit = 10;
    let first = index.search(&q).unwrap();
    assert_eq!(first.total, 25);
    assert_eq!(first.hits.len(), 10);
    q.offset = 20;
    let last = index.search(&q).unwrap();
    assert_eq!(last.total, 25);
    assert_eq!(last.hits.len(), 5);
    assert!(first.hits.iter().all(|h| !ids(&last).contains(&h.id)));
    q.limit = 0;
    assert_eq!(index.search(&q).unwrap().total, 25);
}

/// Four hospital records that differ in every filtered attribute.
fn varied() -> (Vec<SearchDoc>, RecordId, RecordId) {
    let (unit_a, unit_b) = (RecordId::new(), RecordId::new());
    let mut a = doc(("", "Hospital A"), "", "");
    a.kind = RecordKind::Centre;
    a.unit = Some(unit_a);
    a.countries = vec!["NO".into()];
    a.year = Some(2019);
    let mut b = doc(("", "Hospital B"), "", "");
    b.kind = RecordKind::Project;
    b.approval = Approval::Draft;
    b.unit = Some(unit_b);
    b.countries = vec!["MM".into(), "LA".into()];
    b.year = Some(2021);
    let mut c = doc(("", "Hospital C"), "", "");
    c.kind = RecordKind::Activity;
    c.countries = vec!["LA".into()];
    c.year = Some(2021);
    let mut d = doc(("", "Clinic D"), "", "");
    d.kind = RecordKind::Centre;
    d.unit = Some(unit_a);
    (vec![a, b, c, d], unit_a, unit_b)
}

fn titles(index: &meridian_search::SearchIndex, q: &SearchQuery) -> Vec<String> {
    let mut t: Vec<String> = index
        .search(q)
        .unwrap()
        .hits
        .into_iter()
        .filter_map(|h| h.title.en)
        .collect();
    t.sort();
    t
}

#[test]
fn filters_by_kind_approval_unit_country_and_year() {
    let (docs, unit_a, unit_b) = varied();
    let index = index_with(&docs);
    let base = SearchQuery::new("hospital");
    assert_eq!(titles(&index, &base).len(), 3);

    let q = SearchQuery {
        kinds: vec![RecordKind::Centre, RecordKind::Activity],
        ..base.clone()
    };
    assert_eq!(titles(&index, &q), ["Hospital A", "Hospital C"]);

    let q = SearchQuery {
        approval: Some(Approval::Draft),
        ..base.clone()
    };
    assert_eq!(titles(&index, &q), ["Hospital B"]);

    let q = SearchQuery {
        units: Some(vec![unit_a, unit_b]),
        ..base.clone()
    };
    assert_eq!(titles(&index, &q), ["Hospital A", "Hospital B"]);
    let q = SearchQuery {
        units: Some(vec![]),
        ..base.clone()
    };
    assert_eq!(index.search(&q).unwrap().total, 0);

    let q = SearchQuery {
        country: Some("la".into()),
        ..base.clone()
    };
    assert_eq!(titles(&index, &q), ["Hospital B", "Hospital C"]);

    let q = SearchQuery {
        year: Some(2021),
        ..base.clone()
    };
    assert_eq!(titles(&index, &q), ["Hospital B", "Hospital C"]);

    let q = SearchQuery {
        kinds: vec![RecordKind::Activity],
        country: Some("LA".into()),
        year: Some(2021),
        approval: Some(Approval::Approved),
        ..base
    };
    assert_eq!(titles(&index, &q), ["Hospital C"]);
}

#[test]
fn filters_do_not_change_the_ranking_scores() {
    let (docs, _, _) = varied();
    let index = index_with(&docs);
    let plain = index.search(&SearchQuery::new("hospital")).unwrap();
    let filtered = index
        .search(&SearchQuery {
            year: Some(2019),
            ..SearchQuery::new("hospital")
        })
        .unwrap();
    let score_a = |r: &meridian_search::SearchResults| {
        r.hits
            .iter()
            .find(|h| h.title.en.as_deref() == Some("Hospital A"))
            .unwrap()
            .score
    };
    assert_eq!(score_a(&plain), score_a(&filtered));
}
