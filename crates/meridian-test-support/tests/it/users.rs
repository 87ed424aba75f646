//! Users, reporting units and sessions as stored, on both backends.

use meridian_domain::user::{Role, UnitKind, UserId};
use meridian_domain::{Approval, Lang, RecordId};
use meridian_store::*;
use meridian_test_support::builders::{organization, sample, Links};
use meridian_test_support::{both_backends, TestDb};
use std::sync::Arc;

/// A province (administration) over a city bureau (administration) over a hospital, and
/// an unrelated university: four organizations, all made units.
struct Tree {
    province: RecordId,
    city: RecordId,
    hospital: RecordId,
    university: RecordId,
}

async fn org(store: &Arc<dyn Store>, zh: &str, en: &str) -> RecordId {
    let record = NewRecord {
        approval: Approval::Approved,
        ..NewRecord::draft(organization(zh, en))
    };
    store.create(record, &Actor::new("setup")).await.unwrap().id
}

async fn unit(store: &Arc<dyn Store>, org: RecordId, kind: UnitKind, parent: Option<RecordId>) {
    store.add_unit(NewUnit { org, parent, kind }).await.unwrap();
}

async fn tree(store: &Arc<dyn Store>) -> Tree {
    let t = Tree {
        province: org(store, "江苏省卫生健康委员会", "Jiangsu Health Commission").await,
        city: org(store, "南京市卫生健康委员会", "Nanjing Health Commission").await,
        hospital: org(store, "南京鼓楼医院", "Nanjing Drum Tower Hospital").await,
        university: org(store, "清华大学", "Tsinghua University").await,
    };
    use UnitKind::*;
    unit(store, t.province, Administration, None).await;
    unit(store, t.city, Administration, Some(t.province)).await;
    unit(store, t.hospital, Institution, Some(t.city)).await;
    unit(store, t.university, Institution, None).await;
    t
}

fn new_user(name: &str, unit: RecordId) -> NewUser {
    NewUser {
        name: name.into(),
        display_name: Some(format!("{name} (display)")),
        role: Role::Editor,
        unit,
        password_hash: "$argon2id$not-a-real-hash".into(),
        language: Lang::Zh,
    }
}

both_backends!(
    units_form_a_tree_read_back_whole_at_any_depth,
    |db: TestDb| async move {
        let store = db.open().await;
        let t = tree(&store).await;
        let below_province = store.unit_subtree(t.province).await.unwrap();
        assert_eq!(below_province[0], t.province, "the unit comes first");
        let mut rest = [t.city, t.hospital];
        rest.sort();
        assert_eq!(below_province[1..], rest[..]);
        assert_eq!(
            store.unit_subtree(t.city).await.unwrap(),
            vec![t.city, t.hospital]
        );
        assert_eq!(
            store.unit_subtree(t.hospital).await.unwrap(),
            vec![t.hospital]
        );
        let hospital = store.unit(t.hospital).await.unwrap();
        assert_eq!(
            (hospital.kind, hospital.parent),
            (UnitKind::Institution, Some(t.city))
        );
        let listed: Vec<RecordId> = store
            .list_units()
            .await
            .unwrap()
            .iter()
            .map(|u| u.org)
            .collect();
        assert_eq!(listed.len(), 4);
        for org in [t.province, t.city, t.hospital, t.university] {
            assert!(listed.contains(&org));
        }
    }
);

both_backends!(
    units_refuse_duplicates_missing_parents_and_non_organizations,
    |db: TestDb| async move {
        let store = db.open().await;
        let t = tree(&store).await;
        let again = NewUnit {
            org: t.hospital,
            parent: None,
            kind: UnitKind::Institution,
        };
        let err = store.add_unit(again).await.unwrap_err();
        assert!(
            matches!(err, StoreError::UnitExists { org } if org == t.hospital),
            "{err:?}"
        );

        let loose = org(
            &store,
            "北京协和医院",
            "Peking Union Medical College Hospital",
        )
        .await;
        let nowhere = RecordId::new();
        let orphan = NewUnit {
            org: loose,
            parent: Some(nowhere),
            kind: UnitKind::Institution,
        };
        let err = store.add_unit(orphan).await.unwrap_err();
        assert!(
            matches!(err, StoreError::UnknownUnit { org } if org == nowhere),
            "{err:?}"
        );

        let missing = NewUnit {
            org: nowhere,
            parent: None,
            kind: UnitKind::Institution,
        };
        let err = store.add_unit(missing).await.unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");

        let links = Links::default();
        let group = sample(meridian_domain::RecordKind::CountryGroup, &links, 0);
        let group = store
            .create(NewRecord::draft(group), &Actor::new("setup"))
            .await
            .unwrap();
        let not_org = NewUnit {
            org: group.id,
            parent: None,
            kind: UnitKind::Institution,
        };
        let err = store.add_unit(not_org).await.unwrap_err();
        assert!(matches!(err, StoreError::Invalid { .. }), "{err:?}");
        let err = store.unit(loose).await.unwrap_err();
        assert_eq!(err.code(), "unknown_unit");
        assert!(store.unit_subtree(loose).await.is_err());
    }
);

both_backends!(
    users_are_created_found_listed_and_changed,
    |db: TestDb| async move {
        let store = db.open().await;
        let t = tree(&store).await;
        let zhang = store
            .create_user(new_user("zhang.wei", t.hospital))
            .await
            .unwrap();
        store
            .create_user(new_user("admin", t.province))
            .await
            .unwrap();
        assert_eq!(store.user(zhang.id).await.unwrap(), zhang);
        assert_eq!(
            store.user_by_name("zhang.wei").await.unwrap(),
            Some(zhang.clone())
        );
        assert_eq!(store.user_by_name("nobody").await.unwrap(), None);
        let names: Vec<String> = store
            .list_users()
            .await
            .unwrap()
            .into_iter()
            .map(|u| u.name)
            .collect();
        assert_eq!(names, vec!["admin", "zhang.wei"]);

        let change = UserChange {
            display_name: Some(None),
            role: Some(Role::Approver),
            unit: Some(t.university),
            language: Some(Lang::En),
            disabled_at: Some(Some("2030-01-01T00:00:00.000000Z".into())),
            password_hash: Some("$argon2id$other".into()),
            failed_logins: Some(3),
            locked_until: Some(Some("2030-01-01T00:15:00.000000Z".into())),
            last_login_at: Some(Some("2029-12-31T23:00:00.000000Z".into())),
        };
        let changed = store.update_user(zhang.id, change).await.unwrap();
        assert_eq!(store.user(zhang.id).await.unwrap(), changed);
        assert_eq!(changed.display_name, None);
        assert_eq!((changed.role, changed.unit), (Role::Approver, t.university));
        assert_eq!(changed.language, Lang::En);
        assert!(changed.is_disabled());
        assert_eq!(changed.password_hash, "$argon2id$other");
        assert_eq!(changed.failed_logins, 3);
        assert_eq!(changed.created_at, zhang.created_at);

        let unchanged = store
            .update_user(zhang.id, UserChange::default())
            .await
            .unwrap();
        assert_eq!(unchanged.role, Role::Approver, "None leaves fields alone");
    }
);

both_backends!(
    users_refuse_taken_names_and_units_that_are_not_units,
    |db: TestDb| async move {
        let store = db.open().await;
        let t = tree(&store).await;
        store
            .create_user(new_user("li.na", t.hospital))
            .await
            .unwrap();
        let err = store
            .create_user(new_user("li.na", t.city))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::UserExists { name } if name == "li.na"),
            "{err:?}"
        );
        let loose = org(
            &store,
            "北京协和医院",
            "Peking Union Medical College Hospital",
        )
        .await;
        let err = store
            .create_user(new_user("wang.fang", loose))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::UnknownUnit { .. }), "{err:?}");
        let li = store.user_by_name("li.na").await.unwrap().unwrap();
        let move_to_loose = UserChange {
            unit: Some(loose),
            ..UserChange::default()
        };
        let err = store.update_user(li.id, move_to_loose).await.unwrap_err();
        assert!(matches!(err, StoreError::UnknownUnit { .. }), "{err:?}");
        let err = store.user(UserId::new()).await.unwrap_err();
        assert_eq!(err.code(), "unknown_user");
    }
);

both_backends!(
    failed_logins_count_up_and_lock_at_the_limit,
    |db: TestDb| async move {
        let store = db.open().await;
        let t = tree(&store).await;
        let user = store
            .create_user(new_user("chen", t.hospital))
            .await
            .unwrap();
        let until = "2030-01-01T00:15:00.000000Z";
        for n in 1..=4 {
            let u = store.record_failed_login(user.id, 5, until).await.unwrap();
            assert_eq!((u.failed_logins, u.locked_until), (n, None));
        }
        let locked = store.record_failed_login(user.id, 5, until).await.unwrap();
        assert_eq!(locked.locked_until.as_deref(), Some(until));
        assert_eq!(
            locked.failed_logins, 0,
            "the count starts again after a lock"
        );
        let next = store
            .record_failed_login(user.id, 5, "2031-01-01T00:00:00.000000Z")
            .await
            .unwrap();
        assert_eq!(
            (next.failed_logins, next.locked_until.as_deref()),
            (1, Some(until))
        );
    }
);

fn session(id: &str, user: UserId, expires_at: &str) -> SessionRecord {
    SessionRecord {
        id: id.into(),
        user_id: user,
        csrf: format!("csrf-{id}"),
        created_at: "2030-01-01T00:00:00.000000Z".into(),
        expires_at: expires_at.into(),
        last_seen_at: "2030-01-01T00:00:00.000000Z".into(),
    }
}

both_backends!(
    sessions_are_found_with_their_user_touched_and_removed,
    |db: TestDb| async move {
        let store = db.open().await;
        let t = tree(&store).await;
        let a = store
            .create_user(new_user("a.user", t.hospital))
            .await
            .unwrap();
        let b = store.create_user(new_user("b.user", t.city)).await.unwrap();
        let early = "2030-01-01T12:00:00.000000Z";
        let late = "2030-01-08T00:00:00.000000Z";
        store
            .create_session(session("s1", a.id, early))
            .await
            .unwrap();
        store
            .create_session(session("s2", a.id, late))
            .await
            .unwrap();
        store
            .create_session(session("s3", b.id, late))
            .await
            .unwrap();

        let (found, user) = store.session("s1").await.unwrap().unwrap();
        assert_eq!(found, session("s1", a.id, early));
        assert_eq!(user, a);
        assert_eq!(store.session("nope").await.unwrap(), None);

        let seen = "2030-01-01T06:00:00.000000Z";
        store
            .touch_session("s1", seen, "2030-01-01T18:00:00.000000Z")
            .await
            .unwrap();
        let (touched, _) = store.session("s1").await.unwrap().unwrap();
        assert_eq!(touched.last_seen_at, seen);
        assert_eq!(touched.expires_at, "2030-01-01T18:00:00.000000Z");

        let removed = store
            .delete_expired_sessions("2030-01-02T00:00:00.000000Z")
            .await
            .unwrap();
        assert_eq!(removed, 1);
        assert_eq!(store.session("s1").await.unwrap(), None);

        assert_eq!(store.delete_user_sessions(a.id).await.unwrap(), 1);
        assert_eq!(store.session("s2").await.unwrap(), None);
        store.delete_session("s3").await.unwrap();
        assert_eq!(store.session("s3").await.unwrap(), None);
        store.delete_session("s3").await.unwrap();
    }
);

both_backends!(
    a_forced_restore_keeps_units_whose_organizations_come_back_and_refuses_otherwise,
    |db: TestDb| async move {
        let store = db.open().await;
        let t = tree(&store).await;
        store
            .create_user(new_user("zhao", t.hospital))
            .await
            .unwrap();
        let records = store.scan_records(None, 1000).await.unwrap();
        let history = store.scan_history(None, 1000).await.unwrap();
        store
            .load(records.clone(), history.clone(), true)
            .await
            .unwrap();
        assert_eq!(store.list_units().await.unwrap().len(), 4);
        assert!(store.user_by_name("zhao").await.unwrap().is_some());

        let without: Vec<StoredRecord> = records
            .into_iter()
            .filter(|r| r.id != t.university)
            .collect();
        let history: Vec<HistoryEntry> = history
            .into_iter()
            .filter(|h| h.record_id != t.university)
            .collect();
        let err = store.load(without, history, true).await.unwrap_err();
        let StoreError::Invalid { problems, .. } = &err else {
            panic!("expected Invalid, got {err:?}");
        };
        assert_eq!(problems.errors[0].field, "unit.org");
        assert!(err.to_string().contains(&t.university.to_string()), "{err}");
        assert!(
            store.get(t.university).await.is_ok(),
            "nothing was replaced"
        );
    }
);
