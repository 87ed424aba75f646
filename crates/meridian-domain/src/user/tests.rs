//! Every authorization rule, and the name and password rules, one test each.

use super::*;

/// A province (administration) with a hospital below it, and an unrelated university.
struct Units {
    province: RecordId,
    hospital: RecordId,
    university: RecordId,
}

fn units() -> Units {
    Units {
        province: RecordId::named("test:province"),
        hospital: RecordId::named("test:hospital"),
        university: RecordId::named("test:university"),
    }
}

fn principal(role: Role, unit: RecordId, below: &[RecordId]) -> Principal {
    let mut units_in_scope = vec![unit];
    units_in_scope.extend_from_slice(below);
    Principal {
        user_id: UserId::new(),
        name: format!("{role}-user"),
        role,
        unit,
        units_in_scope,
    }
}

fn at_province(role: Role) -> Principal {
    let u = units();
    principal(role, u.province, &[u.hospital])
}

fn at_hospital(role: Role) -> Principal {
    principal(role, units().hospital, &[])
}

#[test]
fn everyone_signed_in_reads_approved_records_of_any_unit_and_of_none() {
    let u = units();
    for role in Role::ALL {
        let p = at_hospital(role);
        assert!(p.can_read(Some(u.university), Approval::Approved), "{role}");
        assert!(p.can_read(None, Approval::Approved), "{role}");
    }
}

#[test]
fn unapproved_records_are_read_within_the_scope_only() {
    let u = units();
    for role in [Role::Approver, Role::Editor, Role::Viewer] {
        let p = at_hospital(role);
        for approval in [Approval::Draft, Approval::Submitted, Approval::Archived] {
            assert!(p.can_read(Some(u.hospital), approval), "{role} own unit");
            assert!(!p.can_read(Some(u.university), approval), "{role} other");
            assert!(!p.can_read(Some(u.province), approval), "{role} above");
            assert!(!p.can_read(None, approval), "{role} unit-less");
        }
    }
}

#[test]
fn administrations_read_everything_in_the_units_below_them() {
    let u = units();
    for role in [Role::Approver, Role::Editor, Role::Viewer] {
        let p = at_province(role);
        assert!(p.can_read(Some(u.hospital), Approval::Draft), "{role}");
        assert!(p.can_read(Some(u.province), Approval::Submitted), "{role}");
        assert!(!p.can_read(Some(u.university), Approval::Draft), "{role}");
    }
}

#[test]
fn the_admin_reads_every_record() {
    let u = units();
    let admin = principal(Role::Admin, u.university, &[]);
    assert!(admin.can_read(Some(u.hospital), Approval::Draft));
    assert!(admin.can_read(None, Approval::Submitted));
}

#[test]
fn editors_and_approvers_edit_their_own_units_records_only() {
    let u = units();
    for role in [Role::Editor, Role::Approver] {
        let p = at_province(role);
        assert!(p.can_edit(Some(u.province)), "{role} own unit");
        assert!(!p.can_edit(Some(u.hospital)), "{role} unit below");
        assert!(!p.can_edit(Some(u.university)), "{role} other unit");
        assert!(!p.can_edit(None), "{role} unit-less");
        assert!(at_hospital(role).can_edit(Some(u.hospital)), "{role}");
        assert!(
            !at_hospital(role).can_edit(Some(u.province)),
            "{role} above"
        );
    }
}

#[test]
fn viewers_never_edit_create_or_approve() {
    let u = units();
    let viewer = at_province(Role::Viewer);
    assert!(!viewer.can_edit(Some(u.province)));
    assert!(!viewer.can_create());
    assert!(!viewer.can_approve(Some(u.province)));
    assert!(!viewer.can_approve(Some(u.hospital)));
}

#[test]
fn the_admin_edits_and_approves_everything_even_without_a_unit() {
    let u = units();
    let admin = principal(Role::Admin, u.university, &[]);
    assert!(admin.can_edit(Some(u.hospital)));
    assert!(admin.can_edit(None));
    assert!(admin.can_approve(Some(u.province)));
    assert!(admin.can_approve(None));
    assert!(admin.can_create());
}

#[test]
fn approvers_approve_their_unit_and_the_units_below_it() {
    let u = units();
    let approver = at_province(Role::Approver);
    assert!(approver.can_approve(Some(u.province)));
    assert!(approver.can_approve(Some(u.hospital)));
    assert!(!approver.can_approve(Some(u.university)));
    assert!(!approver.can_approve(None));
    assert!(!at_hospital(Role::Approver).can_approve(Some(u.province)));
}

#[test]
fn editors_create_but_do_not_approve() {
    let u = units();
    let editor = at_hospital(Role::Editor);
    assert!(editor.can_create());
    assert!(!editor.can_approve(Some(u.hospital)));
}

#[test]
fn only_the_admin_manages_users() {
    for role in Role::ALL {
        assert_eq!(
            at_hospital(role).can_manage_users(),
            role == Role::Admin,
            "{role}"
        );
    }
}

#[test]
fn roles_and_unit_kinds_round_trip_and_have_labels_in_both_languages() {
    for role in Role::ALL {
        assert_eq!(Role::parse(role.as_str()), Some(role));
        assert_eq!(
            serde_json::to_value(role).unwrap(),
            serde_json::json!(role.as_str())
        );
        assert!(!role.label(Lang::Zh).is_empty() && !role.label(Lang::En).is_empty());
    }
    assert_eq!(Role::parse(" Editor "), Some(Role::Editor));
    assert_eq!(Role::parse("owner"), None);
    for kind in UnitKind::ALL {
        assert_eq!(UnitKind::parse(kind.as_str()), Some(kind));
        assert_ne!(kind.label(Lang::Zh), kind.label(Lang::En));
    }
}

#[test]
fn user_names_are_two_to_sixty_four_letters_digits_dots_underscores_or_hyphens() {
    for good in ["li.wei", "Admin_1", "张伟", "a-b", "ab"] {
        assert!(UserName::parse(good).is_ok(), "{good}");
    }
    assert_eq!(UserName::parse(" Alice ").unwrap().as_str(), "alice");
    for bad in ["a", "", "with space", "semi;colon", "a@b", &"x".repeat(65)] {
        let problems = UserName::parse(bad).unwrap_err();
        assert_eq!(problems.errors[0].field, "user.name", "{bad}");
        assert!(!problems.describe(Lang::Zh)[0].is_empty());
    }
}

#[test]
fn passwords_need_ten_characters_told_in_both_languages() {
    assert!(check_password("correct horse").is_empty());
    assert!(check_password("密码密码密码密码密码").is_empty());
    let short = check_password("123456789");
    assert_eq!(
        short.describe(Lang::En),
        vec!["user.password: is shorter than 10 characters"]
    );
    assert_eq!(
        short.describe(Lang::Zh),
        vec!["user.password：少于 10 个字符"]
    );
    assert!(!check_password(&"x".repeat(MAX_PASSWORD_CHARS + 1)).is_empty());
}

#[test]
fn display_names_are_bounded() {
    assert!(check_display_name(None).is_empty());
    assert!(check_display_name(Some("李伟")).is_empty());
    let long = "x".repeat(MAX_DISPLAY_NAME_CHARS + 1);
    assert_eq!(
        check_display_name(Some(&long)).errors[0].field,
        "user.display_name"
    );
}
