//! Signing in and out: lockout, address limits, disabled users, expiry, password change.

use crate::support::{fixture, ip, PASSWORD};
use meridian_app::{csrf_matches, AppError};
use meridian_domain::user::Role;
use meridian_test_support::{both_backends, TestDb};

both_backends!(
    a_user_signs_in_and_the_session_names_them_with_their_scope,
    |db: TestDb| async move {
        let f = fixture(&db).await;
        f.add("Li.Wei", Role::Editor, f.province).await;
        let session = f.app.login(" li.wei ", PASSWORD, ip(1)).await.unwrap();
        assert_eq!(session.token.len(), 64);
        assert_eq!(session.principal.name, "li.wei");
        let signed_in = f.app.session(&session.token).await.unwrap().unwrap();
        assert_eq!(signed_in.principal, session.principal);
        assert_eq!(signed_in.principal.role, Role::Editor);
        assert_eq!(signed_in.principal.unit, f.province);
        assert!(
            signed_in.principal.in_scope(f.hospital),
            "units below count"
        );
        assert!(!signed_in.principal.in_scope(f.university));
        assert!(csrf_matches(&signed_in.csrf, &session.csrf));
        assert_eq!(signed_in.display_name, "li.wei");
        let users = f.app.list_users().await.unwrap();
        assert!(users[0].last_login_at.is_some());
    }
);

both_backends!(
    a_wrong_password_and_an_unknown_name_are_refused_alike,
    |db: TestDb| async move {
        let f = fixture(&db).await;
        f.add("wang", Role::Viewer, f.hospital).await;
        let wrong = f.app.login("wang", "not the password", ip(1)).await;
        let unknown = f.app.login("nobody", PASSWORD, ip(1)).await;
        let (wrong, unknown) = (wrong.unwrap_err(), unknown.unwrap_err());
        assert_eq!(wrong.code(), "login_failed");
        assert_eq!(wrong.to_string(), "wrong user name or password");
        assert_eq!(unknown.to_string(), wrong.to_string());
        assert_eq!(unknown.code(), wrong.code());
    }
);

both_backends!(
    five_failures_lock_the_name_for_fifteen_minutes_even_with_the_right_password,
    |db: TestDb| async move {
        let f = fixture(&db).await;
        f.add("zhao", Role::Editor, f.hospital).await;
        for _ in 0..5 {
            let err = f.app.login("zhao", "guess guess", ip(1)).await.unwrap_err();
            assert!(matches!(err, AppError::LoginFailed), "{err:?}");
        }
        let locked = f.app.login("zhao", PASSWORD, ip(2)).await.unwrap_err();
        assert!(matches!(locked, AppError::LoginFailed), "{locked:?}");
        f.advance_minutes(14);
        let still = f.app.login("zhao", PASSWORD, ip(3)).await.unwrap_err();
        assert!(
            matches!(still, AppError::LoginFailed),
            "still locked: {still:?}"
        );
        f.advance_minutes(2);
        let session = f.app.login("zhao", PASSWORD, ip(3)).await.unwrap();
        assert_eq!(session.principal.name, "zhao");
        let user = f.app.user_by_name("zhao").await.unwrap();
        assert_eq!(user.locked_until, None, "a success clears the lock");
    }
);

both_backends!(
    one_address_gets_ten_attempts_a_minute,
    |db: TestDb| async move {
        let f = fixture(&db).await;
        f.add("sun", Role::Viewer, f.hospital).await;
        for _ in 0..10 {
            let err = f
                .app
                .login("nobody", "whatever it is", ip(9))
                .await
                .unwrap_err();
            assert!(matches!(err, AppError::LoginFailed), "{err:?}");
        }
        let limited = f.app.login("sun", PASSWORD, ip(9)).await.unwrap_err();
        assert_eq!(limited.code(), "too_many_attempts");
        assert!(matches!(
            limited,
            AppError::TooManyAttempts {
                retry_after_secs: 6
            }
        ));
        f.app.login("sun", PASSWORD, ip(10)).await.unwrap();
        f.clock.advance(std::time::Duration::from_secs(6));
        f.app.login("sun", PASSWORD, ip(9)).await.unwrap();
    }
);

both_backends!(
    a_disabled_user_cannot_sign_in_and_their_sessions_end,
    |db: TestDb| async move {
        let f = fixture(&db).await;
        f.add("qian", Role::Approver, f.hospital).await;
        let first = f.login("qian").await;
        let second = f.login("qian").await;
        f.app.disable_user("QIAN").await.unwrap();
        assert_eq!(f.app.session(&first.token).await.unwrap(), None);
        assert_eq!(f.app.session(&second.token).await.unwrap(), None);
        let err = f.app.login("qian", PASSWORD, ip(1)).await.unwrap_err();
        assert!(matches!(err, AppError::LoginFailed), "{err:?}");
        f.app.enable_user("qian").await.unwrap();
        f.login("qian").await;
    }
);

both_backends!(
    sessions_end_after_twelve_idle_hours_or_seven_days_in_all,
    |db: TestDb| async move {
        let f = fixture(&db).await;
        f.add("zhou", Role::Viewer, f.university).await;
        let idle = f.login("zhou").await;
        f.advance_minutes(11 * 60);
        assert!(f.app.session(&idle.token).await.unwrap().is_some());
        f.advance_minutes(11 * 60);
        assert!(
            f.app.session(&idle.token).await.unwrap().is_some(),
            "use extends the session"
        );
        f.advance_minutes(12 * 60);
        assert_eq!(f.app.session(&idle.token).await.unwrap(), None);

        let busy = f.login("zhou").await;
        for hour in (11..=7 * 24 + 11).step_by(11) {
            f.advance_minutes(11 * 60);
            let alive = f.app.session(&busy.token).await.unwrap().is_some();
            assert_eq!(alive, hour < 7 * 24, "after {hour} hours of use");
        }
    }
);

both_backends!(
    signing_out_ends_the_session_and_junk_tokens_are_no_session,
    |db: TestDb| async move {
        let f = fixture(&db).await;
        f.add("wu", Role::Editor, f.hospital).await;
        let session = f.login("wu").await;
        f.app.logout(&session.token).await.unwrap();
        assert_eq!(f.app.session(&session.token).await.unwrap(), None);
        f.app.logout(&session.token).await.unwrap();
        for junk in ["", "abc", "'; DROP TABLE sessions; --", &"z".repeat(64)] {
            assert_eq!(f.app.session(junk).await.unwrap(), None, "{junk}");
        }
    }
);

both_backends!(
    changing_a_password_needs_the_current_one_and_renews_the_session,
    |db: TestDb| async move {
        let f = fixture(&db).await;
        f.add("zheng", Role::Editor, f.hospital).await;
        let old = f.login("zheng").await;
        let me = old.principal.clone();
        let err = f
            .app
            .change_password(&me, "not it at all", "a new long password")
            .await
            .unwrap_err();
        assert_eq!(err.code(), "wrong_password");
        let err = f
            .app
            .change_password(&me, PASSWORD, "short")
            .await
            .unwrap_err();
        assert_eq!(
            err.describe(meridian_domain::Lang::En),
            vec!["user.password: is shorter than 10 characters"]
        );
        let new = f
            .app
            .change_password(&me, PASSWORD, "a new long password")
            .await
            .unwrap();
        assert_eq!(f.app.session(&old.token).await.unwrap(), None);
        assert!(f.app.session(&new.token).await.unwrap().is_some());
        assert!(f.app.login("zheng", PASSWORD, ip(1)).await.is_err());
        f.app
            .login("zheng", "a new long password", ip(1))
            .await
            .unwrap();
    }
);
