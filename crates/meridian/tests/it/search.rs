//! `meridian search`: after `demo` (which leaves the index alone), a search builds the
//! index and finds Chinese and English words; `search rebuild` rebuilds it.

use crate::{meridian, ok};
use meridian_test_support::{both_backends, Backend, TestDb};

/// The index directory flag: the default beside a SQLite file, a directory of the test's
/// own for PostgreSQL (whose default, in the working directory, tests would share).
fn index_args(db: &TestDb, dir: &tempfile::TempDir) -> Vec<String> {
    match db.backend {
        Backend::Sqlite => Vec::new(),
        Backend::Postgres => vec!["--index".into(), dir.path().display().to_string()],
    }
}

fn search(db: &TestDb, dir: &tempfile::TempDir, args: &[&str]) -> String {
    let mut all: Vec<&str> = vec!["search"];
    all.extend_from_slice(args);
    let index = index_args(db, dir);
    all.extend(index.iter().map(String::as_str));
    ok(db, &all)
}

/// M in the last line, "N of M matches".
fn matches(output: &str) -> usize {
    let last = output.lines().last().unwrap();
    let total = last.split(" of ").nth(1).unwrap();
    total.trim_end_matches(" matches").parse().unwrap()
}

both_backends!(
    search_finds_chinese_and_english_words_after_demo,
    |db: TestDb| async move {
        let dir = tempfile::tempdir().unwrap();
        ok(&db, &["demo"]);
        let acupuncture = search(&db, &dir, &["针灸"]);
        assert!(matches(&acupuncture) > 0, "{acupuncture}");
        let training = search(&db, &dir, &["training", "--kind", "activity"]);
        let lines: Vec<&str> = training.lines().collect();
        assert!(lines.len() > 1, "{training}");
        for hit in &lines[..lines.len() - 1] {
            assert!(hit.starts_with("activity "), "{hit}");
        }
        let rebuilt = search(&db, &dir, &["rebuild"]);
        assert!(rebuilt.starts_with("search index rebuilt: "), "{rebuilt}");
        let nothing = search(&db, &dir, &["zzyzxq"]);
        assert_eq!(nothing.trim(), "0 of 0 matches");
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_kind_is_refused() {
    let db = TestDb::new(Backend::Sqlite).await;
    let run = meridian(&db.url, &["search", "x", "--kind", "nonsense"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("unknown record kind"), "{}", run.stderr);
}
