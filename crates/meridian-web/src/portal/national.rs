//! Cooperation and aid at national level (seed 003): what the government bodies report —
//! their figures with the periods they cover, the aid and cooperation projects and the
//! activities (medical teams, donations, training, relief) with the countries they reach,
//! and the documents these come from. "National level" means records owned by a unit whose
//! organization type is a government body.

use super::{approved, approved_one, path_lang, render, text};
use crate::error::{WebError, WebResult};
use crate::i18n::t;
use crate::WebState;
use axum::extract::{Path, State};
use axum::response::Response;
use meridian_domain::records::OrgType;
use meridian_domain::{phrase, Approval, Code, Lang, RecordBody, RecordId, RecordKind};
use meridian_report::{Cell, Column, ColumnKind, Table};
use minijinja::{context, Value};
use std::collections::BTreeSet;

fn countries(codes: &[String], lang: Lang) -> String {
    codes
        .iter()
        .map(|c| super::country_name(c, lang).unwrap_or_else(|| c.clone()))
        .collect::<Vec<_>>()
        .join(if lang == Lang::Zh { "、" } else { ", " })
}

/// The page's four lists: figures, projects, activities and source documents.
struct Lists {
    figures: Vec<Value>,
    projects: Vec<Value>,
    activities: Vec<Value>,
    documents: Vec<Value>,
}

pub async fn page(State(state): State<WebState>, Path(lang): Path<String>) -> WebResult<Response> {
    let lang = path_lang(&lang)?;
    let Lists {
        figures,
        projects,
        activities,
        documents,
    } = lists(&state, lang).await?;
    let page = context! {
        title => t(lang, "portal.national_title"),
        description => t(lang, "portal.national_description"),
        figures, projects, activities, documents,
    };
    render(lang, "portal/national.html", "/national", page)
}

/// `/portal/{lang}/national/{figures|projects|activities}.{csv|json}`: one of the page's
/// tables as a file, the rows the page shows.
pub async fn file(
    State(state): State<WebState>,
    Path((lang, file)): Path<(String, String)>,
) -> WebResult<Response> {
    let lang = path_lang(&lang)?;
    let (stem, format) = file
        .rsplit_once('.')
        .ok_or_else(|| WebError::not_found(lang))?;
    let lists = lists(&state, lang).await?;
    let (rows, columns): (&[Value], &[(&str, &str)]) = match stem {
        "figures" => (
            &lists.figures,
            &[
                ("name", "progress.indicator"),
                ("period", "analytics.period"),
                ("value", "progress.actual"),
                ("countries", "analytics.country"),
            ],
        ),
        "projects" => (
            &lists.projects,
            &[
                ("title", "portal.news_title"),
                ("kind", "portal.kind"),
                ("countries", "analytics.country"),
                ("period", "analytics.period"),
            ],
        ),
        "activities" => (
            &lists.activities,
            &[
                ("title", "portal.news_title"),
                ("kind", "portal.kind"),
                ("countries", "analytics.country"),
                ("period", "analytics.period"),
                ("counts", "analytics.count"),
            ],
        ),
        _ => return Err(WebError::not_found(lang)),
    };
    let table = Table {
        title: t(lang, "portal.national_title"),
        columns: columns
            .iter()
            .map(|(_, h)| Column::new(t(lang, h), ColumnKind::Text))
            .collect(),
        rows: rows
            .iter()
            .map(|row| {
                columns
                    .iter()
                    .map(|(key, _)| {
                        let value = row
                            .get_attr(key)
                            .ok()
                            .filter(|v| !v.is_none() && !v.is_undefined());
                        Cell::Text(value.map(|v| v.to_string()).unwrap_or_default())
                    })
                    .collect()
            })
            .collect(),
    };
    super::lists::download(&table, Some(format), stem, lang)
        .unwrap_or_else(|| Err(WebError::not_found(lang)))
}

async fn lists(state: &WebState, lang: Lang) -> WebResult<Lists> {
    let app = &state.app;
    let mut national: BTreeSet<RecordId> = BTreeSet::new();
    let mut checked: BTreeSet<RecordId> = BTreeSet::new();
    let kinds = [
        RecordKind::Figure,
        RecordKind::Project,
        RecordKind::Activity,
        RecordKind::News,
    ];
    let mut records = Vec::new();
    for kind in kinds {
        records.extend(approved(app, lang, kind).await?);
    }
    for unit in records.iter().filter_map(|r| r.unit) {
        if checked.insert(unit) {
            if let Ok(org) = approved_one(app, lang, unit).await {
                if matches!(&org.body, RecordBody::Organization(o) if o.org_type == OrgType::GovernmentBody)
                {
                    national.insert(unit);
                }
            }
        }
    }
    let ours = |r: &&meridian_store::StoredRecord| r.unit.is_some_and(|u| national.contains(&u));

    let figures: Vec<Value> = app
        .analytics(|a| {
            let mut rows: Vec<(String, Value)> = Vec::new();
            for indicator in a.indicators() {
                for f in a.figures_of(indicator.id).filter(|f| f.approval == Approval::Approved && national.contains(&f.value.reporting_unit)) {
                    let period = match text(&f.value.period_label, lang) {
                        label if !label.is_empty() => label,
                        _ => f.value.period.label(),
                    };
                    rows.push((
                        text(&indicator.value.name, lang),
                        context! {
                            name => text(&indicator.value.name, lang),
                            value => phrase::quantity_with_unit(&f.value.value, &text(&indicator.value.unit, lang), lang),
                            period, countries => countries(&f.value.countries, lang),
                            id => f.id.to_string(),
                        },
                    ));
                }
            }
            rows.sort_by(|a, b| a.0.cmp(&b.0));
            rows.into_iter().map(|r| r.1).collect()
        })
        .await
        .map_err(|e| WebError::from_app(lang, e))?;

    let mut projects = Vec::new();
    let mut activities = Vec::new();
    let mut documents = Vec::new();
    for r in records.iter().filter(ours) {
        match &r.body {
            RecordBody::Project(p) => projects.push(context! {
                id => r.id.to_string(), title => text(&p.title, lang), kind => p.kind.label(lang),
                countries => countries(&p.countries, lang), period => p.period.label(),
            }),
            RecordBody::Activity(a) => activities.push(context! {
                id => r.id.to_string(), title => text(&a.title, lang), kind => a.kind.label(lang),
                countries => countries(&a.countries, lang), period => a.period.label(),
                counts => a.counts.iter().map(|c| {
                    let topic = text(&c.topic, lang);
                    let value = phrase::quantity_with_unit(&c.value, c.measure.label(lang), lang);
                    if topic.is_empty() { value } else { format!("{value} ({topic})") }
                }).collect::<Vec<_>>().join(if lang == Lang::Zh { "；" } else { "; " }),
            }),
            RecordBody::News(n) => documents.push(context! {
                id => r.id.to_string(), title => text(&n.title, lang), date => n.published.map(|d| d.display(lang)), url => n.url.clone(),
            }),
            _ => {}
        }
    }
    Ok(Lists {
        figures,
        projects,
        activities,
        documents,
    })
}
