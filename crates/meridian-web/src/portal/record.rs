//! A record's public page: its fields as the application shows them, with links only to
//! other approved records (on the portal), and the approved records that link to it. An
//! inquiry is never public; any record not approved is not found.

use super::{approved_one, path_lang, render, text};
use crate::error::{WebError, WebResult};
use crate::forms::{show, spec, Ctx};
use crate::WebState;
use axum::extract::{Path, State};
use axum::response::Response;
use meridian_domain::{Lang, RecordId, RecordKind};
use minijinja::context;
use std::collections::{BTreeMap, BTreeSet};

/// Kinds never shown in public: inquiries hold people's messages to an office.
pub(super) const PRIVATE: [RecordKind; 1] = [RecordKind::Inquiry];

async fn public_titles(
    state: &WebState,
    lang: Lang,
    ids: BTreeSet<RecordId>,
) -> crate::pages::Titles {
    let mut out = crate::pages::Titles::new();
    for id in ids {
        if let Ok(record) = approved_one(&state.app, lang, id).await {
            if !PRIVATE.contains(&record.kind()) {
                out.insert(
                    id.to_string(),
                    (record.kind(), state.app.title_of(&record).await),
                );
            }
        }
    }
    out
}

pub async fn page(
    State(state): State<WebState>,
    Path((lang, kind, id)): Path<(String, String, String)>,
) -> WebResult<Response> {
    let lang = path_lang(&lang)?;
    let kind = crate::pages::kind(lang, &kind)?;
    let id = crate::pages::id(lang, &id)?;
    if PRIVATE.contains(&kind) {
        return Err(WebError::not_found(lang));
    }
    let record = approved_one(&state.app, lang, id).await?;
    if record.kind() != kind {
        return Err(WebError::not_found(lang));
    }
    let referrers = state
        .app
        .store()
        .linked_from(id)
        .await
        .map_err(|e| WebError::internal(lang, e))?;
    let mut ids: BTreeSet<RecordId> = record
        .body
        .references()
        .into_iter()
        .map(|r| r.target)
        .collect();
    ids.extend(referrers.iter().map(|r| r.id));
    let titles = public_titles(&state, lang, ids).await;
    let errors = BTreeMap::new();
    let base = format!("/portal/{}/records", lang.as_str());
    let ctx = Ctx {
        lang,
        link_base: &base,
        errors: &errors,
        titles: &titles,
    };
    let fields = show::fields(&ctx, spec::fields(kind), &record.body.to_data());
    let linked: Vec<_> = referrers
        .iter()
        .filter_map(|r| {
            let (kind, title) = titles.get(&r.id.to_string())?;
            Some(context! { id => r.id.to_string(), kind => kind.as_str(), kind_label => kind.label(lang), title => text(title, lang) })
        })
        .collect();
    let title = text(&state.app.title_of(&record).await, lang);
    let page = context! {
        title => title.clone(),
        description => format!("{} — {}", kind.label(lang), title),
        kind_label => kind.label(lang),
        fields, linked,
    };
    render(
        lang,
        "portal/record.html",
        &format!("/records/{}/{id}", kind.as_str()),
        page,
    )
}
