//! Bad input is refused through the application with the record, field and reason, and
//! nothing is written.

use crate::conformance::with_links;
use meridian_app::{App, AppError};
use meridian_domain::{Lang, RecordBody, RecordKind};
use meridian_store::{Actor, NewRecord};
use meridian_test_support::builders::sample;
use meridian_test_support::{both_backends, TestDb};
use serde_json::json;

fn edited(body: RecordBody, edit: impl FnOnce(&mut serde_json::Value)) -> RecordBody {
    let kind = body.kind();
    let mut data = body.to_data();
    edit(&mut data);
    RecordBody::from_data(kind, data).unwrap()
}

async fn refused(app: &App, body: RecordBody) -> Vec<String> {
    let before = app.stats().await.unwrap();
    let err = app
        .create(NewRecord::draft(body), &Actor::new("editor"))
        .await
        .unwrap_err();
    assert_eq!(app.stats().await.unwrap(), before, "nothing was written");
    match &err {
        AppError::Invalid { record, .. } => assert!(record.starts_with("new ")),
        other => panic!("expected invalid, got {other:?}"),
    }
    err.describe(Lang::En)
}

both_backends!(
    bad_records_are_refused_with_field_and_reason,
    |db: TestDb| async move {
        let app = App::new(db.open().await);
        let links = with_links(app.store()).await;

        let nameless = edited(sample(RecordKind::Organization, &links, 0), |d| {
            d["name"] = json!({"zh": " ", "en": ""})
        });
        assert_eq!(
            refused(&app, nameless).await,
            vec!["organization.name: is required in Chinese or English"]
        );

        let month_13 = edited(sample(RecordKind::Membership, &links, 0), |d| {
            d["joined"] = json!("2019-13")
        });
        assert_eq!(
            refused(&app, month_13).await,
            vec!["membership.joined: month 13 does not exist"]
        );

        let negative = edited(sample(RecordKind::Plan, &links, 0), |d| {
            d["indicators"][0]["targets"][0]["value"] = json!({"value": -5.0})
        });
        assert_eq!(
            refused(&app, negative).await,
            vec!["plan.indicators[0].targets[0].value: -5 is negative; it must be zero or more"]
        );

        let one_party = edited(sample(RecordKind::Agreement, &links, 0), |d| {
            d["parties"] = json!([links.org_a.to_string()])
        });
        assert_eq!(
            refused(&app, one_party).await,
            vec!["agreement.parties: needs at least 2, found 1"]
        );

        let unknown_country = edited(sample(RecordKind::Centre, &links, 0), |d| {
            d["country"] = json!("XX")
        });
        assert_eq!(
            refused(&app, unknown_country).await,
            vec!["centre.country: \"XX\" is not an ISO 3166-1 country code"]
        );
    }
);

both_backends!(
    every_problem_is_reported_at_once_in_either_language,
    |db: TestDb| async move {
        let app = App::new(db.open().await);
        let links = with_links(app.store()).await;
        let body = edited(sample(RecordKind::Agreement, &links, 0), |d| {
            d["title"] = json!({});
            d["parties"] = json!([links.org_a.to_string()]);
            d["signed"] = json!("2020-02-30");
        });
        let err = app
            .create(NewRecord::draft(body), &Actor::new("editor"))
            .await
            .unwrap_err();
        assert_eq!(err.problems().unwrap().len(), 3);
        let zh = err.describe(Lang::Zh);
        assert!(
            zh.contains(&"agreement.parties：至少需要 2 个，现有 1 个".to_string()),
            "{zh:?}"
        );
    }
);
