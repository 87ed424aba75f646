//! The import page's IATI branch: an activity file (`.xml`, as `meridian import` decides)
//! goes to `App::import_iati_files` (the file alone), dry run first, and its report is
//! shown in the user's language: a summary sentence and every skipped activity with its
//! field and reason.
//! Only the admin may import IATI: a file creates projects owned by whichever
//! organizations it names, and organizations of no unit, which no other role may edit.

use super::import::{render, Shown};
use crate::auth::User;
use crate::error::{WebError, WebResult};
use crate::i18n::{t, tf};
use crate::WebState;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use meridian_app::{AppError, IatiImportReport};
use meridian_domain::Lang;
use minijinja::{context, Value};

/// Imports (or, with `dry_run`, tries) an IATI file and shows the import page with its
/// report; a file the reader refuses is shown with its reasons and status 422.
pub async fn upload(
    state: &WebState,
    lang: Lang,
    user: &User,
    file_name: &str,
    bytes: Vec<u8>,
    dry_run: bool,
) -> WebResult<Response> {
    // Records of no unit (the organizations a file names) are the admin's alone to edit.
    if !user.0.principal.can_edit(None) {
        return Err(WebError {
            status: StatusCode::FORBIDDEN,
            code: "forbidden",
            message: t(lang, "import.iati_admin_only"),
            lang,
        });
    }
    // Through `import_iati_files`, which parses on a blocking thread: a 100 MB file would
    // otherwise hold one of the server's async workers for the parse.
    let result = state
        .app
        .import_iati_files(vec![(file_name.to_string(), bytes)], &user.actor(), dry_run)
        .await
        .and_then(|mut reports| {
            reports
                .pop()
                .unwrap_or_else(|| Err(AppError::Internal("no report for the file".into())))
        });
    let (status, shown) = match result {
        Ok(report) => (StatusCode::OK, report_view(lang, file_name, &report)),
        Err(e) if e.problems().is_some() => (
            StatusCode::UNPROCESSABLE_ENTITY,
            refused_view(lang, file_name, &e),
        ),
        Err(e) => return Err(WebError::from_app(lang, e)),
    };
    let html = render(state, lang, user, Shown::Iati(shown), dry_run).await?;
    Ok((status, html).into_response())
}

/// The report as the template shows it: a sentence, then one row per skipped activity
/// and reason.
fn report_view(lang: Lang, file_name: &str, r: &IatiImportReport) -> Value {
    let counts = [
        r.activities.to_string(),
        r.created.to_string(),
        r.updated.to_string(),
        r.unchanged.to_string(),
        r.skipped.len().to_string(),
        r.organizations_created.to_string(),
    ];
    let [activities, created, updated, unchanged, skipped, organizations] =
        counts.each_ref().map(String::as_str);
    let args = [
        ("file", file_name),
        ("version", r.version.as_deref().unwrap_or("?")),
        ("activities", activities),
        ("created", created),
        ("updated", updated),
        ("unchanged", unchanged),
        ("skipped", skipped),
        ("organizations", organizations),
    ];
    let summary = if r.dry_run {
        tf(lang, "import.iati_summary_dry_run", &args)
    } else {
        tf(lang, "import.iati_summary", &args)
    };
    let skipped = r
        .skipped
        .iter()
        .flat_map(|s| {
            s.problems.errors.iter().map(move |e| {
                context! {
                    position => s.position, identifier => s.identifier.clone(),
                    field => e.field.clone(), reason => e.reason.describe(lang),
                }
            })
        })
        .collect::<Vec<_>>();
    context! { summary, refused => false, skipped }
}

/// A refused file: why, in the user's language, and that nothing was written.
fn refused_view(lang: Lang, file_name: &str, e: &AppError) -> Value {
    context! {
        summary => tf(lang, "import.iati_refused", &[("file", file_name)]),
        refused => true,
        reasons => e.describe(lang),
    }
}
