//! The public portal under `/portal/{zh|en}/…`: pages generated from approved records only,
//! in Chinese and English, for anyone without signing in — a home page with headline
//! figures, a map and news; a page per institution (overview with its headlines, the
//! international organizations it belongs to, its partners by area with related news, its
//! centres and bases, its office's contact details); directories of partners and of centres;
//! `sitemap.xml`.
//!
//! Nothing here reads drafts, submissions, users or history: every record comes through
//! [`approved`], and every figure through `App::analytics`, which counts approved records.

pub mod cache;
mod centres;
pub mod export;
mod home;
pub mod inquiry;
mod institution;
mod lists;
mod national;
mod plan;
mod record;

use crate::error::{WebError, WebResult};
pub(crate) use crate::ui::text;
use crate::WebState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use meridian_app::{App, RecordFilter, Sort};
use meridian_domain::{Approval, Lang, LocalizedText, RecordId, RecordKind};
use meridian_store::StoredRecord;
use minijinja::{context, Value};

pub fn routes(state: WebState) -> Router<WebState> {
    Router::new()
        .route("/portal", get(|| async { Redirect::to("/portal/zh/") }))
        .route("/portal/", get(|| async { Redirect::to("/portal/zh/") }))
        .route("/portal/sitemap.xml", get(sitemap))
        .route("/portal/{lang}", get(to_home))
        .route("/portal/{lang}/", get(home::page))
        .route("/portal/{lang}/institutions/{id}", get(institution::page))
        .route(
            "/portal/{lang}/institutions/{id}/{file}",
            get(institution::table_file),
        )
        .route("/portal/{lang}/partners", get(lists::partners))
        .route("/portal/{lang}/news", get(lists::news))
        .route("/portal/{lang}/centres", get(centres::page))
        .route("/portal/{lang}/{file}", get(lists::file))
        .route("/portal/{lang}/records/{kind}/{id}", get(record::page))
        .route("/portal/{lang}/plan", get(plan::page))
        .route("/portal/{lang}/national", get(national::page))
        .route("/portal/{lang}/national/{file}", get(national::file))
        .route(
            "/portal/{lang}/contact",
            get(inquiry::form).post(inquiry::send),
        )
        .route("/portal/{lang}/contact/sent", get(inquiry::sent))
        .layer(axum::middleware::from_fn_with_state(state, cache::cached))
}

async fn to_home(Path(lang): Path<String>) -> Response {
    match Lang::parse(&lang) {
        Some(lang) => Redirect::to(&format!("/portal/{}/", lang.as_str())).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The language a portal path names; any other segment is not a portal page.
pub(crate) fn path_lang(segment: &str) -> WebResult<Lang> {
    match segment {
        "zh" => Ok(Lang::Zh),
        "en" => Ok(Lang::En),
        _ => Err(WebError::not_found(Lang::En)),
    }
}

/// A country's name in `lang` from its ISO code; `None` for an unknown code.
pub(crate) fn country_name(code: &str, lang: Lang) -> Option<String> {
    meridian_interop::reference::country(code).map(|c| text(&c.name, lang))
}

/// Every approved record of a kind.
pub(crate) async fn approved(
    app: &App,
    lang: Lang,
    kind: RecordKind,
) -> WebResult<Vec<StoredRecord>> {
    let filter = RecordFilter {
        approval: Some(Approval::Approved),
        ..RecordFilter::default()
    };
    app.find(kind, &filter, Sort::Updated, 0, usize::MAX)
        .await
        .map(|page| page.items)
        .map_err(|e| WebError::from_app(lang, e))
}

/// One approved record; any other is not found, so a draft's address reveals nothing.
pub(crate) async fn approved_one(app: &App, lang: Lang, id: RecordId) -> WebResult<StoredRecord> {
    match app.store().get(id).await {
        Ok(record) if record.approval == Approval::Approved && !record.is_deleted() => Ok(record),
        _ => Err(WebError::not_found(lang)),
    }
}

/// The institutions the portal has a page for: organizations that own approved records.
pub(crate) async fn institutions(
    app: &App,
    lang: Lang,
) -> WebResult<Vec<(RecordId, LocalizedText)>> {
    let mut owners: Vec<RecordId> = Vec::new();
    for kind in [
        RecordKind::Membership,
        RecordKind::Partnership,
        RecordKind::Centre,
        RecordKind::Figure,
        RecordKind::Contact,
    ] {
        for record in approved(app, lang, kind).await? {
            if let Some(unit) = record.unit {
                if !owners.contains(&unit) {
                    owners.push(unit);
                }
            }
        }
    }
    let mut out = Vec::new();
    for id in owners {
        if let Ok(org) = approved_one(app, lang, id).await {
            out.push((id, org.body.title()));
        }
    }
    out.sort_by_key(|a| text(&a.1, lang));
    Ok(out)
}

/// Renders a portal page: `path` is the page's address after `/portal/{lang}`, for the
/// links between the two languages.
pub(crate) fn render(lang: Lang, template: &str, path: &str, page: Value) -> WebResult<Response> {
    let other = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
    let base = context! {
        lang => lang.as_str(),
        html_lang => if lang == Lang::Zh { "zh-CN" } else { "en" },
        other_lang => other.as_str(),
        other_html_lang => if other == Lang::Zh { "zh-CN" } else { "en" },
        path => path,
        home => format!("/portal/{}/", lang.as_str()),
    };
    let html = crate::ui::render(lang, None, template, context! { ..page, ..base })
        .map_err(|e| WebError::internal(lang, e))?;
    Ok(html.into_response())
}

/// Every portal page in both languages, for search engines.
async fn sitemap(State(state): State<WebState>) -> WebResult<Response> {
    let mut paths = vec![
        "/".to_string(),
        "/partners".to_string(),
        "/news".to_string(),
        "/centres".to_string(),
        "/plan".to_string(),
        "/national".to_string(),
        "/contact".to_string(),
    ];
    for (id, _) in institutions(&state.app, Lang::En).await? {
        paths.push(format!("/institutions/{id}"));
    }
    for kind in RecordKind::ALL
        .iter()
        .filter(|k| !record::PRIVATE.contains(k))
    {
        for r in approved(&state.app, Lang::En, *kind).await? {
            paths.push(format!("/records/{}/{}", kind.as_str(), r.id));
        }
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for path in &paths {
        for lang in ["zh", "en"] {
            xml.push_str(&format!("<url><loc>/portal/{lang}{path}</loc>"));
            for (alt, tag) in [("zh", "zh-CN"), ("en", "en")] {
                xml.push_str(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{tag}\" href=\"/portal/{alt}{path}\"/>"
                ));
            }
            xml.push_str("</url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    Ok((
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        xml,
    )
        .into_response())
}
