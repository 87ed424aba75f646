//! Managing users and reporting units through the app.

use crate::support::{fixture, ip, org, PASSWORD};
use meridian_app::{AddUser, AppError, UserEdit};
use meridian_domain::user::{Role, UnitKind};
use meridian_domain::{Lang, RecordBody, RecordKind};
use meridian_store::{Actor, NewRecord};
use meridian_test_support::{both_backends, TestDb};

both_backends!(
    adding_a_user_reports_every_problem_at_once,
    |db: TestDb| async move {
        let f = fixture(&db).await;
        let new = AddUser {
            name: "no spaces allowed".into(),
            display_name: Some("x".repeat(101)),
            role: Role::Editor,
            unit: f.loose,
            language: Lang::Zh,
        };
        let err = f.app.add_user(new, "short").await.unwrap_err();
        let fields: Vec<&str> = err
            .problems()
            .unwrap()
            .errors
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(
            fields,
            [
                "user.name",
                "user.display_name",
                "user.password",
                "user.unit"
            ]
        );
        let zh = err.describe(Lang::Zh).join("\n");
        assert!(
            zh.contains("不是填报单位") && zh.contains("少于 10 个字符"),
            "{zh}"
        );
        assert!(f.app.list_users().await.unwrap().is_empty());
    }
);

both_backends!(
    user_names_are_unique_whatever_their_case,
    |db: TestDb| async move {
        let f = fixture(&db).await;
        f.add("Admin", Role::Admin, f.province).await;
        let again = AddUser {
            name: "ADMIN".into(),
            display_name: None,
            role: Role::Viewer,
            unit: f.hospital,
            language: Lang::En,
        };
        let err = f.app.add_user(again, PASSWORD).await.unwrap_err();
        assert_eq!(err.code(), "user_exists");
        let users = f.app.list_users().await.unwrap();
        assert_eq!(users.len(), 1);
        assert_eq!(users[0].name, "admin");
        assert_eq!(
            users[0].unit_name.en.as_deref(),
            Some("Jiangsu Health Commission")
        );
    }
);

both_backends!(
    a_reset_password_clears_a_lockout_and_ends_sessions,
    |db: TestDb| async move {
        let f = fixture(&db).await;
        f.add("he", Role::Editor, f.hospital).await;
        let session = f.login("he").await;
        for _ in 0..5 {
            assert!(f.app.login("he", "wrong wrong", ip(2)).await.is_err());
        }
        assert!(f
            .app
            .user_by_name("he")
            .await
            .unwrap()
            .locked_until
            .is_some());
        let err = f.app.reset_password("he", "short").await.unwrap_err();
        assert_eq!(err.code(), "invalid");
        f.app
            .reset_password("he", "brand new password")
            .await
            .unwrap();
        assert_eq!(f.app.session(&session.token).await.unwrap(), None);
        f.app
            .login("he", "brand new password", ip(3))
            .await
            .unwrap();
        let err = f.app.reset_password("nobody", PASSWORD).await.unwrap_err();
        assert_eq!(err.code(), "unknown_user");
    }
);

both_backends!(
    a_change_of_role_or_unit_counts_from_the_next_request,
    |db: TestDb| async move {
        let f = fixture(&db).await;
        f.add("lin", Role::Editor, f.hospital).await;
        let session = f.login("lin").await;
        let edit = UserEdit {
            role: Some(Role::Approver),
            unit: Some(f.province),
            ..UserEdit::default()
        };
        f.app.update_user("lin", edit).await.unwrap();
        let now = f.app.session(&session.token).await.unwrap().unwrap();
        assert_eq!(now.principal.role, Role::Approver);
        assert!(now.principal.can_approve(Some(f.hospital)));
        let to_loose = UserEdit {
            unit: Some(f.loose),
            ..UserEdit::default()
        };
        let err = f.app.update_user("lin", to_loose).await.unwrap_err();
        assert_eq!(err.problems().unwrap().errors[0].field, "user.unit");
    }
);

both_backends!(
    units_sit_under_administrations_only,
    |db: TestDb| async move {
        let f = fixture(&db).await;
        let err = f
            .app
            .add_unit(f.loose, UnitKind::Institution, Some(f.university))
            .await
            .unwrap_err();
        assert_eq!(err.problems().unwrap().errors[0].field, "unit.parent");
        let err = f
            .app
            .add_unit(f.hospital, UnitKind::Institution, None)
            .await
            .unwrap_err();
        assert_eq!(err.code(), "unit_exists");
        let units = f.app.list_units().await.unwrap();
        let hospital = units.iter().find(|u| u.org == f.hospital).unwrap();
        assert_eq!(hospital.parent, Some(f.province));
        assert_eq!(hospital.name.zh.as_deref(), Some("南京鼓楼医院"));
    }
);

both_backends!(
    organizations_are_found_by_id_name_or_acronym,
    |db: TestDb| async move {
        let f = fixture(&db).await;
        let app = &f.app;
        assert_eq!(
            app.find_organization("清华大学").await.unwrap(),
            f.university
        );
        assert_eq!(
            app.find_organization(" tsinghua university ")
                .await
                .unwrap(),
            f.university
        );
        assert_eq!(
            app.find_organization(&f.loose.to_string()).await.unwrap(),
            f.loose
        );
        let data = serde_json::json!({
            "name": {"en": "Peking Union Medical College Hospital"},
            "acronyms": ["PUMCH"], "org_type": "hospital"
        });
        let body = RecordBody::from_data(RecordKind::Organization, data).unwrap();
        let pumch = app
            .create(NewRecord::draft(body), &Actor::new("setup"))
            .await
            .unwrap()
            .id;
        assert_eq!(app.find_organization("pumch").await.unwrap(), pumch);
        let err = app.find_organization("Harvard").await.unwrap_err();
        assert!(
            matches!(err, AppError::UnknownOrganization { .. }),
            "{err:?}"
        );
        org(app, "清华大学", "Another Tsinghua").await;
        let err = app.find_organization("清华大学").await.unwrap_err();
        assert_eq!(err.code(), "ambiguous_organization");
        assert!(err.to_string().contains(&f.university.to_string()), "{err}");
    }
);
