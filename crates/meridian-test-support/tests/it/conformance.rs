//! Create, update, conflict, history, restore, trash and undelete for every record kind.

use meridian_domain::{Approval, RecordKind};
use meridian_store::*;
use meridian_test_support::builders::{sample, Links};
use meridian_test_support::{both_backends, Backend, TestDb};
use std::sync::Arc;

pub async fn with_links(store: &Arc<dyn Store>) -> Links {
    let links = Links::default();
    for (id, body) in links.bodies() {
        store
            .create(
                NewRecord {
                    id: Some(id),
                    body,
                    approval: Approval::Approved,
                    unit: None,
                },
                &Actor::new("setup"),
            )
            .await
            .expect("linked records");
    }
    links
}

both_backends!(
    every_kind_goes_through_its_whole_life,
    |db: TestDb| async move {
        let store = db.open().await;
        let links = with_links(&store).await;
        let alice = Actor::new("alice");
        let bob = Actor::new("bob");
        for kind in RecordKind::ALL {
            let first = sample(*kind, &links, 1);
            let created = store
                .create(NewRecord::draft(first.clone()), &alice)
                .await
                .unwrap();
            assert_eq!((created.version, created.kind()), (1, *kind));
            assert_eq!(
                store.get(created.id).await.unwrap().body,
                first,
                "{kind} reads back as written"
            );
            // A create's after state is read from the record while it is at version 1
            // (it is not written twice), then from the next change's before state.
            let history = store.history(created.id).await.unwrap();
            assert_eq!(history[0].after, created.snapshot(), "{kind}: version 1");

            let second = sample(*kind, &links, 2);
            assert_ne!(first, second, "{kind} variants differ");
            let updated = store
                .update(
                    created.id,
                    1,
                    Change::body_of(&created, second.clone()),
                    &bob,
                )
                .await
                .unwrap();
            assert_eq!(updated.version, 2);
            assert_eq!(updated.updated_by, "bob");

            let stale = store
                .update(
                    created.id,
                    1,
                    Change::body_of(&created, sample(*kind, &links, 3)),
                    &alice,
                )
                .await;
            assert!(
                matches!(
                    stale,
                    Err(StoreError::Conflict {
                        expected: 1,
                        found: 2,
                        ..
                    })
                ),
                "{kind}: {stale:?}"
            );
            assert_eq!(
                store.get(created.id).await.unwrap().body,
                second,
                "{kind}: a conflict overwrites nothing"
            );

            let history = store.history(created.id).await.unwrap();
            assert_eq!(history.len(), 2);
            assert_eq!(history[0].after, created.snapshot(), "{kind}: version 1");
            assert_eq!(history[1].before.as_ref().unwrap().data, first.to_data());
            assert_eq!(history[1].after.data, second.to_data());
            assert_eq!(
                (history[0].actor.as_str(), history[1].actor.as_str()),
                ("alice", "bob")
            );

            let restored = store
                .restore_version(created.id, 1, 2, &alice)
                .await
                .unwrap();
            assert_eq!(
                (restored.version, &restored.body),
                (3, &first),
                "{kind}: version 1 restored"
            );

            let deleted = store.delete(created.id, 3, &alice).await.unwrap();
            assert!(deleted.is_deleted());
            let in_trash = store
                .list(&ListQuery {
                    kind: Some(*kind),
                    trash: TrashFilter::Trashed,
                    ..ListQuery::default()
                })
                .await
                .unwrap();
            assert!(
                in_trash.items.iter().any(|r| r.id == created.id),
                "{kind} is in the trash"
            );
            let refused = store
                .update(
                    created.id,
                    4,
                    Change::body_of(&created, second.clone()),
                    &alice,
                )
                .await;
            assert!(
                matches!(refused, Err(StoreError::InTrash { .. })),
                "{kind}: {refused:?}"
            );

            let back = store.undelete(created.id, &bob).await.unwrap();
            assert!(!back.is_deleted());
            assert_eq!((back.version, &back.body), (5, &first));
            let actions: Vec<_> = store
                .history(created.id)
                .await
                .unwrap()
                .iter()
                .map(|h| h.action)
                .collect();
            use HistoryAction::*;
            assert_eq!(
                actions,
                vec![Create, Update, Restore, Delete, Undelete],
                "{kind}"
            );
        }
    }
);

both_backends!(
    undeleting_a_live_record_is_refused,
    |db: TestDb| async move {
        let store = db.open().await;
        let links = with_links(&store).await;
        let err = store
            .undelete(links.org_a, &Actor::new("a"))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotInTrash { .. }), "{err:?}");
    }
);

both_backends!(
    restoring_a_version_that_never_existed_is_refused,
    |db: TestDb| async move {
        let store = db.open().await;
        let links = with_links(&store).await;
        let err = store
            .restore_version(links.org_a, 7, 1, &Actor::new("a"))
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::VersionNotFound { version: 7, .. }),
            "{err:?}"
        );
        assert_eq!(store.get(links.org_a).await.unwrap().version, 1);
    }
);

both_backends!(
    two_writers_with_the_same_version_cannot_both_win,
    |db: TestDb| async move {
        let store = db.open().await;
        let links = with_links(&store).await;
        let current = store.get(links.org_a).await.unwrap();
        let tasks: Vec<_> = (0..4)
            .map(|i| {
                let store = store.clone();
                let change =
                    Change::body_of(&current, sample(RecordKind::Organization, &links, 10 + i));
                tokio::spawn(async move {
                    store
                        .update(current.id, 1, change, &Actor::new(format!("w{i}")))
                        .await
                })
            })
            .collect();
        let mut won = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(_) => won += 1,
                Err(StoreError::Conflict { .. }) => {}
                Err(e) => panic!("unexpected {e:?}"),
            }
        }
        assert_eq!(won, 1);
        assert_eq!(store.get(links.org_a).await.unwrap().version, 2);
        assert_eq!(store.history(links.org_a).await.unwrap().len(), 2);
    }
);

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_foreign_keys_on_and_8_kb_pages() {
    let db = TestDb::new(Backend::Sqlite).await;
    db.open().await;
    let pool = meridian_store_sql::SqlStore::connect(&db.url, 1)
        .await
        .unwrap();
    use sqlx::Row;
    let mode: String = sqlx::query("PRAGMA journal_mode")
        .fetch_one(&pool)
        .await
        .unwrap()
        .get(0);
    let fk: i64 = sqlx::query("PRAGMA foreign_keys")
        .fetch_one(&pool)
        .await
        .unwrap()
        .get(0);
    // Read on a connection of its own: the page size is the file's, not a setting.
    let page: i64 = sqlx::query("PRAGMA page_size")
        .fetch_one(&pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!((mode.as_str(), fk, page), ("wal", 1, 8192));
}
