//! The portal's lists: the partner directory (by country and type) and the news. Each
//! downloads as CSV or JSON (`?format=csv|json`) with exactly the rows the page shows.

use super::{approved, country_name, path_lang, render, text};
use crate::error::{WebError, WebResult};
use crate::i18n::t;
use crate::WebState;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use meridian_domain::{Code, Lang, RecordBody, RecordKind};
use meridian_report::{Cell, Column, ColumnKind, Table};
use minijinja::context;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    r#type: Option<String>,
    #[serde(default)]
    pub(super) format: Option<String>,
}

impl ListParams {
    /// The country filter as an ISO code, if one is given.
    pub(super) fn country(&self) -> Option<String> {
        self.country
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_ascii_uppercase)
    }

    /// The type (or kind) filter's code, if one is given.
    pub(super) fn kind(&self) -> Option<&str> {
        self.r#type
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
    }

    /// The query of this page's download in `format`, keeping its filters.
    pub(super) fn download_query(&self, format: &str) -> String {
        let mut q = vec![format!("format={format}")];
        if let Some(c) = self.country() {
            q.push(format!("country={c}"));
        }
        if let Some(kind) = self.kind() {
            q.push(format!("type={kind}"));
        }
        q.join("&")
    }
}

/// The rows as a file, or `None` to render the page.
pub(super) fn download(
    table: &Table,
    format: Option<&str>,
    name: &str,
    lang: Lang,
) -> Option<WebResult<Response>> {
    match format? {
        "csv" => {
            let mut bytes = Vec::new();
            Some(
                meridian_report::write_csv(table, &mut bytes)
                    .map_err(|e| WebError::internal(lang, e))
                    .map(|_| {
                        crate::pages::download(
                            bytes,
                            "text/csv; charset=utf-8",
                            &format!("{name}.csv"),
                        )
                    }),
            )
        }
        "json" => {
            let rows: Vec<serde_json::Map<String, serde_json::Value>> = table
                .rows
                .iter()
                .map(|row| {
                    table
                        .columns
                        .iter()
                        .zip(row)
                        .map(|(c, cell)| {
                            let value = match cell {
                                Cell::Text(s) => serde_json::Value::String(s.clone()),
                                Cell::Link { text, .. } => serde_json::Value::String(text.clone()),
                                Cell::Number(n) | Cell::Percent(n) => serde_json::json!(n),
                                Cell::Empty => serde_json::Value::Null,
                            };
                            (c.header.clone(), value)
                        })
                        .collect()
                })
                .collect();
            let bytes = serde_json::to_vec_pretty(&rows).unwrap_or_default();
            Some(Ok(crate::pages::download(
                bytes,
                "application/json",
                &format!("{name}.json"),
            )))
        }
        _ => Some(Err(WebError::not_found(lang))),
    }
}

/// `/portal/{lang}/partners.csv`, `partners.json`, `news.csv`, `news.json`, `centres.csv`,
/// `centres.json`: the whole list
/// as a file with an address of its own, so that a static copy of the portal has it too.
pub async fn file(
    state: State<WebState>,
    Path((lang, file)): Path<(String, String)>,
) -> WebResult<Response> {
    let not_found = || WebError::not_found(Lang::En);
    let (stem, ext) = file.rsplit_once('.').ok_or_else(not_found)?;
    if ext != "csv" && ext != "json" {
        return Err(not_found());
    }
    let params = Query(ListParams {
        format: Some(ext.to_string()),
        ..ListParams::default()
    });
    match stem {
        "partners" => partners(state, Path(lang), params).await,
        "news" => news(state, Path(lang), params).await,
        "centres" => super::centres::page(state, Path(lang), params).await,
        _ => Err(not_found()),
    }
}

pub async fn partners(
    State(state): State<WebState>,
    Path(lang): Path<String>,
    Query(params): Query<ListParams>,
) -> WebResult<Response> {
    let lang = path_lang(&lang)?;
    let country = params.country();
    let org_type = params.kind();
    let mut rows: Vec<(String, String, String, String, String)> = Vec::new();
    for record in approved(&state.app, lang, RecordKind::Organization).await? {
        let RecordBody::Organization(org) = &record.body else {
            continue;
        };
        let code = org.country.clone().unwrap_or_default();
        if country.as_deref().is_some_and(|c| c != code)
            || org_type.is_some_and(|t| t != org.org_type.as_str())
        {
            continue;
        }
        let country_name = country_name(&code, lang).unwrap_or_default();
        rows.push((
            country_name,
            text(&org.name, lang),
            org.org_type.label(lang).to_string(),
            code,
            record.id.to_string(),
        ));
    }
    rows.sort();
    let table = Table {
        title: t(lang, "portal.partners_title"),
        columns: vec![
            Column::new(t(lang, "analytics.country"), ColumnKind::Text),
            Column::new(t(lang, "portal.org_name"), ColumnKind::Text),
            Column::new(t(lang, "portal.org_type"), ColumnKind::Text),
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::text(r.0.clone()),
                    Cell::text(r.1.clone()),
                    Cell::text(r.2.clone()),
                ]
            })
            .collect(),
    };
    if let Some(file) = download(&table, params.format.as_deref(), "partners", lang) {
        return file;
    }
    let page = context! {
        title => t(lang, "portal.partners_title"),
        description => t(lang, "portal.partners_description"),
        rows => rows.iter().map(|r| context! { country => r.0.clone(), name => r.1.clone(), org_type => r.2.clone(), code => r.3.clone() }).collect::<Vec<_>>(),
        csv => params.download_query("csv"), json => params.download_query("json"),
        country, org_type,
        types => meridian_domain::records::OrgType::all().iter().map(|ty| context! { code => ty.as_str(), label => ty.label(lang) }).collect::<Vec<_>>(),
    };
    render(lang, "portal/partners.html", "/partners", page)
}

pub async fn news(
    State(state): State<WebState>,
    Path(lang): Path<String>,
    Query(params): Query<ListParams>,
) -> WebResult<Response> {
    let lang = path_lang(&lang)?;
    let mut rows: Vec<(String, String, String, Option<String>)> = Vec::new();
    for record in approved(&state.app, lang, RecordKind::News).await? {
        let RecordBody::News(n) = &record.body else {
            continue;
        };
        rows.push((
            n.published.map(|d| d.to_string()).unwrap_or_default(),
            n.published.map(|d| d.display(lang)).unwrap_or_default(),
            text(&n.title, lang),
            n.url.clone(),
        ));
    }
    rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.2.cmp(&b.2)));
    let table = Table {
        title: t(lang, "portal.news"),
        columns: vec![
            Column::new(t(lang, "portal.date"), ColumnKind::Date),
            Column::new(t(lang, "portal.news_title"), ColumnKind::Text),
            Column::new(t(lang, "portal.link"), ColumnKind::Text),
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::text(r.0.clone()),
                    Cell::text(r.2.clone()),
                    Cell::text(r.3.clone().unwrap_or_default()),
                ]
            })
            .collect(),
    };
    if let Some(file) = download(&table, params.format.as_deref(), "news", lang) {
        return file;
    }
    let page = context! {
        title => t(lang, "portal.news"),
        description => t(lang, "portal.news_description"),
        rows => rows.iter().map(|r| context! { date => r.1.clone(), title => r.2.clone(), url => r.3.clone() }).collect::<Vec<_>>(),
    };
    render(lang, "portal/news.html", "/news", page)
}
