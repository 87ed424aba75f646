//! Personal API tokens as stored, on both backends: found by hash with their user, listed
//! per user, revoked only by their owner, and never found once revoked.

use meridian_domain::user::{Role, UnitKind};
use meridian_domain::{Approval, Lang};
use meridian_store::*;
use meridian_test_support::builders::organization;
use meridian_test_support::{both_backends, TestDb};
use std::sync::Arc;

async fn two_users(store: &Arc<dyn Store>) -> (User, User) {
    let org = NewRecord {
        approval: Approval::Approved,
        ..NewRecord::draft(organization("南京医科大学", "Nanjing Medical University"))
    };
    let org = store.create(org, &Actor::new("setup")).await.unwrap().id;
    store
        .add_unit(NewUnit {
            org,
            parent: None,
            kind: UnitKind::Institution,
        })
        .await
        .unwrap();
    let user = |name: &str| NewUser {
        name: name.into(),
        display_name: None,
        role: Role::Editor,
        unit: org,
        password_hash: "$argon2id$not-a-real-hash".into(),
        language: Lang::En,
    };
    (
        store.create_user(user("ana")).await.unwrap(),
        store.create_user(user("bo")).await.unwrap(),
    )
}

fn token(id: &str, user: &User, hash: &str, at: &str) -> NewApiToken {
    NewApiToken {
        id: id.into(),
        user_id: user.id,
        name: format!("script {id}"),
        prefix: "mrd_abcd".into(),
        hash: hash.into(),
        created_at: at.into(),
    }
}

both_backends!(
    a_token_is_found_by_its_hash_with_its_user_until_revoked,
    |db: TestDb| async move {
        let store = db.open().await;
        let (ana, bo) = two_users(&store).await;
        let made = store
            .create_token(token("t1", &ana, "hash-1", "2026-01-01T00:00:00Z"))
            .await
            .unwrap();
        assert_eq!(made.name, "script t1");
        assert_eq!(made.revoked_at, None);
        let (found, user) = store.token_by_hash("hash-1").await.unwrap().unwrap();
        assert_eq!((found.id.as_str(), user.name.as_str()), ("t1", "ana"));
        assert!(store.token_by_hash("hash-2").await.unwrap().is_none());

        store
            .touch_token("t1", "2026-01-02T00:00:00Z")
            .await
            .unwrap();
        let listed = store.tokens_of(ana.id).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(
            listed[0].last_used_at.as_deref(),
            Some("2026-01-02T00:00:00Z")
        );
        assert!(store.tokens_of(bo.id).await.unwrap().is_empty());

        // Only its owner can revoke it.
        let refused = store
            .revoke_token(bo.id, "t1", "2026-01-03T00:00:00Z")
            .await;
        assert!(
            matches!(refused, Err(StoreError::UnknownToken(_))),
            "{refused:?}"
        );
        assert!(store.token_by_hash("hash-1").await.unwrap().is_some());
        let revoked = store
            .revoke_token(ana.id, "t1", "2026-01-03T00:00:00Z")
            .await
            .unwrap();
        assert_eq!(revoked.revoked_at.as_deref(), Some("2026-01-03T00:00:00Z"));
        assert!(store.token_by_hash("hash-1").await.unwrap().is_none());
        assert_eq!(
            store.tokens_of(ana.id).await.unwrap().len(),
            1,
            "kept, revoked"
        );
    }
);

both_backends!(two_tokens_cannot_share_a_hash, |db: TestDb| async move {
    let store = db.open().await;
    let (ana, bo) = two_users(&store).await;
    store
        .create_token(token("t1", &ana, "same", "2026-01-01T00:00:00Z"))
        .await
        .unwrap();
    let second = store
        .create_token(token("t2", &bo, "same", "2026-01-01T00:00:00Z"))
        .await;
    assert!(second.is_err());
});
