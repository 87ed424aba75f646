//! `ExchangeStore`: an import's creates and updates land together or not at all, with the
//! batch's comment in history; column mappings are saved, replaced and read back.

use meridian_domain::{Approval, RecordId};
use meridian_store::*;
use meridian_test_support::builders::organization;
use meridian_test_support::{both_backends, TestDb};
use std::collections::BTreeMap;

fn parent_of(child: &str, parent: RecordId) -> meridian_domain::RecordBody {
    let mut data = organization(child, child).to_data();
    data["parent"] = parent.to_string().into();
    meridian_domain::RecordBody::from_data(meridian_domain::RecordKind::Organization, data).unwrap()
}

both_backends!(
    a_batch_writes_creates_and_updates_together,
    |db: TestDb| async move {
        let store = db.open().await;
        let actor = Actor::new("importer");
        let old = store
            .create(NewRecord::draft(organization("旧", "Old")), &actor)
            .await
            .unwrap();
        let parent = RecordId::new();
        let batch = Batch {
            creates: vec![
                NewRecord {
                    id: Some(parent),
                    ..NewRecord::draft(organization("甲", "A"))
                },
                NewRecord {
                    id: None,
                    ..NewRecord::draft(parent_of("乙", parent))
                },
            ],
            updates: vec![BatchUpdate {
                id: old.id,
                expected_version: old.version,
                change: Change::body_of(&old, organization("新", "New")),
            }],
            comment: Some("imported from a.csv".into()),
        };
        let done = store.apply_batch(batch, &actor).await.unwrap();
        assert_eq!((done.created, done.updated), (2, 1));
        let history = store.history(old.id).await.unwrap();
        assert_eq!(history[1].comment.as_deref(), Some("imported from a.csv"));
        assert_eq!(store.get(parent).await.unwrap().approval, Approval::Draft);
    }
);

both_backends!(
    a_batch_with_a_missing_link_writes_nothing,
    |db: TestDb| async move {
        let store = db.open().await;
        let actor = Actor::new("importer");
        let old = store
            .create(NewRecord::draft(organization("旧", "Old")), &actor)
            .await
            .unwrap();
        let batch = Batch {
            creates: vec![
                NewRecord::draft(organization("甲", "A")),
                NewRecord::draft(parent_of("乙", RecordId::new())),
            ],
            updates: vec![BatchUpdate {
                id: old.id,
                expected_version: old.version,
                change: Change::body_of(&old, organization("新", "New")),
            }],
            comment: None,
        };
        let refused = store.apply_batch(batch, &actor).await.unwrap_err();
        assert_eq!(refused.code(), "invalid", "{refused}");
        assert_eq!(store.counts().await.unwrap().values().sum::<u64>(), 1);
        assert_eq!(store.get(old.id).await.unwrap().version, 1);
    }
);

both_backends!(
    mappings_are_saved_replaced_and_listed,
    |db: TestDb| async move {
        let store = db.open().await;
        let mut mapping = ImportMapping {
            name: "office".into(),
            kind: Some("organization".into()),
            columns: BTreeMap::from([("单位".to_string(), "name.zh".to_string())]),
        };
        store.save_mapping(&mapping).await.unwrap();
        mapping.columns.insert("类别".into(), "org_type".into());
        store.save_mapping(&mapping).await.unwrap();
        assert_eq!(
            store.mapping("office").await.unwrap(),
            Some(mapping.clone())
        );
        assert_eq!(store.mappings().await.unwrap(), vec![mapping]);
        assert_eq!(store.mapping("other").await.unwrap(), None);
    }
);
