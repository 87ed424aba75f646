//! "Work with us": the portal's inquiry form. A sent inquiry is stored as a draft
//! `Inquiry` record owned by the institution it is addressed to (if any), where its staff
//! follow it up in the application (new → contacted → in discussion → partnership or
//! closed). Drafts never reach the portal, so an inquiry is never published.
//!
//! Against abuse: a honeypot field people do not see (a filled one is thanked and
//! dropped), and at most [`PER_HOUR`] inquiries an hour from one address. Invalid input is
//! shown again with each problem named, in the page's language.

use super::{approved_one, path_lang, render, text};
use crate::auth::ClientIp;
use crate::error::{WebError, WebResult};
use crate::i18n::t;
use crate::WebState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use meridian_domain::records::{CooperationArea, Inquiry, InquiryStatus};
use meridian_domain::{Approval, Code, Lang, RecordBody, RecordId};
use meridian_store::{Actor, NewRecord};
use minijinja::context;
use serde::Deserialize;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const PER_HOUR: usize = 5;
const WINDOW: Duration = Duration::from_secs(3600);

/// Inquiries sent per address within the last hour.
#[derive(Default)]
pub struct Limiter {
    sent: Mutex<HashMap<IpAddr, Vec<Instant>>>,
}

impl Limiter {
    /// Counts one more from `ip`; false when it has sent its share this hour.
    fn allow(&self, ip: IpAddr) -> bool {
        let Ok(mut sent) = self.sent.lock() else {
            return false;
        };
        let now = Instant::now();
        if sent.len() > 100_000 {
            sent.retain(|_, times| times.iter().any(|t| now.duration_since(*t) < WINDOW));
        }
        let times = sent.entry(ip).or_default();
        times.retain(|t| now.duration_since(*t) < WINDOW);
        if times.len() >= PER_HOUR {
            return false;
        }
        times.push(now);
        true
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct Params {
    #[serde(default)]
    to: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct InquiryForm {
    #[serde(default)]
    to: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    organization_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    interest: String,
    #[serde(default)]
    message: String,
    /// The honeypot: hidden from people, filled by robots.
    #[serde(default)]
    website: String,
}

async fn addressee(state: &WebState, lang: Lang, to: &str) -> Option<(RecordId, String)> {
    let id: RecordId = to.parse().ok()?;
    let org = approved_one(&state.app, lang, id).await.ok()?;
    matches!(org.body, RecordBody::Organization(_)).then(|| (id, text(&org.body.title(), lang)))
}

fn form_page(
    lang: Lang,
    status: StatusCode,
    form: &InquiryForm,
    to_name: Option<String>,
    errors: Vec<String>,
) -> WebResult<Response> {
    let interests: Vec<_> = CooperationArea::all()
        .iter()
        .map(|a| context! { code => a.as_str(), label => a.label(lang), selected => a.as_str() == form.interest })
        .collect();
    let page = context! {
        title => t(lang, "portal.inquiry_title"),
        description => t(lang, "portal.inquiry_description"),
        form => context! {
            to => form.to.clone(), name => form.name.clone(), organization_name => form.organization_name.clone(),
            email => form.email.clone(), country => form.country.clone(), message => form.message.clone(),
        },
        to_name, interests, errors,
    };
    let mut response = render(lang, "portal/inquiry.html", "/contact", page)?;
    *response.status_mut() = status;
    Ok(response)
}

pub async fn form(
    State(state): State<WebState>,
    Path(lang): Path<String>,
    Query(params): Query<Params>,
) -> WebResult<Response> {
    let lang = path_lang(&lang)?;
    let to = params.to.unwrap_or_default();
    let to_name = addressee(&state, lang, &to).await.map(|(_, n)| n);
    let form = InquiryForm {
        to,
        ..InquiryForm::default()
    };
    form_page(lang, StatusCode::OK, &form, to_name, Vec::new())
}

pub async fn sent(Path(lang): Path<String>) -> WebResult<Response> {
    let lang = path_lang(&lang)?;
    let page = context! { title => t(lang, "portal.inquiry_sent"), description => t(lang, "portal.inquiry_sent_text") };
    render(lang, "portal/inquiry_sent.html", "/contact/sent", page)
}

pub async fn send(
    State(state): State<WebState>,
    Path(lang): Path<String>,
    ClientIp(ip): ClientIp,
    Form(form): Form<InquiryForm>,
) -> WebResult<Response> {
    let lang = path_lang(&lang)?;
    let thanks = Redirect::to(&format!("/portal/{}/contact/sent", lang.as_str())).into_response();
    if !form.website.trim().is_empty() {
        tracing::info!(%ip, "inquiry honeypot filled; dropped");
        return Ok(thanks);
    }
    if !state.inquiry_limits.allow(ip) {
        let mut response = WebError::new(StatusCode::TOO_MANY_REQUESTS, "too_many_inquiries", lang)
            .into_response();
        response.headers_mut().insert(
            axum::http::header::RETRY_AFTER,
            axum::http::HeaderValue::from_static("3600"),
        );
        return Ok(response);
    }
    let addressed = addressee(&state, lang, &form.to).await;
    let blank_to_none = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let inquiry = Inquiry {
        name: form.name.trim().to_string(),
        organization_name: blank_to_none(&form.organization_name),
        email: form.email.trim().to_string(),
        country: blank_to_none(&form.country).map(|c| c.to_ascii_uppercase()),
        interest: CooperationArea::parse(form.interest.trim()),
        message: form.message.trim().to_string(),
        language: lang,
        received: meridian_app::today(),
        status: InquiryStatus::New,
        outcome: None,
    };
    let new = NewRecord {
        id: None,
        body: RecordBody::Inquiry(inquiry),
        approval: Approval::Draft,
        unit: addressed.as_ref().map(|(id, _)| *id),
    };
    match state.app.create(new, &Actor::new("portal")).await {
        Ok(_) => Ok(thanks),
        Err(e) if e.problems().is_some() => form_page(
            lang,
            StatusCode::UNPROCESSABLE_ENTITY,
            &form,
            addressed.map(|(_, n)| n),
            e.describe(lang),
        ),
        Err(e) => Err(WebError::from_app(lang, e)),
    }
}
