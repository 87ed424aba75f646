//! Creating and editing records: the form, what happens on save (field errors in the
//! user's language, the duplicate warning for organizations, and an edit conflict shown
//! with both versions so nothing is lost), and the review steps and delete buttons.

use super::{datalists, form_version, id, kind, titles};
use crate::auth::User;
use crate::error::{WebError, WebResult};
use crate::forms::parse::{parse, Input};
use crate::forms::{anchor, render, show, spec, Ctx};
use crate::i18n::{t, tf, UiLang};
use crate::WebState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use meridian_app::{AppError, Transition};
use meridian_domain::facts::Facts;
use meridian_domain::{Lang, Problems, RecordBody, RecordKind};
use meridian_store::{Change, NewRecord, StoreError, StoredRecord};
use minijinja::{context, Value};
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// Everything a form page shows besides the fields.
#[derive(Default)]
struct FormPage {
    errors: BTreeMap<String, String>,
    version: Option<i64>,
    conflict: Option<Value>,
    duplicates: Vec<Value>,
    status: Option<StatusCode>,
}

async fn render_form(
    state: &WebState,
    user: &User,
    lang: Lang,
    kind: RecordKind,
    id: Option<&str>,
    data: &Json,
    page: FormPage,
) -> WebResult<Response> {
    let fields = spec::fields(kind);
    let ids = match RecordBody::from_data(kind, data.clone()) {
        Ok(body) => Facts::of(&body).links,
        Err(_) => Default::default(),
    };
    let titles = titles(&state.app, ids).await;
    let ctx = Ctx {
        lang,
        link_base: "/records",
        errors: &page.errors,
        titles: &titles,
    };
    let form = render::fields(&ctx, fields, "", data);
    let (action, title, cancel) = match id {
        Some(id) => (
            format!("/records/{}/{id}", kind.as_str()),
            tf(lang, "form.edit_title", &[("kind", kind.label(lang))]),
            format!("/records/{}/{id}", kind.as_str()),
        ),
        None => (
            format!("/records/{}", kind.as_str()),
            tf(lang, "form.new_title", &[("kind", kind.label(lang))]),
            format!("/records/{}", kind.as_str()),
        ),
    };
    let action_here = action.clone();
    let errors: Vec<_> = page.errors.iter().map(|(path, message)| context! { anchor => anchor(path), message => format!("{}: {message}", field_label(lang, path)) }).collect();
    let ctx = context! {
        title, action, cancel, form, errors,
        version => page.version,
        conflict => page.conflict,
        duplicates => page.duplicates,
        datalists => datalists(&state.app, lang, fields).await?,
        here => action_here,
    };
    let html = crate::ui::render(lang, Some(&user.0), "form.html", ctx)
        .map_err(|e| WebError::internal(lang, e))?;
    Ok((page.status.unwrap_or(StatusCode::OK), html).into_response())
}

/// A field path's label: the last named part, translated.
fn field_label(lang: Lang, path: &str) -> String {
    let last = path
        .rsplit('.')
        .find(|p| !p.is_empty() && !matches!(*p, "zh" | "en" | "value" | "start" | "end"))
        .unwrap_or(path);
    let name = last.split('[').next().unwrap_or(last);
    let label = t(lang, &format!("field.{name}"));
    if path.contains('[') {
        format!("{label} ({path})")
    } else {
        label
    }
}

fn domain_errors(lang: Lang, kind: RecordKind, problems: &Problems) -> BTreeMap<String, String> {
    let prefix = format!("{}.", kind.as_str());
    problems
        .errors
        .iter()
        .map(|e| {
            (
                e.field
                    .strip_prefix(&prefix)
                    .unwrap_or(&e.field)
                    .to_string(),
                e.reason.describe(lang),
            )
        })
        .collect()
}

/// Parses the submitted form into a body, or the errors to show.
fn read_form(
    lang: Lang,
    kind: RecordKind,
    input: &Input,
) -> (Json, Result<RecordBody, BTreeMap<String, String>>) {
    let mut problems = Vec::new();
    let data = Json::Object(parse(spec::fields(kind), "", input, &mut problems));
    if !problems.is_empty() {
        let errors = problems
            .into_iter()
            .map(|(p, r)| (p, r.describe(lang)))
            .collect();
        return (data, Err(errors));
    }
    match RecordBody::from_data(kind, data.clone()) {
        Ok(body) => (data, Ok(body)),
        Err(e) => (data, Err(BTreeMap::from([(String::new(), e.to_string())]))),
    }
}

pub async fn new_page(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    user: User,
    Path(kind_name): Path<String>,
) -> WebResult<Response> {
    let kind = kind(lang, &kind_name)?;
    if !user.0.principal.can_create() {
        return Err(WebError::forbidden(lang));
    }
    render_form(
        &state,
        &user,
        lang,
        kind,
        None,
        &Json::Object(Default::default()),
        FormPage::default(),
    )
    .await
}

pub async fn edit_page(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    user: User,
    Path((kind_name, id_text)): Path<(String, String)>,
) -> WebResult<Response> {
    let kind = kind(lang, &kind_name)?;
    let record = state
        .app
        .get(kind, id(lang, &id_text)?)
        .await
        .map_err(|e| WebError::from_app(lang, e))?;
    if !user.0.principal.can_edit(record.unit) {
        return Err(WebError::forbidden(lang));
    }
    let page = FormPage {
        version: Some(record.version),
        ..FormPage::default()
    };
    render_form(
        &state,
        &user,
        lang,
        kind,
        Some(&id_text),
        &record.body.to_data(),
        page,
    )
    .await
}

fn invalid(errors: BTreeMap<String, String>, version: Option<i64>) -> FormPage {
    FormPage {
        errors,
        version,
        status: Some(StatusCode::UNPROCESSABLE_ENTITY),
        ..FormPage::default()
    }
}

pub async fn create(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    user: User,
    Path(kind_name): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let kind = kind(lang, &kind_name)?;
    let input = Input::new(pairs);
    user.check_csrf(lang, &input)?;
    let unit = user.0.principal.unit;
    if !user.0.principal.can_create() || !user.0.principal.can_edit(Some(unit)) {
        return Err(WebError::forbidden(lang));
    }
    let (data, body) = read_form(lang, kind, &input);
    let body = match body {
        Ok(b) => b,
        Err(errors) => {
            return render_form(
                &state,
                &user,
                lang,
                kind,
                None,
                &data,
                invalid(errors, None),
            )
            .await
        }
    };
    if let (RecordBody::Organization(org), "") = (&body, input.one("confirm_duplicate")) {
        let similar = state
            .app
            .similar_organizations(org, None)
            .await
            .map_err(|e| WebError::from_app(lang, e))?;
        if !similar.is_empty() {
            let duplicates = similar
                .iter()
                .map(|(r, name)| context! { id => r.id.to_string(), title => crate::ui::value(r.body.title()), reason => tf(lang, "form.duplicate_reason", &[("name", name)]) })
                .collect();
            let page = FormPage {
                duplicates,
                status: Some(StatusCode::CONFLICT),
                ..FormPage::default()
            };
            return render_form(&state, &user, lang, kind, None, &data, page).await;
        }
    }
    match state
        .app
        .create(
            NewRecord {
                unit: Some(unit),
                ..NewRecord::draft(body)
            },
            &user.actor(),
        )
        .await
    {
        Ok(record) => {
            Ok(Redirect::to(&format!("/records/{}/{}", kind.as_str(), record.id)).into_response())
        }
        Err(e) => match e.problems() {
            Some(p) => {
                render_form(
                    &state,
                    &user,
                    lang,
                    kind,
                    None,
                    &data,
                    invalid(domain_errors(lang, kind, p), None),
                )
                .await
            }
            None => Err(WebError::from_app(lang, e)),
        },
    }
}

fn conflict_view(lang: Lang, current: &StoredRecord, titles: &super::Titles) -> Value {
    let errors = BTreeMap::new();
    let ctx = Ctx {
        lang,
        link_base: "/records",
        errors: &errors,
        titles,
    };
    context! {
        version => current.version,
        by => current.updated_by.clone(),
        fields => show::fields(&ctx, spec::fields(current.kind()), &current.body.to_data()),
    }
}

pub async fn update(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    user: User,
    Path((kind_name, id_text)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let kind = kind(lang, &kind_name)?;
    let id = id(lang, &id_text)?;
    let input = Input::new(pairs);
    user.check_csrf(lang, &input)?;
    let existing = state
        .app
        .get(kind, id)
        .await
        .map_err(|e| WebError::from_app(lang, e))?;
    if !user.0.principal.can_edit(existing.unit) {
        return Err(WebError::forbidden(lang));
    }
    let version = form_version(lang, &input)?;
    let (data, body) = read_form(lang, kind, &input);
    let body = match body {
        Ok(b) => b,
        Err(errors) => {
            return render_form(
                &state,
                &user,
                lang,
                kind,
                Some(&id_text),
                &data,
                invalid(errors, Some(version)),
            )
            .await
        }
    };
    let current = state
        .app
        .get(kind, id)
        .await
        .map_err(|e| WebError::from_app(lang, e))?;
    match state
        .app
        .update(id, version, Change::body_of(&current, body), &user.actor())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/records/{}/{id}", kind.as_str())).into_response()),
        Err(AppError::Store(StoreError::Conflict { .. })) => {
            let ids = Facts::of(&current.body).links;
            let titles = titles(&state.app, ids).await;
            let page = FormPage {
                version: Some(current.version),
                conflict: Some(conflict_view(lang, &current, &titles)),
                status: Some(StatusCode::CONFLICT),
                ..FormPage::default()
            };
            render_form(&state, &user, lang, kind, Some(&id_text), &data, page).await
        }
        Err(e) => match e.problems() {
            Some(p) => {
                render_form(
                    &state,
                    &user,
                    lang,
                    kind,
                    Some(&id_text),
                    &data,
                    invalid(domain_errors(lang, kind, p), Some(version)),
                )
                .await
            }
            None => Err(WebError::from_app(lang, e)),
        },
    }
}

/// POST /records/{kind}/{id}/{step}: submit, approve, return, archive, reopen, delete.
pub async fn step(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    user: User,
    Path((kind_name, id_text, step)): Path<(String, String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult<Response> {
    let kind = kind(lang, &kind_name)?;
    let id = id(lang, &id_text)?;
    let input = Input::new(pairs);
    user.check_csrf(lang, &input)?;
    let version = form_version(lang, &input)?;
    let back = format!("/records/{}/{id}", kind.as_str());
    let existing = state
        .app
        .get(kind, id)
        .await
        .map_err(|e| WebError::from_app(lang, e))?;
    let me = &user.0.principal;
    let allowed = match Transition::parse(&step) {
        Some(t) if t.needs_approver() => me.can_approve(existing.unit),
        _ => me.can_edit(existing.unit),
    };
    if !allowed {
        return Err(WebError::forbidden(lang));
    }
    if step == "delete" {
        state
            .app
            .delete(kind, id, Some(version), &user.actor())
            .await
            .map_err(|e| WebError::from_app(lang, e))?;
        return Ok(Redirect::to("/trash").into_response());
    }
    let transition = Transition::parse(&step).ok_or_else(|| WebError::not_found(lang))?;
    let comment = Some(input.one("comment").to_string());
    state
        .app
        .transition(kind, id, version, transition, comment, &user.actor())
        .await
        .map_err(|e| WebError::from_app(lang, e))?;
    Ok(Redirect::to(&back).into_response())
}
