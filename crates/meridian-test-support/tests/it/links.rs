//! Links between records: never dangling, never to the trash, never of the wrong kind.

use crate::conformance::with_links;
use meridian_domain::{Reason, RecordId, RecordKind};
use meridian_store::*;
use meridian_test_support::builders::{organization, sample, Links};
use meridian_test_support::{both_backends, TestDb};

both_backends!(
    a_link_to_a_missing_record_is_refused_and_nothing_is_written,
    |db: TestDb| async move {
        let store = db.open().await;
        let links = with_links(&store).await;
        let before = store.counts().await.unwrap();
        let ghost = RecordId::new();
        let dangling = Links {
            org_b: ghost,
            ..links
        };
        let err = store
            .create(
                NewRecord::draft(sample(RecordKind::Membership, &dangling, 0)),
                &Actor::new("a"),
            )
            .await
            .unwrap_err();
        let StoreError::Invalid { record, problems } = err else {
            panic!("expected invalid")
        };
        assert!(record.starts_with("membership "), "{record}");
        assert_eq!(problems.errors.len(), 1);
        assert_eq!(problems.errors[0].field, "membership.organization");
        assert_eq!(
            problems.errors[0].reason,
            Reason::MissingRecord {
                id: ghost.to_string()
            }
        );
        assert_eq!(store.counts().await.unwrap(), before);
    }
);

both_backends!(
    a_link_to_the_wrong_kind_of_record_is_refused,
    |db: TestDb| async move {
        let store = db.open().await;
        let links = with_links(&store).await;
        let wrong = Links {
            org_b: links.indicator,
            ..links
        };
        let err = store
            .create(
                NewRecord::draft(sample(RecordKind::Membership, &wrong, 0)),
                &Actor::new("a"),
            )
            .await
            .unwrap_err();
        let StoreError::Invalid { problems, .. } = err else {
            panic!("expected invalid")
        };
        assert!(
            matches!(&problems.errors[0].reason, Reason::WrongKind { found, .. } if found == "indicator")
        );
    }
);

both_backends!(
    a_record_others_link_to_cannot_be_deleted,
    |db: TestDb| async move {
        let store = db.open().await;
        let links = with_links(&store).await;
        let m = store
            .create(
                NewRecord::draft(sample(RecordKind::Membership, &links, 0)),
                &Actor::new("a"),
            )
            .await
            .unwrap();
        let err = store
            .delete(links.org_b, 1, &Actor::new("a"))
            .await
            .unwrap_err();
        let StoreError::Referenced { by, .. } = &err else {
            panic!("{err:?}")
        };
        assert!(
            by.iter()
                .any(|r| r.id == m.id && r.field == "membership.organization"),
            "{by:?}"
        );
        assert!(err.to_string().contains("remove those links first"));
        assert!(!store.get(links.org_b).await.unwrap().is_deleted());
    }
);

both_backends!(
    a_record_cannot_come_back_while_what_it_links_to_is_in_the_trash,
    |db: TestDb| async move {
        let store = db.open().await;
        let a = Actor::new("a");
        let links = with_links(&store).await;
        let target = store
            .create(NewRecord::draft(organization("目标", "Target")), &a)
            .await
            .unwrap();
        let linking = Links {
            org_b: target.id,
            ..links
        };
        let m = store
            .create(
                NewRecord::draft(sample(RecordKind::Membership, &linking, 0)),
                &a,
            )
            .await
            .unwrap();
        store.delete(m.id, 1, &a).await.unwrap();
        store.delete(target.id, 1, &a).await.unwrap();
        let err = store.undelete(m.id, &a).await.unwrap_err();
        assert!(matches!(err, StoreError::Invalid { .. }), "{err:?}");
        store.undelete(target.id, &a).await.unwrap();
        store.undelete(m.id, &a).await.unwrap();
    }
);

both_backends!(
    many_records_are_created_all_or_nothing,
    |db: TestDb| async move {
        let store = db.open().await;
        let links = with_links(&store).await;
        let before = store.counts().await.unwrap();
        let bad = Links {
            org_a: RecordId::new(),
            ..links
        };
        let batch = vec![
            NewRecord::draft(sample(RecordKind::News, &links, 5)),
            NewRecord::draft(sample(RecordKind::Contact, &bad, 5)),
        ];
        assert!(store.create_many(batch, &Actor::new("a")).await.is_err());
        assert_eq!(
            store.counts().await.unwrap(),
            before,
            "the valid first record was not kept"
        );
    }
);
