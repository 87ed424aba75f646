//! `meridian user …` and `meridian unit …` against the real binary, the password piped in
//! on standard input as a script would.

use crate::{meridian, ok, Run};
use meridian_test_support::{both_backends, Backend, TestDb};
use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `meridian --database URL ARGS…` with `input` on standard input.
fn piped(db: &TestDb, args: &[&str], input: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_meridian"))
        .arg("--database")
        .arg(&db.url)
        .args(args)
        .env_remove("MERIDIAN_DATABASE_URL")
        .current_dir(std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run meridian");
    // The binary may refuse its arguments before reading: a closed pipe is no failure.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub(crate) fn piped_ok(db: &TestDb, args: &[&str], input: &str) -> String {
    let run = piped(db, args, input);
    assert_eq!(run.code, 0, "meridian {args:?} failed: {}", run.stderr);
    run.stdout
}

/// The demo's NATCM (an administration) over CACMS (an institution).
fn with_units(db: &TestDb) {
    ok(db, &["demo"]);
    let added = ok(db, &["unit", "add", "NATCM", "--kind", "administration"]);
    assert!(
        added.contains("reporting unit added: 国家中医药管理局 / National Administration"),
        "{added}"
    );
    ok(
        db,
        &[
            "unit",
            "add",
            "中国中医科学院",
            "--kind",
            "institution",
            "--parent",
            "National Administration of Traditional Chinese Medicine",
        ],
    );
}

both_backends!(
    the_first_admin_is_added_listed_and_disabled_from_the_cli,
    |db: TestDb| async move {
        with_units(&db);
        let units = ok(&db, &["unit", "list"]);
        let lines: Vec<&str> = units.lines().collect();
        assert_eq!(lines.len(), 2, "{units}");
        assert!(lines[0].starts_with("administration"), "{units}");
        assert!(
            lines[1].starts_with("institution") && lines[1].contains("(in 国家中医药管理局"),
            "{units}"
        );

        let args = ["user", "add", "Admin", "--role", "admin", "--unit", "NATCM"];
        let added = piped_ok(&db, &args, "a long enough password\n");
        assert!(
            added.contains("user admin added: admin of 国家中医药管理局"),
            "{added}"
        );
        let args = [
            "user",
            "add",
            "li.wei",
            "--role",
            "editor",
            "--unit",
            "cacms",
            "--display-name",
            "李伟",
            "--language",
            "en",
        ];
        piped_ok(&db, &args, "another long password\r\n");

        let list = ok(&db, &["user", "list"]);
        let lines: Vec<&str> = list.lines().collect();
        assert_eq!(lines.len(), 3, "{list}");
        assert!(lines[0].starts_with("NAME"), "{list}");
        assert!(
            lines[1].starts_with("admin") && lines[1].contains("active"),
            "{list}"
        );
        assert!(lines[1].contains("never"), "{list}");
        assert!(
            lines[2].starts_with("li.wei") && lines[2].contains("editor"),
            "{list}"
        );
        assert!(lines[2].contains("中国中医科学院"), "{list}");

        let disabled = ok(&db, &["user", "disable", "li.wei"]);
        assert!(disabled.contains("li.wei is disabled"), "{disabled}");
        let list = ok(&db, &["user", "list"]);
        assert!(list.lines().nth(2).unwrap().contains("disabled"), "{list}");
        ok(&db, &["user", "enable", "li.wei"]);
        let reset = piped_ok(
            &db,
            &["user", "reset-password", "li.wei"],
            "yet another password\n",
        );
        assert!(reset.contains("password of li.wei reset"), "{reset}");
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_mistakes_about_users_and_units_say_what_to_do() {
    let db = TestDb::new(Backend::Sqlite).await;
    with_units(&db);
    let add = |role: &str, unit: &str, password: &str| {
        let args = ["user", "add", "zhang", "--role", role, "--unit", unit];
        piped(&db, &args, password)
    };
    let run = add("owner", "NATCM", "a long enough password\n");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("unknown role \"owner\"; roles are: admin, approver, editor, viewer"),
        "{}",
        run.stderr
    );
    let run = add("editor", "Harvard", "a long enough password\n");
    assert!(
        run.stderr
            .contains("no organization has the id, name or acronym \"Harvard\""),
        "{}",
        run.stderr
    );
    let run = add("editor", "Tsinghua University", "a long enough password\n");
    assert!(
        run.stderr.contains(
            "\"Tsinghua University\" is not a reporting unit yet; add it first: meridian unit add"
        ),
        "{}",
        run.stderr
    );
    let run = add("editor", "NATCM", "short\n");
    assert!(
        run.stderr
            .contains("user.password: is shorter than 10 characters"),
        "{}",
        run.stderr
    );
    let run = add("editor", "NATCM", "");
    assert!(
        run.stderr.contains("no password on standard input"),
        "{}",
        run.stderr
    );
    piped_ok(
        &db,
        &[
            "user", "add", "zhang", "--role", "viewer", "--unit", "NATCM",
        ],
        "long enough password\n",
    );
    let run = add("editor", "NATCM", "a long enough password\n");
    assert!(
        run.stderr.contains("a user named \"zhang\" exists already"),
        "{}",
        run.stderr
    );

    let run = meridian(&db.url, &["user", "disable", "nobody"]);
    assert!(
        run.stderr.contains("there is no user \"nobody\""),
        "{}",
        run.stderr
    );
    let run = meridian(&db.url, &["unit", "add", "THU", "--kind", "hospital"]);
    assert!(
        run.stderr
            .contains("unknown unit kind \"hospital\"; kinds are: institution, administration"),
        "{}",
        run.stderr
    );
    let run = meridian(
        &db.url,
        &[
            "unit",
            "add",
            "THU",
            "--kind",
            "institution",
            "--parent",
            "CACMS",
        ],
    );
    assert!(run.stderr.contains("unit.parent"), "{}", run.stderr);
    let run = meridian(
        &db.url,
        &["unit", "add", "NATCM", "--kind", "administration"],
    );
    assert!(
        run.stderr.contains("is a reporting unit already"),
        "{}",
        run.stderr
    );
}
