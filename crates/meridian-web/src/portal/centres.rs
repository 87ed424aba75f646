//! The centres and bases directory: every approved centre (overseas TCM centres,
//! cooperation bases, WHO collaborating centres...) by country and kind, with its host and
//! designation, downloadable as CSV or JSON with exactly the rows shown.

use super::lists::{download, ListParams};
use super::{approved, country_name, path_lang, render, text};
use crate::error::WebResult;
use crate::i18n::t;
use crate::WebState;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use meridian_domain::records::CentreKind;
use meridian_domain::{Code, Lang, RecordBody, RecordId, RecordKind};
use meridian_report::{Cell, Column, ColumnKind, Table};
use minijinja::context;
use std::collections::HashMap;

/// One row of the directory, in the order of its columns.
struct Row {
    country: String,
    name: String,
    kind: String,
    host: String,
    designated: String,
    status: String,
    id: RecordId,
}

pub async fn page(
    State(state): State<WebState>,
    Path(lang): Path<String>,
    Query(params): Query<ListParams>,
) -> WebResult<Response> {
    let lang = path_lang(&lang)?;
    let country = params.country();
    let kind = params.kind();
    let rows = rows(&state, lang, country.as_deref(), kind).await?;
    let table = Table {
        title: t(lang, "portal.centres_title"),
        columns: vec![
            Column::new(t(lang, "analytics.country"), ColumnKind::Text),
            Column::new(t(lang, "portal.centre_name"), ColumnKind::Text),
            Column::new(t(lang, "portal.kind"), ColumnKind::Text),
            Column::new(t(lang, "field.host"), ColumnKind::Text),
            Column::new(t(lang, "field.designated"), ColumnKind::Text),
            Column::new(t(lang, "field.status"), ColumnKind::Text),
        ],
        rows: rows
            .iter()
            .map(|r| {
                [
                    &r.country,
                    &r.name,
                    &r.kind,
                    &r.host,
                    &r.designated,
                    &r.status,
                ]
                .into_iter()
                .map(|s| Cell::text(s.clone()))
                .collect()
            })
            .collect(),
    };
    if let Some(file) = download(&table, params.format.as_deref(), "centres", lang) {
        return file;
    }
    let page = context! {
        title => t(lang, "portal.centres_title"),
        description => t(lang, "portal.centres_description"),
        rows => rows.iter().map(|r| context! {
            country => r.country.clone(), name => r.name.clone(), kind => r.kind.clone(),
            host => r.host.clone(), designated => r.designated.clone(), status => r.status.clone(),
            href => format!("/portal/{}/records/centre/{}", lang.as_str(), r.id),
        }).collect::<Vec<_>>(),
        csv => params.download_query("csv"), json => params.download_query("json"),
        country, kind,
        kinds => CentreKind::all().iter().map(|k| context! { code => k.as_str(), label => k.label(lang) }).collect::<Vec<_>>(),
    };
    render(lang, "portal/centres.html", "/centres", page)
}

/// The approved centres the filters select, sorted by country, then name.
async fn rows(
    state: &WebState,
    lang: Lang,
    country: Option<&str>,
    kind: Option<&str>,
) -> WebResult<Vec<Row>> {
    // Hosts are named only when their own record is public.
    let hosts: HashMap<RecordId, String> = approved(&state.app, lang, RecordKind::Organization)
        .await?
        .iter()
        .map(|o| (o.id, text(&o.body.title(), lang)))
        .collect();
    let mut rows = Vec::new();
    for record in approved(&state.app, lang, RecordKind::Centre).await? {
        let RecordBody::Centre(centre) = &record.body else {
            continue;
        };
        let code = centre.country.clone().unwrap_or_default();
        if country.is_some_and(|c| c != code) || kind.is_some_and(|k| k != centre.kind.as_str()) {
            continue;
        }
        rows.push(Row {
            country: country_name(&code, lang).unwrap_or_default(),
            name: text(&centre.name, lang),
            kind: centre.kind.label(lang).to_string(),
            host: centre
                .host
                .and_then(|h| hosts.get(&h).cloned())
                .unwrap_or_default(),
            designated: centre
                .designated
                .map(|d| d.display(lang))
                .unwrap_or_default(),
            status: centre.status.label(lang).to_string(),
            id: record.id,
        });
    }
    rows.sort_by(|a, b| a.country.cmp(&b.country).then_with(|| a.name.cmp(&b.name)));
    Ok(rows)
}
