//! Search through the app: the index follows every write (create, update, delete,
//! undelete, revert, review steps, restore) and is rebuilt from the database when empty.

use meridian_app::{App, SearchIndex, SearchQuery, Transition};
use meridian_domain::{Approval, RecordId, RecordKind};
use meridian_store::{Actor, Change, NewRecord};
use meridian_test_support::builders::organization;
use meridian_test_support::{both_backends, TestDb};
use std::sync::Arc;

fn searchable(app: App) -> App {
    app.with_search(Arc::new(SearchIndex::in_memory().unwrap()))
}

fn actor() -> Actor {
    Actor::new("tester")
}

/// Ids of every hit for `text`, optionally of one kind.
async fn found(app: &App, text: &str, kind: Option<RecordKind>) -> Vec<RecordId> {
    let query = SearchQuery {
        kinds: kind.into_iter().collect(),
        limit: SearchQuery::MAX_LIMIT,
        ..SearchQuery::new(text)
    };
    let results = app.search(&query).await.unwrap();
    assert_eq!(
        results.total,
        results.hits.len(),
        "{text}: every hit listed"
    );
    results.hits.iter().map(|h| h.id).collect()
}

fn demo_id(key: &str) -> RecordId {
    let records = meridian_demo::records().unwrap();
    let record = records.iter().find(|r| r.key == key);
    record.unwrap_or_else(|| panic!("{key} is in the demo")).id
}

both_backends!(
    the_demo_is_found_in_chinese_and_english,
    |db: TestDb| async move {
        let app = searchable(App::new(db.open().await));
        app.load_demo().await.unwrap();
        let cacms = demo_id("org:cacms");
        let zhongyi = found(&app, "中医", None).await;
        assert!(
            zhongyi.contains(&cacms),
            "中医 inside 中国中医科学院 finds CACMS"
        );
        assert!(zhongyi.len() > 20, "中医 is everywhere in the demo");
        let centres = found(&app, "centres", Some(RecordKind::Centre)).await;
        for country in ["us", "germany", "norway", "italy", "austria"] {
            let id = demo_id(&format!("centre:cacms:china_{country}_tcm_center"));
            assert!(centres.contains(&id), "centres finds the {country} centre");
        }
        let hit = &app.search(&SearchQuery::new("针灸")).await.unwrap().hits[0];
        let snippet = format!("{:?}{:?}", hit.snippet_zh, hit.snippet_en);
        assert!(snippet.contains("<mark>"), "{snippet}");
    }
);

both_backends!(
    every_change_to_a_record_reaches_the_index,
    |db: TestDb| async move {
        let app = searchable(App::new(db.open().await));
        let new = NewRecord::draft(organization("推拿研究所", "Quokka Tuina Institute"));
        let created = app.create(new, &actor()).await.unwrap();
        let id = created.id;
        assert_eq!(found(&app, "quokka", None).await, vec![id], "found at once");
        assert_eq!(found(&app, "推拿", None).await, vec![id]);

        let renamed = organization("推拿研究所", "Wombat Tuina Institute");
        let change = Change::body_of(&created, renamed);
        let updated = app
            .update(id, created.version, change, &actor())
            .await
            .unwrap();
        assert!(
            found(&app, "quokka", None).await.is_empty(),
            "old title gone"
        );
        assert_eq!(found(&app, "wombats", None).await, vec![id]);

        let step = Transition::Submit;
        let kind = RecordKind::Organization;
        app.transition(kind, id, updated.version, step, None, &actor())
            .await
            .unwrap();
        let query = SearchQuery {
            approval: Some(Approval::Submitted),
            ..SearchQuery::new("wombat")
        };
        let submitted = app.search(&query).await.unwrap();
        assert_eq!(submitted.total, 1, "the review step is indexed");

        app.delete(kind, id, None, &actor()).await.unwrap();
        assert!(found(&app, "wombat", None).await.is_empty(), "trash leaves");
        app.undelete(id, &actor()).await.unwrap();
        assert_eq!(
            found(&app, "wombat", None).await,
            vec![id],
            "and comes back"
        );

        app.revert(kind, id, 1, None, &actor()).await.unwrap();
        assert_eq!(
            found(&app, "quokka", None).await,
            vec![id],
            "reverted title"
        );
        assert!(found(&app, "wombat", None).await.is_empty());
    }
);

both_backends!(
    an_empty_index_is_rebuilt_and_a_full_one_left_alone,
    |db: TestDb| async move {
        let store = db.open().await;
        App::new(store.clone()).load_demo().await.unwrap();
        let live: u64 = App::new(store.clone())
            .stats()
            .await
            .unwrap()
            .values()
            .sum();
        let app = searchable(App::new(store));
        assert!(
            found(&app, "中医", None).await.is_empty(),
            "not indexed yet"
        );
        let indexed = app.rebuild_search_if_empty().await.unwrap();
        assert_eq!(indexed as u64, live, "every live record");
        assert!(!found(&app, "中医", None).await.is_empty());
        assert_eq!(app.rebuild_search_if_empty().await.unwrap(), 0);
        assert_eq!(app.rebuild_search_if_stale().await.unwrap(), 0);
        assert_eq!(app.rebuild_search().await.unwrap() as u64, live);
    }
);

both_backends!(
    a_stale_index_is_rebuilt_after_writes_it_did_not_see,
    |db: TestDb| async move {
        let store = db.open().await;
        let app = searchable(App::new(store.clone()));
        let new = NewRecord::draft(organization("推拿研究所", "Quokka Tuina Institute"));
        app.create(new, &actor()).await.unwrap();
        // Another process (the CLI) loads the demo while this index is closed.
        App::new(store).load_demo().await.unwrap();
        assert!(found(&app, "中医", None).await.is_empty());
        assert_eq!(app.rebuild_search_if_empty().await.unwrap(), 0, "not empty");
        assert!(app.rebuild_search_if_stale().await.unwrap() > 200);
        assert!(!found(&app, "中医", None).await.is_empty());
    }
);

both_backends!(
    a_restore_rebuilds_the_index_and_no_index_is_an_error,
    |db: TestDb| async move {
        let source = App::new(db.open().await);
        source.load_demo().await.unwrap();
        let mut archive = Vec::new();
        source.export_archive(&mut archive).await.unwrap();
        let target_db = TestDb::new(db.backend).await;
        let target = searchable(App::new(target_db.open().await));
        target.restore_archive(&archive[..], false).await.unwrap();
        let cacms = demo_id("org:cacms");
        assert!(found(&target, "中医", None).await.contains(&cacms));

        let err = source.search(&SearchQuery::new("中医")).await.unwrap_err();
        assert_eq!(err.code(), "search_unavailable");
        assert!(!source.has_search() && target.has_search());
    }
);
