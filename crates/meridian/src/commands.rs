//! One function per command; the composition root that picks the storage backend.

use crate::cli::{
    Cli, Command, ExportFormat, PortalCommand, ReportCommand, ReportFileFormat, StatsFormat,
};
use crate::exchange;
use crate::output;
use crate::search;
use crate::users;
use anyhow::{bail, Context};
use meridian_app::App;
use meridian_domain::{RecordId, RecordKind};
use meridian_store::{Actor, Store};
use std::io::Write;
use std::sync::Arc;

/// Opens the database the URL names: the only place that knows the concrete backends.
async fn open_store(url: &str) -> anyhow::Result<Arc<dyn Store>> {
    let shown = redact(url);
    if meridian_store_sqlite::handles(url) {
        let store = meridian_store_sqlite::open(url)
            .await
            .with_context(|| format!("cannot open the SQLite database {shown}"))?;
        Ok(Arc::new(store))
    } else if meridian_store_postgres::handles(url) {
        let store = meridian_store_postgres::open(url)
            .await
            .with_context(|| format!("cannot open the PostgreSQL database {shown}; is the server running and the database created?"))?;
        Ok(Arc::new(store))
    } else {
        bail!("unsupported database URL {shown}: use sqlite://FILE or postgres://USER@HOST:PORT/DATABASE")
    }
}

/// Hides a password in a URL before it is shown.
fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if url[scheme + 3..at].contains(':') => {
            let colon = scheme + 3 + url[scheme + 3..at].find(':').unwrap_or(0);
            format!("{}:***{}", &url[..colon], &url[at..])
        }
        _ => url.to_string(),
    }
}

fn parse_kind(kind: &str) -> anyhow::Result<RecordKind> {
    RecordKind::parse(kind).with_context(|| {
        let all: Vec<&str> = RecordKind::ALL.iter().map(|k| k.as_str()).collect();
        format!(
            "unknown record kind {kind:?}; kinds are: {}",
            all.join(", ")
        )
    })
}

fn parse_id(id: &str) -> anyhow::Result<RecordId> {
    id.parse()
        .with_context(|| format!("{id:?} is not a record id (a UUID such as 0192f5d4-…)"))
}

fn operator() -> Actor {
    Actor::new(
        std::env::var("USER")
            .map(|u| format!("cli:{u}"))
            .unwrap_or_else(|_| "cli".into()),
    )
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let app = App::new(open_store(&cli.database).await?);
    let mut out = std::io::stdout().lock();
    match cli.command {
        Command::Demo => {
            let report = app.load_demo().await?;
            writeln!(
                out,
                "demo data: {} records created, {} already present",
                report.created, report.unchanged
            )?;
        }
        Command::Serve {
            bind,
            demo,
            boundaries,
        } => {
            let options = meridian_web::WebOptions {
                boundaries: match boundaries {
                    Some(path) => Some(std::sync::Arc::new(
                        meridian_web::assets::Boundaries::from_file(&path)
                            .map_err(anyhow::Error::msg)
                            .context("the --boundaries file cannot be used")?,
                    )),
                    None => None,
                },
            };
            let dir = search::index_dir(&cli.database, cli.index.as_deref());
            let app = search::with_index(app, &dir).await?;
            search::prepare(&app).await?;
            if demo {
                load_demo(&app, &mut out).await?;
            }
            drop(out);
            meridian_web::serve(app, options, bind)
                .await
                .with_context(|| format!("cannot serve on {bind}"))?;
        }
        Command::Stats { format } => {
            let stats = app.stats().await?;
            match format {
                StatsFormat::Text => {
                    for (kind, n) in &stats {
                        writeln!(out, "{:<14} {n}", kind.as_str())?;
                    }
                    writeln!(out, "{:<14} {}", "total", stats.values().sum::<u64>())?;
                }
                StatsFormat::Json => {
                    let map: serde_json::Map<String, serde_json::Value> = stats
                        .iter()
                        .map(|(k, n)| (k.as_str().to_string(), (*n).into()))
                        .collect();
                    writeln!(out, "{}", serde_json::Value::Object(map))?;
                }
            }
        }
        Command::Export {
            format: ExportFormat::Iati,
            output,
            ..
        } => {
            crate::iati::export(&app, output.as_deref(), &mut out).await?;
        }
        Command::Export {
            format: ExportFormat::Json,
            kind: None,
            output,
            ..
        } => match output {
            Some(path) => {
                drop(out);
                write_archive(&app, &path).await?;
            }
            None => {
                app.export_archive(std::io::BufWriter::new(out)).await?;
            }
        },
        Command::Export {
            format,
            kind,
            language,
            output,
        } => {
            let kind = kind.as_deref().map(parse_kind).transpose()?;
            exchange::export(&app, format, kind, &language, output.as_deref()).await?;
        }
        Command::Import {
            files,
            dry_run,
            mapping,
            kind,
            language,
            map,
            save_mapping,
        } => {
            let args = exchange::ImportArgs {
                files,
                dry_run,
                mapping,
                kind: kind.as_deref().map(parse_kind).transpose()?,
                language,
                map,
                save_mapping,
            };
            exchange::import(&app, args, &operator(), &mut out).await?;
        }
        Command::Template {
            kind,
            format,
            language,
            output,
        } => {
            exchange::template(parse_kind(&kind)?, format, &language, &output)?;
            writeln!(out, "template written to {}", output.display())?;
        }
        Command::Backup { file } => {
            let n = write_archive(&app, &file).await?;
            writeln!(out, "backup written to {}: {n} records", file.display())?;
        }
        Command::Restore { file, force } => {
            let input = std::fs::File::open(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let report = app.restore_archive(input, force).await?;
            writeln!(
                out,
                "restored {} records and {} history entries from {}",
                report.records,
                report.history,
                file.display()
            )?;
        }
        Command::Show { kind, id } => {
            let record = app.get(parse_kind(&kind)?, parse_id(&id)?).await?;
            let shown = serde_json::json!({
                "id": record.id, "kind": record.kind(), "version": record.version,
                "approval": record.approval, "unit": record.unit, "deleted_at": record.deleted_at,
                "data": record.body.to_data(),
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&shown)?)?;
        }
        Command::History { kind, id, json } => {
            for entry in app.history(parse_kind(&kind)?, parse_id(&id)?).await? {
                if json {
                    writeln!(out, "{}", serde_json::to_string(&entry)?)?;
                } else {
                    writeln!(out, "{}", output::history_line(&entry))?;
                }
            }
        }
        Command::Revert { kind, id, version } => {
            let record = app
                .revert(
                    parse_kind(&kind)?,
                    parse_id(&id)?,
                    version,
                    None,
                    &operator(),
                )
                .await?;
            writeln!(
                out,
                "{} {} restored from version {version}; now at version {}",
                record.kind(),
                record.id,
                record.version
            )?;
        }
        Command::Delete { kind, id } => {
            let record = app
                .delete(parse_kind(&kind)?, parse_id(&id)?, None, &operator())
                .await?;
            writeln!(
                out,
                "{} {} moved to the trash (undelete {} brings it back)",
                record.kind(),
                record.id,
                record.id
            )?;
        }
        Command::Trash => {
            for record in app.trash().await? {
                writeln!(
                    out,
                    "{:<14} {}  {}  deleted {} by {}",
                    record.kind().as_str(),
                    record.id,
                    output::title(&record),
                    record.deleted_at.as_deref().unwrap_or("?"),
                    record.deleted_by.as_deref().unwrap_or("?")
                )?;
            }
        }
        Command::User { action } => users::user(&app, action, &mut out).await?,
        Command::Unit { action } => users::unit(&app, action, &mut out).await?,
        Command::Portal {
            action: PortalCommand::Export { dir },
        } => {
            let report = meridian_web::export_portal(app, &dir)
                .await
                .map_err(anyhow::Error::msg)
                .with_context(|| format!("cannot export the portal to {}", dir.display()))?;
            writeln!(
                out,
                "portal exported to {}: {} files, {} bytes",
                dir.display(),
                report.files,
                report.bytes
            )?;
        }
        Command::Report {
            action:
                ReportCommand::Progress {
                    plan,
                    format,
                    language,
                    output,
                },
        } => {
            let plan = plan.as_deref().map(parse_id).transpose()?;
            let lang = meridian_domain::Lang::parse(&language)
                .with_context(|| format!("unknown language {language:?}: zh or en"))?;
            let format = match format {
                ReportFileFormat::Json => meridian_app::ReportFormat::Json,
                ReportFileFormat::Xlsx => meridian_app::ReportFormat::Xlsx,
                ReportFileFormat::Docx => meridian_app::ReportFormat::Docx,
                ReportFileFormat::Pdf => meridian_app::ReportFormat::Pdf,
            };
            let bytes = app.progress_report(plan, format, lang).await?;
            std::fs::write(&output, &bytes)
                .with_context(|| format!("cannot write {}", output.display()))?;
            writeln!(out, "wrote {} ({} bytes)", output.display(), bytes.len())?;
        }
        Command::Search {
            action,
            query,
            kind,
            limit,
        } => {
            let kind = kind.as_deref().map(parse_kind).transpose()?;
            let dir = search::index_dir(&cli.database, cli.index.as_deref());
            let app = search::with_index(app, &dir).await?;
            search::run(&app, action, &query, kind, limit, &mut out).await?;
        }
        Command::Undelete { id } => {
            let record = app.undelete(parse_id(&id)?, &operator()).await?;
            writeln!(
                out,
                "{} {} is back from the trash",
                record.kind(),
                record.id
            )?;
        }
    }
    Ok(())
}

/// For `serve --demo`: loads the demo data and, when nobody can sign in yet, makes the
/// demo's reporting units and an `admin` account, printing its one-time password.
async fn load_demo(app: &App, out: &mut impl Write) -> anyhow::Result<()> {
    let report = app.load_demo().await?;
    writeln!(
        out,
        "demo data: {} records created, {} already present",
        report.created, report.unchanged
    )?;
    if let Some(password) = app.create_demo_admin().await? {
        writeln!(
            out,
            "sign in as admin with password {password} (shown once; change it under Password)"
        )?;
    }
    Ok(())
}

/// Writes the archive to a temporary file beside `path`, then renames it into place, so
/// a failed export never leaves a half-written file under the requested name.
async fn write_archive(app: &App, path: &std::path::Path) -> anyhow::Result<u64> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    let n = app
        .export_archive(std::io::BufWriter::new(tmp.as_file()))
        .await?;
    tmp.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_hidden_in_shown_urls() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact("sqlite://x.db"), "sqlite://x.db");
    }
}
