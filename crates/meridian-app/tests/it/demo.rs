//! The demo data goes into the database whole, exactly as the dataset states it, and
//! loading it again changes nothing.

use meridian_app::App;
use meridian_domain::records::MembershipRole;
use meridian_domain::{Approval, PartialDate, RecordBody, RecordKind};
use meridian_interop::reference;
use meridian_store::ListQuery;
use meridian_test_support::{both_backends, TestDb};

both_backends!(
    every_demo_record_is_stored_exactly_and_approved,
    |db: TestDb| async move {
        let app = App::new(db.open().await);
        let report = app.load_demo().await.unwrap();
        let dataset = meridian_demo::records().unwrap();
        let groups = reference::country_groups();
        assert_eq!(report.created as usize, dataset.len() + groups.len());
        for record in &dataset {
            let stored = app.store().get(record.id).await.unwrap();
            assert_eq!(
                stored.body, record.body,
                "{} is stored as written",
                record.key
            );
            assert_eq!(
                (stored.approval, stored.unit),
                (Approval::Approved, record.unit),
                "{}",
                record.key
            );
        }
        for group in &groups {
            let stored = app
                .store()
                .get(reference::group_id(&group.code))
                .await
                .unwrap();
            assert_eq!(stored.body, RecordBody::from(group.clone()));
        }
        let again = app.load_demo().await.unwrap();
        assert_eq!((again.created, again.unchanged), (0, report.created));
        for record in dataset.iter().take(20) {
            assert_eq!(
                app.store().history(record.id).await.unwrap().len(),
                1,
                "{} was not touched again",
                record.key
            );
        }
    }
);

both_backends!(
    nmu_memberships_read_back_with_their_dates_and_roles,
    |db: TestDb| async move {
        let app = App::new(db.open().await);
        app.load_demo().await.unwrap();
        let memberships = app
            .store()
            .list(&ListQuery {
                limit: 1000,
                ..ListQuery::kind(RecordKind::Membership)
            })
            .await
            .unwrap();
        let mut found = Vec::new();
        for r in &memberships.items {
            let RecordBody::Membership(m) = &r.body else {
                continue;
            };
            let member = app.store().get(m.member).await.unwrap();
            if member.body.title().en.as_deref() == Some("Nanjing Medical University") {
                found.push((m.joined, m.role));
            }
        }
        found.sort_by_key(|(d, _)| d.map(|d| d.earliest()));
        use MembershipRole::*;
        assert_eq!(
            found,
            vec![
                (None, None),
                (None, None),
                (Some(PartialDate::month(2009, 10)), Some(Member)),
                (Some(PartialDate::month(2018, 5)), Some(FoundingMember)),
                (Some(PartialDate::day(2019, 11, 11)), Some(FoundingMember)),
                (Some(PartialDate::day(2021, 7, 9)), Some(FoundingMember)),
            ]
        );
    }
);
