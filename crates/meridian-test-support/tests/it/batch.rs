//! `ExchangeStore`: an import's creates and updates land together or not at all, with the
//! batch's comment in history; a session's batches (an import run's files) each all or
//! nothing, seen only once committed; column mappings are saved, replaced and read back.

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
    a_session_keeps_each_batch_whole_and_shows_them_once_committed,
    |db: TestDb| async move {
        let store = db.open().await;
        let actor = Actor::new("importer");
        let first = RecordId::new();
        let one = |id, body| Batch {
            creates: vec![NewRecord {
                id: Some(id),
                ..NewRecord::draft(body)
            }],
            updates: Vec::new(),
            comment: Some("run".into()),
        };
        let mut session = store.begin_batches().await.unwrap();
        session
            .apply(one(first, organization("甲", "A")), &actor)
            .await
            .unwrap();
        // Refused (its second record links to a missing one): neither record stays.
        let mut broken = one(RecordId::new(), organization("乙", "B"));
        broken
            .creates
            .push(NewRecord::draft(parent_of("丙", RecordId::new())));
        let refused = session.apply(broken, &actor).await.unwrap_err();
        assert_eq!(refused.code(), "invalid", "{refused}");
        // The session goes on, and a later batch may link to an earlier one's record.
        let second = RecordId::new();
        session
            .apply(one(second, parent_of("丁", first)), &actor)
            .await
            .unwrap();
        assert_eq!(
            store.counts().await.unwrap().values().sum::<u64>(),
            0,
            "nothing is seen before the commit"
        );
        session.commit().await.unwrap();
        assert_eq!(store.counts().await.unwrap().values().sum::<u64>(), 2);
        assert_eq!(store.get(second).await.unwrap().version, 1);
        let history = store.history(first).await.unwrap();
        assert_eq!(history[0].comment.as_deref(), Some("run"));
    }
);

both_backends!(
    a_session_dropped_without_commit_writes_nothing,
    |db: TestDb| async move {
        let store = db.open().await;
        let actor = Actor::new("importer");
        let mut session = store.begin_batches().await.unwrap();
        let batch = Batch {
            creates: vec![NewRecord::draft(organization("甲", "A"))],
            ..Batch::default()
        };
        session.apply(batch, &actor).await.unwrap();
        drop(session);
        assert_eq!(store.counts().await.unwrap().values().sum::<u64>(), 0);
        // The write lock went with it: an ordinary write goes through.
        store
            .create(NewRecord::draft(organization("乙", "B")), &actor)
            .await
            .unwrap();
        assert_eq!(store.counts().await.unwrap().values().sum::<u64>(), 1);
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

/// The batch applied one write at a time (`create`, then `update`), as the batch write
/// worked before it checked and wrote in bulk: the reference it must agree with (except
/// for the comment of creates, which `create` cannot take).
async fn one_by_one(store: &dyn Store, batch: Batch, actor: &Actor) -> StoreResult<()> {
    for new in batch.creates {
        store.create(new, actor).await?;
    }
    for u in batch.updates {
        let change = Change {
            comment: u.change.comment.or_else(|| batch.comment.clone()),
            ..u.change
        };
        store
            .update(u.id, u.expected_version, change, actor)
            .await?;
    }
    Ok(())
}

fn with_id(id: RecordId, body: meridian_domain::RecordBody) -> NewRecord {
    NewRecord {
        id: Some(id),
        ..NewRecord::draft(body)
    }
}

both_backends!(
    a_refused_batch_gives_the_error_one_write_after_another_gives,
    |db: TestDb| async move {
        let store = db.open().await;
        let actor = Actor::new("importer");
        let old = store
            .create(NewRecord::draft(organization("旧", "Old")), &actor)
            .await
            .unwrap();
        let gone = store
            .create(NewRecord::draft(organization("废", "Gone")), &actor)
            .await
            .unwrap();
        store.delete(gone.id, 1, &actor).await.unwrap();
        let update = |id: RecordId, expected_version: i64| BatchUpdate {
            id,
            expected_version,
            change: Change::body_of(&old, organization("新", "New")),
        };
        let creates = |list: Vec<NewRecord>| Batch {
            creates: list,
            ..Batch::default()
        };
        // Fresh ids for each case: the one-by-one path keeps what it wrote before failing.
        let refused = |a: RecordId, b: RecordId| {
            [
                // the same id twice; an id already taken
                creates(vec![
                    with_id(a, organization("甲", "A")),
                    with_id(a, organization("乙", "B")),
                ]),
                creates(vec![with_id(old.id, organization("甲", "A"))]),
                // a link to a record created later in the batch, to a trashed one, to itself
                creates(vec![
                    with_id(a, parent_of("甲", b)),
                    with_id(b, organization("乙", "B")),
                ]),
                creates(vec![with_id(a, parent_of("甲", gone.id))]),
                creates(vec![with_id(a, parent_of("甲", a))]),
                // updates: stale, trashed, missing, and one whose link is missing
                Batch {
                    updates: vec![update(old.id, 7)],
                    ..Batch::default()
                },
                Batch {
                    updates: vec![update(gone.id, 2)],
                    ..Batch::default()
                },
                Batch {
                    creates: vec![with_id(a, organization("甲", "A"))],
                    updates: vec![update(b, 1)],
                    comment: None,
                },
                Batch {
                    updates: vec![BatchUpdate {
                        change: Change::body_of(&old, parent_of("新", b)),
                        ..update(old.id, 1)
                    }],
                    ..Batch::default()
                },
            ]
        };
        for case in 0..refused(old.id, old.id).len() {
            let batch = refused(RecordId::new(), RecordId::new())[case].clone();
            let total = store.record_total().await.unwrap();
            let bulk = store.apply_batch(batch.clone(), &actor).await.unwrap_err();
            assert_eq!(store.record_total().await.unwrap(), total, "{bulk}");
            assert_eq!(store.get(old.id).await.unwrap().version, 1, "{bulk}");
            let single = one_by_one(store.as_ref(), batch, &actor).await.unwrap_err();
            assert_eq!(format!("{bulk:?}"), format!("{single:?}"), "case {case}");
        }
    }
);

both_backends!(
    a_batch_writes_the_rows_one_write_after_another_writes,
    |db: TestDb| async move {
        let store = db.open().await;
        let actor = Actor::new("importer");
        let (a, b, c) = (RecordId::new(), RecordId::new(), RecordId::new());
        let old = store
            .create(with_id(c, organization("旧", "Old")), &actor)
            .await
            .unwrap();
        let batch = Batch {
            creates: vec![
                with_id(a, organization("甲", "A")),
                NewRecord {
                    unit: Some(a),
                    ..with_id(b, parent_of("乙", a))
                },
            ],
            updates: vec![
                BatchUpdate {
                    id: c,
                    expected_version: 1,
                    change: Change::body_of(&old, parent_of("新", b)),
                },
                // a record created by the batch, updated by it too
                BatchUpdate {
                    id: a,
                    expected_version: 1,
                    change: Change {
                        comment: Some("renamed".into()),
                        ..Change::body_of(&old, organization("甲2", "A2"))
                    },
                },
            ],
            comment: Some("imported from a.csv".into()),
        };
        let done = store.apply_batch(batch.clone(), &actor).await.unwrap();
        assert_eq!((done.created, done.updated), (2, 2));

        let twin = TestDb::new(db.backend).await;
        let reference = twin.open().await;
        reference
            .create(with_id(c, organization("旧", "Old")), &actor)
            .await
            .unwrap();
        one_by_one(reference.as_ref(), batch, &actor).await.unwrap();
        for id in [a, b, c] {
            let (x, y) = (
                store.get(id).await.unwrap(),
                reference.get(id).await.unwrap(),
            );
            assert_eq!(
                (x.version, &x.body, x.unit, x.approval),
                (y.version, &y.body, y.unit, y.approval)
            );
            let history = store.history(id).await.unwrap();
            if id != c {
                assert_eq!(history[0].comment.as_deref(), Some("imported from a.csv"));
            }
            let strip = |h: Vec<HistoryEntry>| {
                h.into_iter()
                    .map(|e| {
                        let comment = e.comment.filter(|_| e.action != HistoryAction::Create);
                        (e.version, e.action, e.actor, comment, e.before, e.after)
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(strip(history), strip(reference.history(id).await.unwrap()));
            assert_eq!(
                store.linked_from(id).await.unwrap(),
                reference.linked_from(id).await.unwrap()
            );
        }
        assert_eq!(store.linked_from(b).await.unwrap().len(), 1, "c links to b");
    }
);

both_backends!(
    a_batch_with_thousands_of_links_stores_each_once,
    |db: TestDb| async move {
        // More links than one call of statements holds (2,048) and not a multiple of a
        // statement's 128: on SQLite two calls, the last statement padded with repeats
        // that must not be stored twice.
        let store = db.open().await;
        let actor = Actor::new("importer");
        let parent = RecordId::new();
        store
            .create(with_id(parent, organization("总", "Parent")), &actor)
            .await
            .unwrap();
        let children: Vec<RecordId> = (0..1100).map(|_| RecordId::new()).collect();
        let batch = Batch {
            creates: children
                .iter()
                .enumerate()
                .map(|(i, id)| NewRecord {
                    unit: Some(parent),
                    ..with_id(*id, parent_of(&format!("分{i}"), parent))
                })
                .collect(),
            ..Batch::default()
        };
        store.apply_batch(batch, &actor).await.unwrap();
        let referrers = store.linked_from(parent).await.unwrap();
        let from: std::collections::HashSet<RecordId> = referrers.iter().map(|r| r.id).collect();
        assert_eq!(from, children.iter().copied().collect());
        let twice = TestDb::new(db.backend).await;
        let reference = twice.open().await;
        reference
            .create(with_id(parent, organization("总", "Parent")), &actor)
            .await
            .unwrap();
        for id in &children[..3] {
            reference
                .create(
                    NewRecord {
                        unit: Some(parent),
                        ..with_id(*id, parent_of("分", parent))
                    },
                    &actor,
                )
                .await
                .unwrap();
        }
        // Each child links to the parent as parent and as unit: as many rows as the
        // one-record path writes for the same record.
        let per_child = reference.linked_from(parent).await.unwrap().len() / 3;
        assert_eq!(referrers.len(), children.len() * per_child);
    }
);

both_backends!(
    each_create_of_a_batch_gets_one_history_entry_of_its_own,
    |db: TestDb| async move {
        // Records written before, a batch of several statements' worth (SQLite copies a
        // batch's history from the records it has just inserted), a refused batch in a
        // session, then a batch after it: every record has exactly its own create entry,
        // with the batch's comment and actor.
        let store = db.open().await;
        let (earlier, importer) = (Actor::new("editor"), Actor::new("importer"));
        let mut expected: BTreeMap<RecordId, (String, Option<String>)> = BTreeMap::new();
        for i in 0..3 {
            let r = store
                .create(
                    NewRecord::draft(organization(&format!("先{i}"), "Before")),
                    &earlier,
                )
                .await
                .unwrap();
            expected.insert(r.id, ("editor".into(), None));
        }
        let batch_of = |n: usize, name: &str| Batch {
            creates: (0..n)
                .map(|i| with_id(RecordId::new(), organization(&format!("{name}{i}"), name)))
                .collect(),
            updates: vec![],
            comment: Some(format!("imported from {name}.csv")),
        };
        // A batch that will be stored: each of its records expects its entry.
        let mut stored = |n, name| {
            let batch = batch_of(n, name);
            for c in &batch.creates {
                expected.insert(c.id.unwrap(), ("importer".into(), batch.comment.clone()));
            }
            batch
        };
        let (big, first, last) = (stored(300, "big"), stored(5, "first"), stored(130, "last"));
        store.apply_batch(big, &importer).await.unwrap();

        let mut session = store.begin_batches().await.unwrap();
        session.apply(first, &importer).await.unwrap();
        let mut refused = batch_of(4, "refused");
        refused
            .creates
            .push(NewRecord::draft(parent_of("孤", RecordId::new())));
        session.apply(refused, &importer).await.unwrap_err();
        session.apply(last, &importer).await.unwrap();
        session.commit().await.unwrap();

        let history = store.scan_history(None, 10_000).await.unwrap();
        let found: BTreeMap<RecordId, (String, Option<String>)> = history
            .iter()
            .map(|h| (h.record_id, (h.actor.clone(), h.comment.clone())))
            .collect();
        assert_eq!(history.len(), expected.len(), "one entry a record");
        assert_eq!(found, expected);
        for h in &history {
            assert_eq!((h.action, h.version), (HistoryAction::Create, 1));
            let record = store.get(h.record_id).await.unwrap();
            assert_eq!(h.after, record.snapshot(), "{}", h.record_id);
            assert_eq!(h.at, record.created_at);
        }
    }
);

both_backends!(
    a_session_batch_of_updates_hands_the_next_batch_its_savepoint,
    |db: TestDb| async move {
        // A batch with updates turns the savepoint after them (not after its creates):
        // a refused batch after it must still roll back to its own start only.
        let store = db.open().await;
        let actor = Actor::new("importer");
        let old = store
            .create(NewRecord::draft(organization("旧", "Old")), &actor)
            .await
            .unwrap();
        let mut session = store.begin_batches().await.unwrap();
        let added = RecordId::new();
        let changing = Batch {
            creates: vec![with_id(added, organization("甲", "A"))],
            updates: vec![BatchUpdate {
                id: old.id,
                expected_version: 1,
                change: Change::body_of(&old, parent_of("新", added)),
            }],
            comment: Some("b.csv".into()),
        };
        session.apply(changing, &actor).await.unwrap();
        let refused = Batch {
            creates: vec![
                NewRecord::draft(organization("乙", "B")),
                NewRecord::draft(parent_of("孤", RecordId::new())),
            ],
            ..Batch::default()
        };
        session.apply(refused, &actor).await.unwrap_err();
        session.commit().await.unwrap();

        assert_eq!(store.counts().await.unwrap().values().sum::<u64>(), 2);
        let history = store.history(old.id).await.unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!(history[1].comment.as_deref(), Some("b.csv"));
        assert_eq!(history[1].before, Some(old.snapshot()));
        assert_eq!(
            history[1].after,
            store.get(old.id).await.unwrap().snapshot()
        );
        assert_eq!(store.linked_from(added).await.unwrap().len(), 1);
    }
);
