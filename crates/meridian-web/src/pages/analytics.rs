//! The analytics page: approved records counted by kind, by year, by the type of the
//! organizations involved, by continent and by country group; a world map switchable
//! between record kinds and indicators; the partner network; gaps (members of a country
//! group with no record of the chosen kind); terms falling due; the headlines of the
//! user's unit. Every breakdown downloads as CSV or Excel (`?export=DIM&format=csv|xlsx`),
//! and every number comes from `App::analytics`, the one computation path.

use super::charts::{bar, chart};
use crate::auth::User;
use crate::error::{WebError, WebResult};
use crate::i18n::{t, UiLang};
use crate::ui::text;
use crate::WebState;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use meridian_app::analytics::{Analytics, Breakdown, Dimension, Selection, ValueSource};
use meridian_domain::phrase::{self, Segment};
use meridian_domain::records::IndicatorMethod;
use meridian_domain::{Lang, RecordId, RecordKind};
use meridian_report::{Cell, Column, ColumnKind, Sheet, Table, Workbook};
use minijinja::{context, Value};
use serde::Deserialize;
use serde_json::json;

const DUE_WITHIN_DAYS: i64 = 365;
const NETWORK_NODES: usize = 40;
/// Kinds whose records join organizations: the partner network counts these.
const NETWORK_KINDS: [RecordKind; 4] = [
    RecordKind::Partnership,
    RecordKind::Agreement,
    RecordKind::Project,
    RecordKind::Membership,
];
/// Kinds a gap is about: a country with none of these has no presence.
const PRESENCE_KINDS: [RecordKind; 3] = [
    RecordKind::Centre,
    RecordKind::Agreement,
    RecordKind::Project,
];

#[derive(Debug, Default, Deserialize)]
pub struct Params {
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    indicator: Option<String>,
    #[serde(default)]
    group: Option<String>,
    #[serde(default)]
    export: Option<String>,
    #[serde(default)]
    format: Option<String>,
}

fn rows(breakdown: &Breakdown, lang: Lang) -> Vec<Value> {
    breakdown
        .buckets
        .iter()
        .map(|b| context! { key => b.key.clone(), label => text(&b.label, lang), count => b.count })
        .collect()
}

fn breakdown_chart(
    id: &str,
    title: &str,
    breakdown: &Breakdown,
    lang: Lang,
    horizontal: bool,
) -> Value {
    let mut spec = bar(
        title,
        "",
        breakdown
            .buckets
            .iter()
            .map(|b| text(&b.label, lang))
            .collect(),
        vec![(
            title.to_string(),
            breakdown
                .buckets
                .iter()
                .map(|b| Some(b.count as f64))
                .collect(),
        )],
        Vec::new(),
    );
    spec["horizontal"] = json!(horizontal);
    chart(id, spec)
}

fn export_table(breakdown: &Breakdown, lang: Lang, title: String) -> Table {
    Table {
        title,
        columns: vec![
            Column::new(t(lang, "analytics.key"), ColumnKind::Text),
            Column::new(t(lang, "analytics.label"), ColumnKind::Text),
            Column::new(t(lang, "analytics.count"), ColumnKind::Integer),
        ],
        rows: breakdown
            .buckets
            .iter()
            .map(|b| {
                vec![
                    Cell::text(b.key.clone()),
                    Cell::text(text(&b.label, lang)),
                    Cell::Number(b.count as f64),
                ]
            })
            .collect(),
    }
}

/// The map's series: records of the kind per country, or an indicator's value per country
/// (a computed indicator counts its records, a reported one the figures naming a country).
fn map_series(
    a: &Analytics,
    kind: RecordKind,
    indicator: Option<RecordId>,
    lang: Lang,
) -> (String, Vec<serde_json::Value>) {
    let country_rows = |selection: &Selection| -> Vec<serde_json::Value> {
        a.breakdown(selection, Dimension::Country)
            .buckets
            .iter()
            .map(|b| json!({"code": b.key, "name": text(&b.label, lang), "value": b.count,
                            "url": format!("/records/{}?country={}", selection.kinds[0].as_str(), b.key)}))
            .collect()
    };
    if let Some(held) = indicator.and_then(|i| a.indicator(i)) {
        let title = text(&held.value.name, lang);
        return match (&held.value.method, &held.value.computation) {
            (IndicatorMethod::Computed, Some(computation)) => {
                let selection =
                    Selection::of_computation(computation, &meridian_domain::Period::default());
                (title, country_rows(&selection))
            }
            _ => {
                let mut per_country: std::collections::BTreeMap<String, f64> = Default::default();
                for figure in a
                    .figures_of(held.id)
                    .filter(|f| f.approval == meridian_domain::Approval::Approved)
                {
                    for c in &figure.value.countries {
                        *per_country.entry(c.clone()).or_default() += 1.0;
                    }
                }
                let series = per_country
                    .into_iter()
                    .map(|(code, value)| {
                        let name = a.bucket_label(Dimension::Country, &code);
                        json!({"code": code, "name": text(&name, lang), "value": value,
                               "url": format!("/records/indicator/{}", held.id)})
                    })
                    .collect();
                (title, series)
            }
        };
    }
    (
        kind.label(lang).to_string(),
        country_rows(&Selection::of_kind(kind)),
    )
}

pub async fn page(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    user: User,
    Query(params): Query<Params>,
) -> WebResult<Response> {
    let app = &state.app;
    let fail = |e| WebError::from_app(lang, e);
    let kind = match params.kind.as_deref().filter(|k| !k.is_empty()) {
        Some(k) => super::kind(lang, k)?,
        None => RecordKind::Centre,
    };
    let indicator = match params.indicator.as_deref().filter(|k| !k.is_empty()) {
        Some(i) => Some(super::id(lang, i)?),
        None => None,
    };
    let group = match params.group.as_deref().filter(|k| !k.is_empty()) {
        Some(g) => super::id(lang, g)?,
        None => meridian_interop::reference::group_id("belt_and_road"),
    };
    let selection = Selection::of_kind(kind);

    if let Some(dimension) = params.export.as_deref() {
        let dimension = Dimension::parse(dimension).ok_or_else(|| WebError::not_found(lang))?;
        let breakdown = app
            .analytics(|a| a.breakdown(&selection, dimension))
            .await
            .map_err(fail)?;
        let title = format!(
            "{} — {}",
            kind.label(lang),
            t(lang, &format!("analytics.by_{}", dimension.as_str()))
        );
        let table = export_table(&breakdown, lang, title.clone());
        let name = format!("{}-{}", kind.as_str(), dimension.as_str());
        return match params.format.as_deref() {
            Some("xlsx") => {
                let bytes = meridian_report::write_xlsx(&Workbook {
                    sheets: vec![Sheet {
                        name: title,
                        heading: Vec::new(),
                        table,
                    }],
                })
                .map_err(|e| WebError::internal(lang, e))?;
                Ok(super::download(
                    bytes,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    &format!("{name}.xlsx"),
                ))
            }
            Some("csv") | None => {
                let mut bytes = Vec::new();
                meridian_report::write_csv(&table, &mut bytes)
                    .map_err(|e| WebError::internal(lang, e))?;
                Ok(super::download(
                    bytes,
                    "text/csv; charset=utf-8",
                    &format!("{name}.csv"),
                ))
            }
            Some(_) => Err(WebError::not_found(lang)),
        };
    }

    let unit = user.0.principal.unit;
    let due = app
        .due_within(&meridian_app::today(), DUE_WITHIN_DAYS)
        .await
        .map_err(fail)?;
    let mut deadlines = Vec::new();
    for d in due
        .iter()
        .filter(|d| user.0.principal.can_read(d.record.unit, d.record.approval))
    {
        deadlines.push(context! {
            kind => d.record.kind().as_str(), kind_label => d.record.kind().label(lang),
            id => d.record.id.to_string(), title => text(&app.title_of(&d.record).await, lang),
            date => d.date.to_string(),
        });
    }
    let page = app
        .analytics(|a| {
            let all_kinds = Selection { kinds: RecordKind::ALL.to_vec(), ..Selection::default() };
            let by_kind = a.breakdown(&all_kinds, Dimension::Kind);
            let years = a.breakdown(&selection, Dimension::Year);
            let org_types = a.breakdown(&selection, Dimension::OrgType);
            let continents = a.breakdown(&selection, Dimension::Continent);
            let groups = a.breakdown(&selection, Dimension::CountryGroup);
            let (map_title, map) = map_series(a, kind, indicator, lang);
            let network = a.network(&Selection { kinds: NETWORK_KINDS.to_vec(), ..Selection::default() }, NETWORK_NODES);
            let gaps = a.gaps(&Selection { kinds: PRESENCE_KINDS.to_vec(), ..Selection::default() }, group);
            let type_codes: Vec<String> = {
                let mut codes: Vec<String> = network.nodes.iter().map(|n| n.org_type.clone()).collect();
                codes.sort();
                codes.dedup();
                codes
            };
            let graph = json!({
                "type": "graph",
                "nodes": network.nodes.iter().map(|n| json!({
                    "id": n.id.to_string(), "name": text(&n.name, lang),
                    "category": type_codes.iter().position(|c| *c == n.org_type).unwrap_or(0),
                    "value": n.records, "url": format!("/records/organization/{}", n.id)})).collect::<Vec<_>>(),
                "links": network.links.iter().map(|l| json!({"source": l.source.to_string(), "target": l.target.to_string(), "value": l.records})).collect::<Vec<_>>(),
                "categories": type_codes.iter().map(|c| json!({"name": text(&a.bucket_label(Dimension::OrgType, c), lang)})).collect::<Vec<_>>(),
            });
            let headlines: Vec<Value> = a
                .headlines(unit, lang)
                .iter()
                .map(|h| {
                    let parts: Vec<Value> = h
                        .segments
                        .iter()
                        .map(|s| match s {
                            Segment::Text(text) => context! { text => text.clone() },
                            Segment::Figure { key, text } => {
                                let figure = h.figures.iter().find(|f| f.key == *key);
                                let url = figure.map(|f| match &f.value.source {
                                    ValueSource::Reported { figures } if figures.len() == 1 => format!("/records/figure/{}", figures[0]),
                                    _ => format!("/records/indicator/{}", f.indicator),
                                });
                                context! { text => text.clone(), url }
                            }
                        })
                        .collect();
                    context! { parts }
                })
                .collect();
            let indicators: Vec<Value> = {
                let mut list: Vec<_> = a.indicators().collect();
                list.sort_by(|x, y| x.value.code.cmp(&y.value.code));
                list.iter().map(|i| context! { id => i.id.to_string(), name => text(&i.value.name, lang), selected => Some(i.id) == indicator }).collect()
            };
            let mut reported: Vec<(String, String, String, Value)> = Vec::new();
            for indicator in a.indicators() {
                for figure in a
                    .figures_of(indicator.id)
                    .filter(|f| f.approval == meridian_domain::Approval::Approved)
                {
                    let unit = a
                        .organization_name(figure.value.reporting_unit)
                        .map(|n| text(n, lang))
                        .unwrap_or_default();
                    let period = match text(&figure.value.period_label, lang) {
                        label if !label.is_empty() => label,
                        _ => figure.value.period.label(),
                    };
                    let value = phrase::quantity_with_unit(
                        &figure.value.value,
                        &text(&indicator.value.unit, lang),
                        lang,
                    );
                    let name = text(&indicator.value.name, lang);
                    reported.push((
                        unit.clone(),
                        indicator.value.code.clone(),
                        figure.id.to_string(),
                        context! { unit, name, period, value, id => figure.id.to_string(),
                                   dates => figure.value.period.label() },
                    ));
                }
            }
            reported.sort_by(|x, y| (&x.0, &x.1, &x.2).cmp(&(&y.0, &y.1, &y.2)));
            let reported: Vec<Value> = reported.into_iter().map(|r| r.3).collect();
            let country_groups: Vec<Value> = meridian_interop::reference::country_groups()
                .iter()
                .map(|g| {
                    let id = meridian_interop::reference::group_id(&g.code);
                    context! { id => id.to_string(), name => text(&g.name, lang), selected => id == group }
                })
                .collect();
            context! {
                title => t(lang, "analytics.title"),
                kind => kind.as_str(), kind_label => kind.label(lang),
                kinds => RecordKind::ALL.iter().map(|k| context! { name => k.as_str(), label => k.label(lang), selected => *k == kind }).collect::<Vec<_>>(),
                indicators, country_groups,
                by_kind => rows(&by_kind, lang), total => by_kind.total.value,
                years => rows(&years, lang),
                years_chart => chart("chart-years", bar(&t(lang, "analytics.by_year"), "", years.buckets.iter().map(|b| text(&b.label, lang)).collect(), vec![(kind.label(lang).to_string(), years.buckets.iter().map(|b| Some(b.count as f64)).collect())], Vec::new())),
                undated => years.total.undated,
                org_types => rows(&org_types, lang),
                org_types_chart => breakdown_chart("chart-org-types", &t(lang, "analytics.by_org_type"), &org_types, lang, true),
                continents => rows(&continents, lang),
                continents_chart => breakdown_chart("chart-continents", &t(lang, "analytics.by_continent"), &continents, lang, true),
                groups => rows(&groups, lang),
                map_chart => chart("chart-map", json!({"type": "map", "title": map_title, "unit": "", "series": map, "labels": {"nodata": t(lang, "analytics.no_data")}})),
                map_rows => map.iter().map(|m| context! { code => m["code"].as_str().unwrap_or_default().to_string(), name => m["name"].as_str().unwrap_or_default().to_string(), value => m["value"].as_f64().unwrap_or_default() }).collect::<Vec<_>>(),
                graph_chart => chart("chart-network", graph),
                network_nodes => network.nodes.iter().map(|n| context! { id => n.id.to_string(), name => text(&n.name, lang), records => n.records }).collect::<Vec<_>>(),
                gaps => gaps.iter().filter(|g| g.records == 0).map(|g| context! { code => g.country.clone(), name => text(&g.name, lang) }).collect::<Vec<_>>(),
                covered => gaps.iter().filter(|g| g.records > 0).count(),
                members => gaps.len(),
                headlines,
                reported,
                deadlines,
                here => "/analytics",
                dimensions => ["year", "org_type", "continent", "country_group", "country"],
                phrase_total => phrase::number(by_kind.total.value as f64, lang),
            }
        })
        .await
        .map_err(fail)?;
    crate::ui::render(lang, Some(&user.0), "analytics.html", page)
        .map(IntoResponse::into_response)
        .map_err(|e| WebError::internal(lang, e))
}
