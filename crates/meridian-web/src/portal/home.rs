//! The portal's home page: the system's headline figures, a world map of cooperation, the
//! latest news, and the institutions with a page of their own.

use super::{approved, institutions, path_lang, render, text};
use crate::error::{WebError, WebResult};
use crate::i18n::t;
use crate::pages::charts::chart;
use crate::WebState;
use axum::extract::{Path, State};
use axum::response::Response;
use meridian_app::analytics::{Dimension, Selection};
use meridian_domain::records::News;
use meridian_domain::{phrase, RecordBody, RecordKind};
use minijinja::context;
use serde_json::json;

/// Kinds whose countries the map shows: where cooperation takes place.
const MAPPED: [RecordKind; 6] = [
    RecordKind::Organization,
    RecordKind::Partnership,
    RecordKind::Agreement,
    RecordKind::Project,
    RecordKind::Centre,
    RecordKind::Activity,
];

/// Kinds counted in the headline figures, in order.
const COUNTED: [RecordKind; 5] = [
    RecordKind::Organization,
    RecordKind::Centre,
    RecordKind::Agreement,
    RecordKind::Project,
    RecordKind::Membership,
];

const LATEST_NEWS: usize = 10;

pub async fn page(State(state): State<WebState>, Path(lang): Path<String>) -> WebResult<Response> {
    let lang = path_lang(&lang)?;
    let app = &state.app;
    let fail = |e| WebError::from_app(lang, e);
    let (figures, countries, map) = app
        .analytics(|a| {
            let figures: Vec<_> = COUNTED
                .iter()
                .map(|kind| {
                    let n = a.count(&Selection::of_kind(*kind)).value;
                    context! { kind => kind.as_str(), label => kind.label(lang), value => phrase::number(n as f64, lang) }
                })
                .collect();
            let everywhere = Selection { kinds: MAPPED.to_vec(), ..Selection::default() };
            let countries = a.count_countries(&everywhere).value;
            let map: Vec<_> = a
                .breakdown(&everywhere, Dimension::Country)
                .buckets
                .iter()
                .map(|b| json!({"code": b.key, "name": text(&b.label, lang), "value": b.count}))
                .collect();
            (figures, countries, map)
        })
        .await
        .map_err(fail)?;
    let mut news: Vec<(String, News, String)> = approved(app, lang, RecordKind::News)
        .await?
        .into_iter()
        .filter_map(|r| match r.body {
            RecordBody::News(n) => Some((
                n.published.map(|d| d.to_string()).unwrap_or_default(),
                n,
                r.id.to_string(),
            )),
            _ => None,
        })
        .collect();
    news.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.2.cmp(&b.2)));
    let news: Vec<_> = news
        .into_iter()
        .take(LATEST_NEWS)
        .map(|(_, n, id)| {
            context! {
                id, title => text(&n.title, lang), summary => text(&n.summary, lang),
                date => n.published.map(|d| d.display(lang)).unwrap_or_default(), url => n.url,
            }
        })
        .collect();
    let institutions: Vec<_> = institutions(app, lang)
        .await?
        .into_iter()
        .map(|(id, name)| context! { id => id.to_string(), name => text(&name, lang) })
        .collect();
    let page = context! {
        title => t(lang, "portal.title"),
        description => t(lang, "portal.description"),
        figures,
        countries => phrase::number(countries as f64, lang),
        map_chart => chart("portal-map", json!({"type": "map", "title": t(lang, "portal.map"), "unit": "", "series": map, "labels": {"nodata": t(lang, "analytics.no_data")}})),
        news, institutions,
    };
    render(lang, "portal/home.html", "/", page)
}
