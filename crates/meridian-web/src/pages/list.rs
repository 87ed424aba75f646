//! A kind's list: filters (approval, country, country group, year, organization, status),
//! sorting, and pages of 50; for kinds with a status, tabs counting each (the inquiry inbox).

use super::{countries_datalist, kind, summaries};
use crate::auth::User;
use crate::error::{WebError, WebResult};
use crate::i18n::{t, UiLang};
use crate::WebState;
use axum::extract::{Path, Query, RawQuery, State};
use axum::response::{IntoResponse, Response};
use meridian_app::{RecordFilter, Sort, StatusCounts};
use meridian_domain::records::{status_label, statuses};
use meridian_domain::user::Principal;
use meridian_domain::{Approval, RecordKind};
use meridian_store::{ListQuery, Page, StoredRecord};
use minijinja::context;
use serde::Deserialize;

pub const PER_PAGE: usize = 50;

#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    #[serde(default)]
    approval: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    group: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    organization: String,
    #[serde(default)]
    sort: String,
    /// A status code (for kinds that have one: an inquiry's follow-up, a project's stage).
    #[serde(default)]
    status: String,
    #[serde(default)]
    page: Option<usize>,
    /// `csv` or `xlsx`: every record the filters select, as a file.
    #[serde(default)]
    format: Option<String>,
}

impl ListParams {
    fn filter(&self, reader: &Principal) -> RecordFilter {
        RecordFilter {
            approval: Approval::parse(&self.approval),
            country: Some(self.country.trim().to_ascii_uppercase()).filter(|c| !c.is_empty()),
            group: self.group.parse().ok(),
            year: self.year.trim().parse().ok(),
            organization: self.organization.trim().parse().ok(),
            units: None,
            reader: Some(reader.clone()),
            status: Some(self.status.trim().to_string()).filter(|s| !s.is_empty()),
        }
    }

    fn sort(&self, lang: meridian_domain::Lang) -> Sort {
        match self.sort.as_str() {
            "title" => Sort::Title(lang),
            "created" => Sort::Created,
            _ => Sort::Updated,
        }
    }
}

/// The list's URL with the current query minus the parameters named in `dropped`, plus
/// `added` (`name=value`, or nothing when empty): another page, a download, a status tab.
fn list_url(kind: RecordKind, raw: &Option<String>, dropped: &[&str], added: &str) -> String {
    let mut query: Vec<&str> = raw
        .as_deref()
        .unwrap_or_default()
        .split('&')
        .filter(|p| {
            !p.is_empty()
                && !dropped
                    .iter()
                    .any(|name| p.split('=').next() == Some(*name))
        })
        .collect();
    if !added.is_empty() {
        query.push(added);
    }
    format!("/records/{}?{}", kind.as_str(), query.join("&"))
}

/// The list URL for another page, keeping the filters.
fn page_url(kind: RecordKind, raw: &Option<String>, page: usize) -> String {
    list_url(kind, raw, &["page"], &format!("page={page}"))
}

pub async fn page(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    user: User,
    Path(kind_name): Path<String>,
    Query(params): Query<ListParams>,
    RawQuery(raw): RawQuery,
) -> WebResult<Response> {
    let kind = kind(lang, &kind_name)?;
    if let Some(format) = params.format.as_deref() {
        return export(&state, lang, &user, kind, &params, format).await;
    }
    let page = params.page.unwrap_or(1).max(1);
    let (found, counts) = listed(&state, lang, &user, kind, &params, page).await?;
    let pages = (found.total as usize).div_ceil(PER_PAGE).max(1);
    let groups = state
        .app
        .store()
        .list(&ListQuery {
            limit: 500,
            ..ListQuery::kind(RecordKind::CountryGroup)
        })
        .await
        .map_err(|e| WebError::internal(lang, e))?;
    let mut groups: Vec<_> = groups
        .items
        .iter()
        .map(|g| context! { id => g.id.to_string(), label => g.body.title().display(lang).map(|(t, _)| t.to_string()).unwrap_or_default() })
        .collect();
    groups.sort_by_key(|g| {
        g.get_attr("label")
            .map(|v| v.to_string())
            .unwrap_or_default()
    });
    let approvals: Vec<_> = Approval::ALL
        .iter()
        .map(|a| context! { value => a.as_str(), label => t(lang, &format!("approval.{}", a.as_str())) })
        .collect();
    let sorts: Vec<_> = ["updated", "title", "created"]
        .iter()
        .map(|s| context! { value => *s, label => t(lang, &format!("sort.{s}")) })
        .collect();
    let here = format!(
        "/records/{}{}",
        kind.as_str(),
        raw.as_ref().map(|q| format!("?{q}")).unwrap_or_default()
    );
    let download =
        |format: &str| list_url(kind, &raw, &["page", "format"], &format!("format={format}"));
    let statuses = status_tabs(lang, kind, &params, &raw, counts.as_ref());
    let items: Vec<_> = summaries(&state.app, &found.items)
        .await
        .into_iter()
        .zip(&found.items)
        .map(|(item, record)| {
            let status = record
                .body
                .status()
                .and_then(|code| status_label(kind, code, lang));
            context! { status, ..item }
        })
        .collect();
    let ctx = context! {
        statuses,
        csv_url => download("csv"),
        xlsx_url => download("xlsx"),
        json_url => download("json"),
        title => kind.label(lang),
        can_create => user.0.principal.can_create(),
        kind => kind.as_str(),
        kind_name => kind.label(lang),
        items,
        total => found.total,
        page, pages,
        prev => (page > 1).then(|| page_url(kind, &raw, page - 1)),
        next => (page < pages).then(|| page_url(kind, &raw, page + 1)),
        filter => context! {
            approval => params.approval, country => params.country, group => params.group,
            year => params.year, organization => params.organization, sort => params.sort,
            status => params.status,
        },
        approvals, sorts, groups,
        datalists => countries_datalist(lang),
        here,
    };
    crate::ui::render(lang, Some(&user.0), "list.html", ctx)
        .map(IntoResponse::into_response)
        .map_err(|e| WebError::internal(lang, e))
}

/// The page of records the list shows and, for kinds with a status, the count of each
/// status under the other filters (from the same scan).
async fn listed(
    state: &WebState,
    lang: meridian_domain::Lang,
    user: &User,
    kind: RecordKind,
    params: &ListParams,
    page: usize,
) -> WebResult<(Page<StoredRecord>, Option<StatusCounts>)> {
    let filter = params.filter(&user.0.principal);
    let (offset, sort) = ((page - 1) * PER_PAGE, params.sort(lang));
    let found = if statuses(kind, lang).is_empty() {
        let page = state.app.find(kind, &filter, sort, offset, PER_PAGE).await;
        page.map(|page| (page, None))
    } else {
        let found = state
            .app
            .find_with_status_counts(kind, &filter, sort, offset, PER_PAGE)
            .await;
        found.map(|(page, counts)| (page, Some(counts)))
    };
    found.map_err(|e| WebError::from_app(lang, e))
}

/// For kinds with a status, one tab per status with its count under the other filters
/// (the inquiry inbox: new, contacted, in discussion...); empty for other kinds.
fn status_tabs(
    lang: meridian_domain::Lang,
    kind: RecordKind,
    params: &ListParams,
    raw: &Option<String>,
    counts: Option<&StatusCounts>,
) -> Vec<minijinja::Value> {
    // Counts come only for kinds with a status.
    let Some(counts) = counts else {
        return Vec::new();
    };
    let statuses = statuses(kind, lang);
    let url = |status: &str| {
        let added = if status.is_empty() {
            String::new()
        } else {
            format!("status={status}")
        };
        list_url(kind, raw, &["page", "status"], &added)
    };
    let mut tabs = vec![context! {
        code => "", label => t(lang, "filter.any"), count => counts.all,
        href => url(""), current => params.status.trim().is_empty(),
    }];
    tabs.extend(statuses.into_iter().map(|(code, label)| {
        context! {
            code, label, count => counts.each.get(code).copied().unwrap_or(0),
            href => url(code), current => params.status.trim() == code,
        }
    }));
    tabs
}

/// Every record the list's filters select (not only one page), as CSV or Excel (id, both
/// titles, approval state, owning unit, dates and the record's address) or as JSON (the
/// whole records, as the API gives them).
async fn export(
    state: &WebState,
    lang: meridian_domain::Lang,
    user: &User,
    kind: RecordKind,
    params: &ListParams,
    format: &str,
) -> WebResult<Response> {
    use meridian_report::{Cell, Column, ColumnKind, Sheet, Table, Workbook};
    if format != "csv" && format != "xlsx" && format != "json" {
        return Err(WebError::not_found(lang));
    }
    let found = state
        .app
        .find(
            kind,
            &params.filter(&user.0.principal),
            params.sort(lang),
            0,
            usize::MAX,
        )
        .await
        .map_err(|e| WebError::from_app(lang, e))?;
    if format == "json" {
        // Whole records, as the API gives them, so a script can read what a person filtered.
        let mut records = Vec::with_capacity(found.items.len());
        for record in &found.items {
            records.push(crate::api::record_json(&state.app, record).await);
        }
        let bytes = serde_json::to_vec_pretty(&records).map_err(|e| WebError::internal(lang, e))?;
        return Ok(super::download(
            bytes,
            "application/json",
            &format!("{}.json", kind.as_str()),
        ));
    }
    let columns = vec![
        Column::new("id", ColumnKind::Text),
        Column::new(t(lang, "export.title_zh"), ColumnKind::Text),
        Column::new(t(lang, "export.title_en"), ColumnKind::Text),
        Column::new(t(lang, "export.approval"), ColumnKind::Text),
        Column::new(t(lang, "export.unit"), ColumnKind::Text),
        Column::new(t(lang, "export.created"), ColumnKind::Text),
        Column::new(t(lang, "export.updated"), ColumnKind::Text),
        Column::new(t(lang, "export.address"), ColumnKind::Text),
    ];
    let mut rows = Vec::with_capacity(found.items.len());
    for record in &found.items {
        let title = state.app.title_of(record).await;
        let unit = match record.unit {
            Some(unit) => match state.app.store().get(unit).await {
                Ok(org) => org
                    .body
                    .title()
                    .display(lang)
                    .map(|(s, _)| s.to_string())
                    .unwrap_or_default(),
                Err(_) => unit.to_string(),
            },
            None => String::new(),
        };
        rows.push(vec![
            Cell::text(record.id.to_string()),
            Cell::text(title.zh.clone().unwrap_or_default()),
            Cell::text(title.en.clone().unwrap_or_default()),
            Cell::text(t(lang, &format!("approval.{}", record.approval.as_str()))),
            Cell::text(unit),
            Cell::text(record.created_at.clone()),
            Cell::text(record.updated_at.clone()),
            Cell::text(format!("/records/{}/{}", kind.as_str(), record.id)),
        ]);
    }
    let table = Table {
        title: kind.label(lang).to_string(),
        columns,
        rows,
    };
    let (bytes, mime) = if format == "xlsx" {
        let book = Workbook {
            sheets: vec![Sheet {
                name: kind.label(lang).to_string(),
                heading: Vec::new(),
                table,
            }],
        };
        let bytes = meridian_report::write_xlsx(&book).map_err(|e| WebError::internal(lang, e))?;
        (
            bytes,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    } else {
        let mut bytes = Vec::new();
        meridian_report::write_csv(&table, &mut bytes).map_err(|e| WebError::internal(lang, e))?;
        (bytes, "text/csv; charset=utf-8")
    };
    Ok(super::download(
        bytes,
        mime,
        &format!("{}.{format}", kind.as_str()),
    ))
}
