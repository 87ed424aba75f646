//! `export --kind`, `import` and `template`: the CLI ends of `App::export_kind`,
//! `App::import_file` and the layout's templates, with a progress bar for long files and
//! the import report printed in the chosen language.

use crate::cli::{ExportFormat, TemplateFormat};
use anyhow::{bail, Context};
use indicatif::{ProgressBar, ProgressStyle};
use meridian_app::{App, ImportOptions, Progress, TableFormat};
use meridian_domain::{Lang, RecordKind};
use meridian_interop::tabular::Layout;
use meridian_store::{Actor, ImportMapping};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn parse_lang(text: &str) -> anyhow::Result<Lang> {
    Lang::parse(text).with_context(|| format!("unknown language {text:?}: zh or en"))
}

/// `export --format json|csv|xlsx --kind KIND`: to a file (written beside it, then moved
/// into place) or to standard output.
pub async fn export(
    app: &App,
    format: ExportFormat,
    kind: Option<RecordKind>,
    language: &str,
    output: Option<&Path>,
) -> anyhow::Result<()> {
    let Some(kind) = kind else {
        bail!("--format csv and xlsx export one kind: add --kind KIND");
    };
    let format = match format {
        ExportFormat::Csv => TableFormat::Csv,
        ExportFormat::Xlsx => TableFormat::Xlsx,
        ExportFormat::Json => TableFormat::Json,
        ExportFormat::Iati => bail!("--format iati exports every kind it covers: leave out --kind"),
    };
    let lang = parse_lang(language)?;
    match output {
        Some(path) => {
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let tmp = tempfile::NamedTempFile::new_in(dir)
                .with_context(|| format!("cannot write in {}", dir.display()))?;
            let file = tmp.reopen()?;
            app.export_kind(kind, format, lang, std::io::BufWriter::new(file))
                .await?;
            tmp.persist(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        None => {
            app.export_kind(
                kind,
                format,
                lang,
                std::io::BufWriter::new(std::io::stdout()),
            )
            .await?;
        }
    }
    Ok(())
}

pub struct ImportArgs {
    pub file: PathBuf,
    pub dry_run: bool,
    pub mapping: Option<String>,
    pub kind: Option<RecordKind>,
    pub language: String,
    pub map: Vec<String>,
    pub save_mapping: Option<String>,
}

fn pairs(map: &[String]) -> anyhow::Result<std::collections::BTreeMap<String, String>> {
    map.iter()
        .map(|pair| {
            let (from, to) = pair
                .split_once('=')
                .with_context(|| format!("--map {pair:?}: write it as \"Their header=name.zh\""))?;
            Ok((from.trim().to_string(), to.trim().to_string()))
        })
        .collect()
}

fn progress_bar() -> (ProgressBar, Progress) {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} rows ({per_sec}, {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let shown = bar.clone();
    let progress: Progress = Arc::new(move |done, total| {
        shown.set_length(total);
        shown.set_position(done);
    });
    (bar, progress)
}

/// `import FILE`: IATI .xml goes to the IATI importer; everything else to `import_file`.
pub async fn import(
    app: &App,
    args: ImportArgs,
    actor: &Actor,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let lang = parse_lang(&args.language)?;
    if let Some(name) = &args.save_mapping {
        let mapping = ImportMapping {
            name: name.clone(),
            kind: args.kind.map(|k| k.as_str().to_string()),
            columns: pairs(&args.map)?,
        };
        app.save_mapping(&mapping).await?;
        writeln!(
            out,
            "mapping {name:?} saved ({} columns)",
            mapping.columns.len()
        )?;
        return Ok(());
    }
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| args.file.display().to_string());
    if name.to_ascii_lowercase().ends_with(".xml") {
        crate::iati::import(app, &args.file, args.dry_run, actor, out).await?;
        return Ok(());
    }
    let size = std::fs::metadata(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?
        .len();
    let mut options = ImportOptions {
        file_name: name,
        kind: args.kind,
        mapping: args.mapping,
        map: pairs(&args.map)?,
        dry_run: args.dry_run,
        lang: Some(lang),
        ..ImportOptions::default()
    };
    // Refused before the file is read into memory.
    meridian_interop::tabular::read::check_size(&options.file_name, size, &options.limits)
        .map_err(|e| anyhow::anyhow!(e.describe(lang)))?;
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let (bar, progress) = progress_bar();
    options.progress = Some(progress);
    let report = app.import_file(bytes, &options, actor).await?;
    bar.finish_and_clear();
    for line in report.lines(lang) {
        writeln!(out, "{line}")?;
    }
    writeln!(out, "{}", report.summary(lang))?;
    if report.refused() {
        bail!("{}", report.summary(lang));
    }
    Ok(())
}

/// `template KIND --format csv|xlsx`.
pub fn template(
    kind: RecordKind,
    format: TemplateFormat,
    language: &str,
    output: &Path,
) -> anyhow::Result<()> {
    let lang = parse_lang(language)?;
    let layout = Layout::of(kind);
    let bytes = match format {
        TemplateFormat::Csv => layout.csv_template(lang)?,
        TemplateFormat::Xlsx => layout.xlsx_template(lang)?,
    };
    std::fs::write(output, bytes).with_context(|| format!("cannot write {}", output.display()))
}
