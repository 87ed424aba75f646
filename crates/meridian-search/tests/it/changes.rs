//! Upsert, remove, rebuild, snippets and reopening an index on disk.

use crate::{doc, ids, index_with, search};
use meridian_search::{SearchIndex, SearchQuery};

#[test]
fn upsert_replaces_the_document_with_the_same_id() {
    let mut d = doc(("", "Malaria programme"), "", "");
    let index = index_with([&d]);
    d.title.en = Some("Tuberculosis programme".into());
    index.upsert(&d).unwrap();
    assert_eq!(search(&index, "malaria").total, 0);
    assert_eq!(ids(&search(&index, "tuberculosis")), vec![d.id]);
    assert_eq!(search(&index, "programme").total, 1);
}

#[test]
fn a_search_right_after_upsert_sees_the_record() {
    let index = SearchIndex::in_memory().unwrap();
    assert!(index.is_empty().unwrap());
    let d = doc(("", ""), "推广针灸等优势学科", "");
    index.upsert(&d).unwrap();
    assert!(!index.is_empty().unwrap());
    assert_eq!(ids(&search(&index, "针灸")), vec![d.id]);
}

#[test]
fn remove_removes_and_leaves_the_others() {
    let a = doc(("", "Hospital A"), "", "");
    let b = doc(("", "Hospital B"), "", "");
    let index = index_with([&a, &b]);
    index.remove(a.id).unwrap();
    assert_eq!(ids(&search(&index, "hospital")), vec![b.id]);
    index.remove(a.id).unwrap();
    assert_eq!(index.len().unwrap(), 1);
}

#[test]
fn rebuild_replaces_everything() {
    let old = doc(("", "Hospital old"), "", "");
    let index = index_with([&old]);
    let new = [
        doc(("", "Hospital new"), "", ""),
        doc(("", "Clinic"), "", ""),
    ];
    assert_eq!(index.rebuild(new.iter().cloned()).unwrap(), 2);
    assert_eq!(ids(&search(&index, "hospital")), vec![new[0].id]);
    assert_eq!(index.len().unwrap(), 2);
    assert_eq!(index.rebuild(std::iter::empty()).unwrap(), 0);
    assert!(index.is_empty().unwrap());
}

#[test]
fn upsert_many_replaces_duplicates_within_one_batch() {
    let mut d = doc(("", "First title"), "", "");
    let mut again = d.clone();
    again.title.en = Some("Second title".into());
    let index = SearchIndex::in_memory().unwrap();
    assert_eq!(
        index.upsert_many([d.clone(), again].into_iter()).unwrap(),
        2
    );
    assert_eq!(index.len().unwrap(), 1);
    assert_eq!(search(&index, "first").total, 0);
    d.title.en = Some("Third".into());
    index.upsert_many(std::iter::once(d)).unwrap();
    assert_eq!(search(&index, "third").total, 1);
}

#[test]
fn snippets_mark_the_match_and_escape_html() {
    let d = doc(
        ("", "Notes"),
        "在当地推广针灸等优势学科<script>alert(1)</script>",
        "Staff <script>alert(1)</script> ran training & more",
    );
    let index = index_with([&d]);
    let hit = &search(&index, "针灸 train").hits[0];
    let zh = hit.snippet_zh.as_deref().unwrap();
    let en = hit.snippet_en.as_deref().unwrap();
    assert!(zh.contains("<mark>针灸</mark>"), "{zh}");
    assert!(en.contains("<mark>training</mark>"), "{en}");
    for snippet in [zh, en] {
        assert!(!snippet.contains("<script>"), "{snippet}");
        assert!(snippet.contains("&lt;script&gt;"), "{snippet}");
    }
    assert!(en.contains("&amp;"), "{en}");
}

#[test]
fn a_snippet_is_absent_when_its_language_has_no_match() {
    let index = index_with([&doc(
        ("", ""),
        "中医药国际合作",
        "International cooperation",
    )]);
    let hit = &search(&index, "中医").hits[0];
    assert!(hit.snippet_zh.is_some());
    assert_eq!(hit.snippet_en, None);
}

#[test]
fn a_reopened_index_on_disk_keeps_its_documents() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("search");
    let d = doc(("中医中心", "TCM Centre"), "", "");
    {
        let index = SearchIndex::open(&path).unwrap();
        assert!(index.is_empty().unwrap());
        index.upsert(&d).unwrap();
    }
    let index = SearchIndex::open(&path).unwrap();
    assert!(!index.is_empty().unwrap());
    assert_eq!(ids(&search(&index, "中医")), vec![d.id]);
    assert_eq!(ids(&search(&index, "centres")), vec![d.id]);
}

#[test]
fn an_index_written_with_another_schema_is_emptied_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let mut schema = tantivy::schema::Schema::builder();
    let title = schema.add_text_field("title", tantivy::schema::TEXT);
    let old = tantivy::Index::create_in_dir(dir.path(), schema.build()).unwrap();
    let mut writer: tantivy::IndexWriter = old.writer(15_000_000).unwrap();
    writer.add_document(tantivy::doc!(title => "old")).unwrap();
    writer.commit().unwrap();
    drop(writer);
    drop(old);
    std::fs::write(dir.path().join("README"), "not ours").unwrap();

    let index = SearchIndex::open(dir.path()).unwrap();
    assert!(index.is_empty().unwrap());
    index.upsert(&doc(("", "Hospital"), "", "")).unwrap();
    assert_eq!(search(&index, "hospital").total, 1);
    assert!(dir.path().join("README").exists());
}

#[test]
fn a_second_open_of_the_same_directory_while_the_first_is_alive_fails() {
    let dir = tempfile::tempdir().unwrap();
    let _first = SearchIndex::open(dir.path()).unwrap();
    let second = SearchIndex::open(dir.path());
    assert!(second.is_err());
}

#[test]
fn the_index_can_be_shared_between_threads() {
    let index = std::sync::Arc::new(SearchIndex::in_memory().unwrap());
    let workers: Vec<_> = (0..4)
        .map(|i| {
            let index = index.clone();
            std::thread::spawn(move || {
                let d = doc(("", &format!("Hospital {i}")), "", "");
                index.upsert(&d).unwrap();
                index.search(&SearchQuery::new("hospital")).unwrap().total
            })
        })
        .collect();
    for w in workers {
        assert!(w.join().unwrap() >= 1);
    }
    assert_eq!(search(&index, "hospital").total, 4);
}

#[test]
fn waiting_for_merges_keeps_documents_and_the_writer_usable() {
    let index = SearchIndex::in_memory().unwrap();
    for i in 0..12 {
        index
            .upsert(&doc(("", &format!("Hospital {i}")), "", ""))
            .unwrap();
    }
    index.wait_for_merges().unwrap();
    assert!(index.segment_count() >= 1);
    assert_eq!(search(&index, "hospital").total, 12);
    index.upsert(&doc(("", "Hospital 12"), "", "")).unwrap();
    assert_eq!(search(&index, "hospital").total, 13);
}

#[test]
fn a_panic_while_indexing_leaves_nothing_half_done_and_the_index_usable() {
    let index = std::sync::Arc::new(index_with([&doc(("", "Hospital kept"), "", "")]));
    let shared = index.clone();
    let panicked = std::thread::spawn(move || {
        let docs = (0..3).map(|i| {
            assert!(i < 2, "generator fails half way");
            doc(("", &format!("Hospital lost {i}")), "", "")
        });
        let _ = shared.upsert_many(docs);
    })
    .join();
    assert!(panicked.is_err());
    index.upsert(&doc(("", "Hospital new"), "", "")).unwrap();
    assert_eq!(search(&index, "hospital").total, 2);
    assert_eq!(search(&index, "lost").total, 0);
}
