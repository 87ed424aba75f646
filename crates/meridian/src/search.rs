//! The search index for `serve` and `search`: where its directory is, opening it (one
//! process at a time: the index locks its directory), and the `search` commands.

use crate::cli::SearchCommand;
use anyhow::Context;
use meridian_app::{App, SearchIndex, SearchQuery};
use meridian_domain::{Lang, RecordKind};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The index directory: `explicit` if given, else `FILE.search` beside a SQLite database
/// file, else `meridian-search` in the working directory.
pub fn index_dir(database_url: &str, explicit: Option<&Path>) -> PathBuf {
    if let Some(dir) = explicit {
        return dir.to_path_buf();
    }
    let file = database_url
        .strip_prefix("sqlite://")
        .or_else(|| database_url.strip_prefix("sqlite:"))
        .map(|rest| rest.split('?').next().unwrap_or_default())
        .filter(|file| !file.is_empty() && !file.starts_with(":memory:"));
    match file {
        Some(file) => PathBuf::from(format!("{file}.search")),
        None => PathBuf::from("meridian-search"),
    }
}

/// Opens (creating if missing) the index in `dir` and hands the app it.
pub async fn with_index(app: App, dir: &Path) -> anyhow::Result<App> {
    let path = dir.to_path_buf();
    let index = tokio::task::spawn_blocking(move || SearchIndex::open(&path))
        .await?
        .with_context(|| {
            format!(
                "cannot open the search index in {}; is another `meridian serve` or \
                 `meridian search` using it? (choose another with --index)",
                dir.display()
            )
        })?;
    Ok(app.with_search(Arc::new(index)))
}

/// Rebuilds the index when it is missing or out of step with the database (as after
/// `meridian demo`, which does not open the index), logging how many records it indexed.
pub async fn prepare(app: &App) -> anyhow::Result<()> {
    let indexed = app.rebuild_search_if_stale().await?;
    if indexed > 0 {
        tracing::info!(records = indexed, "search index rebuilt from the database");
    } else {
        tracing::info!("search index up to date");
    }
    Ok(())
}

/// `meridian search rebuild` and `meridian search WORDS… [--kind K]`.
pub async fn run(
    app: &App,
    action: Option<SearchCommand>,
    words: &[String],
    kind: Option<RecordKind>,
    limit: usize,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if let Some(SearchCommand::Rebuild) = action {
        let n = app.rebuild_search().await?;
        writeln!(out, "search index rebuilt: {n} records")?;
        return Ok(());
    }
    prepare(app).await?;
    let query = SearchQuery {
        kinds: kind.into_iter().collect(),
        limit: limit.min(SearchQuery::MAX_LIMIT),
        ..SearchQuery::new(words.join(" "))
    };
    let results = app.search(&query).await?;
    for hit in &results.hits {
        let title = match (hit.title.get(Lang::Zh), hit.title.get(Lang::En)) {
            (Some(zh), Some(en)) => format!("{zh} / {en}"),
            (Some(one), None) | (None, Some(one)) => one.to_string(),
            (None, None) => "(untitled)".into(),
        };
        writeln!(out, "{:<14} {}  {title}", hit.kind.as_str(), hit.id)?;
    }
    writeln!(out, "{} of {} matches", results.hits.len(), results.total)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_sits_beside_a_sqlite_file_or_in_the_working_directory() {
        let dir = |url| index_dir(url, None);
        assert_eq!(dir("sqlite://data/m.db"), PathBuf::from("data/m.db.search"));
        assert_eq!(
            dir("sqlite:/srv/m.db?mode=rwc"),
            PathBuf::from("/srv/m.db.search")
        );
        assert_eq!(dir("sqlite::memory:"), PathBuf::from("meridian-search"));
        assert_eq!(dir("postgres://u@h/db"), PathBuf::from("meridian-search"));
        let chosen = index_dir("sqlite://m.db", Some(Path::new("/var/idx")));
        assert_eq!(chosen, PathBuf::from("/var/idx"));
    }
}
