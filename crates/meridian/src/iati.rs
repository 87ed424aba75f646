//! `meridian export --format iati [-o FILE]` and `meridian import A.xml B.xml … [--dry-run]`:
//! the CLI ends of `App::export_iati` and `App::import_iati_files`, with each file's import
//! report printed in English and Chinese.

use anyhow::Context;
use meridian_app::{App, IatiExportOptions, IatiImportReport};
use meridian_domain::Lang;
use meridian_store::Actor;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Writes the IATI document to `output`, or to `out` when no file is given. Returns the
/// number of activities written (also printed to `out` when writing a file).
pub async fn export(app: &App, output: Option<&Path>, out: &mut dyn Write) -> anyhow::Result<u64> {
    let options = IatiExportOptions::default();
    match output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            let count = app.export_iati(BufWriter::new(file), &options).await?;
            writeln!(
                out,
                "{count} IATI activities written to {} / 已写入 {count} 项 IATI 活动",
                path.display()
            )?;
            Ok(count)
        }
        None => Ok(app.export_iati(BufWriter::new(out), &options).await?),
    }
}

/// Imports IATI activity files together through `App::import_iati_files` (one scan of the
/// database for matching; each file all or nothing, committed together) and prints,
/// file by file, what was (or, with `dry_run`, would be) created, updated and skipped, and
/// why, or why the file was refused. Returns the names of the refused files.
pub async fn import(
    app: &App,
    paths: &[&Path],
    dry_run: bool,
    actor: &Actor,
    out: &mut dyn Write,
) -> anyhow::Result<Vec<String>> {
    let mut refused = Vec::new();
    // Each file is read on the importer's parsing thread, while the files before it are
    // written; one too large or unreadable is refused there, with its reason.
    let files: Vec<(String, PathBuf)> = paths
        .iter()
        .map(|path| (crate::exchange::file_name(path), path.to_path_buf()))
        .collect();
    let names: Vec<String> = files.iter().map(|(source, _)| source.clone()).collect();
    let reports = app.import_iati_files(files, actor, dry_run).await?;
    for (source, report) in names.iter().zip(reports) {
        match report {
            Ok(report) => print_report(&report, source, out)?,
            Err(e) => {
                writeln!(out, "{source}: refused, nothing was written: {e}")?;
                writeln!(
                    out,
                    "{source}：已拒绝，未写入任何内容：{}",
                    e.describe(Lang::Zh).join("；")
                )?;
                refused.push(source.clone());
            }
        }
    }
    Ok(refused)
}

fn print_report(r: &IatiImportReport, source: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let version = r.version.as_deref().unwrap_or("?");
    let skipped = r.skipped.len();
    writeln!(
        out,
        "{source} (IATI {version}): {} activities: {} created, {} updated, {} unchanged, {skipped} skipped; {} organizations created{}",
        r.activities, r.created, r.updated, r.unchanged, r.organizations_created,
        if r.dry_run { " (dry run: nothing written)" } else { "" }
    )?;
    writeln!(
        out,
        "{source}（IATI {version}）：{} 项活动：新建 {}，更新 {}，未变 {}，跳过 {skipped}；新建机构 {}{}",
        r.activities, r.created, r.updated, r.unchanged, r.organizations_created,
        if r.dry_run { "（试运行：未写入）" } else { "" }
    )?;
    for s in &r.skipped {
        let id = if s.identifier.is_empty() {
            "-"
        } else {
            &s.identifier
        };
        for lang in [Lang::En, Lang::Zh] {
            let reasons: Vec<String> = s.problems.errors.iter().map(|e| e.describe(lang)).collect();
            let (word, sep) = match lang {
                Lang::En => ("skipped activity", "; "),
                Lang::Zh => ("跳过活动", "；"),
            };
            writeln!(out, "  {word} #{} {id}: {}", s.position, reasons.join(sep))?;
        }
    }
    Ok(())
}
