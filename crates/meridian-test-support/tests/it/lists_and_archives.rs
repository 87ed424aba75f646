//! Lists, counts, whole-database scans, and loading archives.

use crate::conformance::with_links;
use meridian_domain::{Approval, RecordKind};
use meridian_store::*;
use meridian_test_support::builders::sample;
use meridian_test_support::{both_backends, Backend, TestDb};

both_backends!(
    lists_filter_by_kind_approval_and_trash_and_page,
    |db: TestDb| async move {
        let store = db.open().await;
        let links = with_links(&store).await;
        let a = Actor::new("a");
        for v in 0..5 {
            store
                .create(
                    NewRecord::draft(sample(RecordKind::News, &links, 10 + v)),
                    &a,
                )
                .await
                .unwrap();
        }
        let news = ListQuery {
            kind: Some(RecordKind::News),
            limit: 2,
            ..ListQuery::default()
        };
        let page = store.list(&news).await.unwrap();
        assert_eq!((page.total, page.items.len()), (6, 2));
        let drafts = store
            .list(&ListQuery {
                approval: Some(Approval::Draft),
                ..news.clone()
            })
            .await
            .unwrap();
        assert_eq!(drafts.total, 5);
        let last = store
            .list(&ListQuery {
                offset: 4,
                ..news.clone()
            })
            .await
            .unwrap();
        assert_eq!(last.items.len(), 2);
        let counts = store.counts().await.unwrap();
        assert_eq!(counts[&RecordKind::News], 6);
        assert_eq!(counts[&RecordKind::Organization], 2);
    }
);

async fn scan_all(store: &std::sync::Arc<dyn Store>) -> (Vec<StoredRecord>, Vec<HistoryEntry>) {
    let (mut records, mut history) = (Vec::new(), Vec::new());
    let mut cursor = None;
    loop {
        let page = store.scan_records(cursor, 3).await.unwrap();
        let Some(last) = page.last() else { break };
        cursor = Some((last.kind(), last.id));
        records.extend(page);
    }
    let mut cursor = None;
    loop {
        let page = store.scan_history(cursor, 3).await.unwrap();
        let Some(last) = page.last() else { break };
        cursor = Some((last.record_id, last.version));
        history.extend(page);
    }
    (records, history)
}

both_backends!(
    an_archive_loads_into_the_other_backend_unchanged,
    |db: TestDb| async move {
        let store = db.open().await;
        let links = with_links(&store).await;
        let a = Actor::new("a");
        let news = store
            .create(NewRecord::draft(sample(RecordKind::News, &links, 1)), &a)
            .await
            .unwrap();
        store
            .update(
                news.id,
                1,
                Change::body_of(&news, sample(RecordKind::News, &links, 2)),
                &a,
            )
            .await
            .unwrap();
        store.delete(news.id, 2, &a).await.unwrap();
        let (records, history) = scan_all(&store).await;
        assert_eq!(records.len(), 7);

        let other = TestDb::new(if db.backend == Backend::Sqlite {
            Backend::Postgres
        } else {
            Backend::Sqlite
        })
        .await;
        let copy = other.open().await;
        copy.load(records.clone(), history.clone(), false)
            .await
            .unwrap();
        assert_eq!(scan_all(&copy).await, (records.clone(), history.clone()));
        assert!(
            copy.get(news.id).await.unwrap().is_deleted(),
            "the trash comes along"
        );

        let err = copy
            .load(records.clone(), history.clone(), false)
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::NotEmpty { records: 7 }),
            "{err:?}"
        );
        let organizations: Vec<_> = records
            .iter()
            .filter(|r| r.kind() == RecordKind::Organization)
            .cloned()
            .collect();
        copy.load(organizations, vec![], true).await.unwrap();
        assert_eq!(
            copy.record_total().await.unwrap(),
            2,
            "replace removes what was there"
        );
    }
);

both_backends!(
    an_archive_with_a_dangling_link_is_refused_whole,
    |db: TestDb| async move {
        let store = db.open().await;
        let links = with_links(&store).await;
        let (records, history) = scan_all(&store).await;
        let other = TestDb::new(db.backend).await;
        let copy = other.open().await;
        let without_org_a: Vec<_> = records
            .into_iter()
            .filter(|r| r.id != links.org_a)
            .collect();
        let err = copy.load(without_org_a, history, false).await.unwrap_err();
        assert!(matches!(err, StoreError::Invalid { .. }), "{err:?}");
        assert_eq!(copy.record_total().await.unwrap(), 0);
    }
);
