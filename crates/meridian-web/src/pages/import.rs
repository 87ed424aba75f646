//! The import page: upload a CSV, Excel or JSON file of one record kind, try it first (a dry
//! run says what would be created, updated and left unchanged, and every problem by row and
//! column), then import it. The same `App::import_file` as `meridian import`. An IATI
//! activity file (`.xml`) takes the same form to `App::import_iati` (`import_iati.rs`).

use super::import_iati;
use crate::auth::User;
use crate::error::{WebError, WebResult};
use crate::i18n::{t, UiLang};
use crate::WebState;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use meridian_app::{ImportOptions, ImportReport};
use meridian_domain::{Lang, RecordKind};
use minijinja::context;

/// Largest upload, as for `meridian import` (the import refuses larger files by name).
pub const MAX_UPLOAD: usize = 100 * 1024 * 1024;

/// What the page shows above its form.
pub enum Shown<'a> {
    /// The form alone.
    Form,
    /// A spreadsheet or JSON file's report, by row and column.
    Table(&'a ImportReport),
    /// An IATI file's report (or refusal), as `import_iati` words it.
    Iati(minijinja::Value),
}

pub async fn render(
    state: &WebState,
    lang: Lang,
    user: &User,
    shown: Shown<'_>,
    dry_run: bool,
) -> WebResult<Html<String>> {
    let (report, iati) = match shown {
        Shown::Form => (None, None),
        Shown::Table(report) => (Some(report), None),
        Shown::Iati(view) => (None, Some(view)),
    };
    let mappings = state
        .app
        .mappings()
        .await
        .map_err(|e| WebError::from_app(lang, e))?;
    let page = context! {
        title => t(lang, "import.title"), here => "/import",
        csrf => user.0.csrf.clone(),
        kinds => RecordKind::ALL.iter().map(|k| context! { code => k.as_str(), label => k.label(lang) }).collect::<Vec<_>>(),
        mappings => mappings.iter().map(|m| m.name.clone()).collect::<Vec<_>>(),
        report => report.map(|r| context! {
            summary => r.summary(lang), refused => r.refused(), written => r.written,
            problems => r.problems.iter().map(|p| context! {
                severity => p.severity.as_str(), label => p.severity.label(lang),
                row => p.row, column => p.column.clone(), message => p.message.clone(),
            }).collect::<Vec<_>>(),
        }),
        iati,
        dry_run,
    };
    crate::ui::render(lang, Some(&user.0), "import.html", page)
        .map_err(|e| WebError::internal(lang, e))
}

pub async fn page(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    user: User,
) -> WebResult<Html<String>> {
    if !user.0.principal.can_create() {
        return Err(WebError::forbidden(lang));
    }
    render(&state, lang, &user, Shown::Form, true).await
}

/// The form's fields, read from the multipart body.
#[derive(Default)]
struct Upload {
    csrf: String,
    file_name: String,
    bytes: Vec<u8>,
    kind: Option<RecordKind>,
    mapping: Option<String>,
    dry_run: bool,
}

async fn read_upload(lang: Lang, mut multipart: Multipart) -> WebResult<Upload> {
    let bad =
        |e: axum::extract::multipart::MultipartError| WebError::bad_request(lang, e.body_text());
    let mut upload = Upload::default();
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
            upload.file_name = field.file_name().unwrap_or_default().to_string();
            upload.bytes = field.bytes().await.map_err(bad)?.to_vec();
            continue;
        }
        let text = field.text().await.map_err(bad)?;
        match name.as_str() {
            "csrf" => upload.csrf = text,
            "kind" => upload.kind = RecordKind::parse(text.trim()),
            "mapping" => upload.mapping = Some(text).filter(|m| !m.trim().is_empty()),
            "dry_run" => upload.dry_run = !text.is_empty(),
            _ => {}
        }
    }
    Ok(upload)
}

pub async fn upload(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    user: User,
    multipart: Multipart,
) -> WebResult<Response> {
    let upload = read_upload(lang, multipart).await?;
    if !meridian_app::csrf_matches(&user.0.csrf, &upload.csrf) {
        return Err(WebError::new(StatusCode::FORBIDDEN, "csrf", lang));
    }
    if !user.0.principal.can_create() {
        return Err(WebError::forbidden(lang));
    }
    if upload.file_name.is_empty() {
        return Err(WebError::bad_request(lang, t(lang, "import.no_file")));
    }
    if meridian_app::is_iati_file(&upload.file_name) {
        let (name, bytes) = (&upload.file_name, upload.bytes);
        return import_iati::upload(&state, lang, &user, name, bytes, upload.dry_run).await;
    }
    let unit = user.0.principal.unit;
    if !user.0.principal.can_edit(Some(unit)) {
        return Err(WebError::forbidden(lang));
    }
    let options = ImportOptions {
        file_name: upload.file_name,
        kind: upload.kind,
        mapping: upload.mapping,
        dry_run: upload.dry_run,
        lang: Some(lang),
        unit: Some(unit),
        ..ImportOptions::default()
    };
    let report = state
        .app
        .import_file(upload.bytes, &options, &user.actor())
        .await
        .map_err(|e| WebError::from_app(lang, e))?;
    let status = if report.refused() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let html = render(&state, lang, &user, Shown::Table(&report), upload.dry_run).await?;
    Ok((status, html).into_response())
}
