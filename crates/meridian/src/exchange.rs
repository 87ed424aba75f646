//! `export --kind`, `import` and `template`: the CLI ends of `App::export_kind`,
//! `App::import_file` (and, for .xml, `crate::iati`) and the layout's templates, with a
//! progress bar for long files and each file's import report printed in the chosen language.

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
    /// One or more files (the CLI insists on at least one).
    pub files: Vec<PathBuf>,
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

/// How a file is named in reports and history: its file name.
pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// `import FILE…`: IATI .xml files go together to the IATI importer; every other file on
/// its own to `import_file`. Each file is all or nothing with its own report; every file is
/// tried and reported before the command fails for the refused ones.
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
    let map = pairs(&args.map)?;
    let (iati, tables): (Vec<&Path>, Vec<&Path>) = args
        .files
        .iter()
        .map(PathBuf::as_path)
        .partition(|p| meridian_app::is_iati_file(&p.to_string_lossy()));
    let mut refused = Vec::new();
    if !iati.is_empty() {
        refused.extend(crate::iati::import(app, &iati, args.dry_run, actor, out).await?);
    }
    for path in tables {
        let name = file_name(path);
        let options = ImportOptions {
            file_name: name.clone(),
            kind: args.kind,
            mapping: args.mapping.clone(),
            map: map.clone(),
            dry_run: args.dry_run,
            lang: Some(lang),
            ..ImportOptions::default()
        };
        match import_table(app, path, options, actor, out).await {
            Ok(true) => {}
            Ok(false) => refused.push(name),
            Err(e) => {
                writeln!(out, "{name}: {e:#}")?;
                refused.push(name);
            }
        }
    }
    match refused.len() {
        0 => Ok(()),
        1 if args.files.len() == 1 => bail!("{}: refused, nothing was written", refused[0]),
        n => bail!(
            "{n} of {} files refused, nothing written from them: {}",
            args.files.len(),
            refused.join(", ")
        ),
    }
}

/// One CSV, .xlsx or JSON file through `import_file`, its report printed; false when the
/// file was refused.
async fn import_table(
    app: &App,
    path: &Path,
    mut options: ImportOptions,
    actor: &Actor,
    out: &mut dyn Write,
) -> anyhow::Result<bool> {
    let lang = options.lang.unwrap_or(Lang::En);
    let size = std::fs::metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .len();
    // Refused before the file is read into memory.
    meridian_interop::tabular::read::check_size(&options.file_name, size, &options.limits)
        .map_err(|e| anyhow::anyhow!(e.describe(lang)))?;
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let (bar, progress) = progress_bar();
    options.progress = Some(progress);
    let report = app.import_file(bytes, &options, actor).await;
    bar.finish_and_clear();
    let report = report?;
    for line in report.lines(lang) {
        writeln!(out, "{line}")?;
    }
    writeln!(out, "{}", report.summary(lang))?;
    Ok(!report.refused())
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
