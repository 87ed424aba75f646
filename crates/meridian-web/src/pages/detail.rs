//! A record's page: every field, the records it links to and those that link to it, its
//! approval state with the next review steps, and links to edit and to its history.

use super::{id, kind, titles};
use crate::auth::User;
use crate::error::{WebError, WebResult};
use crate::forms::{show, spec, Ctx};
use crate::i18n::{t, UiLang};
use crate::ui::text_html;
use crate::WebState;
use axum::extract::{Path, State};
use axum::response::Html;
use meridian_app::Transition;
use meridian_domain::RecordKind;
use minijinja::context;
use std::collections::{BTreeMap, BTreeSet};

pub async fn page(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    user: User,
    Path((kind_name, id_text)): Path<(String, String)>,
) -> WebResult<Html<String>> {
    let kind = kind(lang, &kind_name)?;
    let id = id(lang, &id_text)?;
    let app = &state.app;
    let record = app
        .get(kind, id)
        .await
        .map_err(|e| WebError::from_app(lang, e))?;
    let me = &user.0.principal;
    if !me.can_read(record.unit, record.approval) {
        return Err(WebError::not_found(lang));
    }
    let referrers = app
        .store()
        .linked_from(id)
        .await
        .map_err(|e| WebError::internal(lang, e))?;
    let mut ids: BTreeSet<_> = record
        .body
        .references()
        .into_iter()
        .map(|r| r.target)
        .collect();
    ids.extend(referrers.iter().map(|r| r.id));
    let titles = titles(app, ids).await;
    let errors = BTreeMap::new();
    let ctx = Ctx {
        lang,
        link_base: "/records",
        errors: &errors,
        titles: &titles,
    };
    let fields = show::fields(&ctx, spec::fields(kind), &record.body.to_data());

    let mut linked: BTreeMap<RecordKind, Vec<minijinja::Value>> = BTreeMap::new();
    for r in &referrers {
        let title = titles
            .get(&r.id.to_string())
            .map(|(_, t)| t.clone())
            .unwrap_or_default();
        let field = r.field.split_once('.').map(|(_, f)| f).unwrap_or(&r.field);
        let field_label = t(
            lang,
            &format!("field.{}", field.split('[').next().unwrap_or(field)),
        );
        linked.entry(r.kind).or_default().push(context! {
            id => r.id.to_string(), kind => r.kind.as_str(), title => crate::ui::value(title), field => field_label,
        });
    }
    let linked: Vec<_> = linked
        .into_iter()
        .map(|(k, items)| context! { label => k.label(lang), items })
        .collect();
    let steps: Vec<_> = Transition::from_state(record.approval)
        .into_iter()
        .filter(|s| {
            if s.needs_approver() {
                me.can_approve(record.unit)
            } else {
                me.can_edit(record.unit)
            }
        })
        .map(|s| context! { name => s.as_str(), label => t(lang, &format!("step.{}", s.as_str())) })
        .collect();
    let title = app.title_of(&record).await;
    let page = context! {
        title => title.display(lang).map(|(t, _)| t.to_string()).unwrap_or_default(),
        heading => text_html(&title, lang),
        kind => kind.as_str(),
        kind_name => kind.label(lang),
        id => id.to_string(),
        version => record.version,
        approval => record.approval.as_str(),
        updated_at => record.updated_at.replace('T', " ").get(..16).map(String::from),
        updated_by => record.updated_by.clone(),
        deleted => record.is_deleted(),
        fields, linked, steps,
        can_edit => me.can_edit(record.unit),
        here => format!("/records/{}/{id}", kind.as_str()),
    };
    crate::ui::render(lang, Some(&user.0), "detail.html", page)
        .map_err(|e| WebError::internal(lang, e))
}
