//! A plan's progress page: every indicator against its baseline and target, per unit and
//! overall, with status, a chart per indicator with a numeric target (the target drawn as
//! a line), reporting completeness and reminders; the same as Excel, Word or JSON with
//! `?format=`. Everything comes from `App::plan_progress`, the path the reports take.

use super::charts::{bar, chart};
use crate::auth::User;
use crate::error::{WebError, WebResult};
use crate::i18n::{t, UiLang};
use crate::ui::text;
use crate::WebState;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use meridian_app::analytics::progress::UnitProgress;
use meridian_app::analytics::{Analytics, PlanProgress, ValueSource};
use meridian_app::ReportFormat;
use meridian_domain::{phrase, Code, Lang, RecordId};
use minijinja::{context, Value};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct Params {
    #[serde(default)]
    plan: Option<String>,
    #[serde(default)]
    format: Option<String>,
}

fn number(value: Option<f64>, lang: Lang) -> String {
    value
        .map(|v| phrase::number((v * 100.0).round() / 100.0, lang))
        .unwrap_or_default()
}

fn row(a: &Analytics, p: &UnitProgress, lang: Lang) -> Value {
    let unit = match p.unit {
        None => t(lang, "progress.overall"),
        Some(id) => a
            .organization_name(id)
            .map(|n| text(n, lang))
            .unwrap_or_else(|| id.to_string()),
    };
    let (source, figures, undated) = match p.actual.as_ref().map(|v| &v.source) {
        Some(ValueSource::Reported { figures }) => (
            "reported",
            figures.iter().map(|f| f.to_string()).collect(),
            0,
        ),
        Some(ValueSource::Computed {
            undated, uncertain, ..
        }) => ("computed", Vec::new(), undated + uncertain),
        Some(ValueSource::RolledUp { .. }) => ("rolled_up", Vec::new(), 0),
        None => ("", Vec::new(), 0),
    };
    context! {
        unit, unit_id => p.unit.map(|u| u.to_string()),
        target => p.target.map(|q| phrase::quantity(&q, lang)).unwrap_or_default(),
        target_text => text(&p.target_text, lang),
        target_rolled_up => p.target_rolled_up,
        actual => p.actual.as_ref().map(|v| phrase::quantity(&v.quantity, lang)).unwrap_or_default(),
        percent => p.percent.map(|x| format!("{:.0}%", x)).unwrap_or_default(),
        expected => number(p.expected, lang),
        status => p.status.as_str(), status_label => p.status.label(lang),
        source, figures, undated,
    }
}

pub(crate) fn page_context(a: &Analytics, progress: &PlanProgress, lang: Lang) -> Value {
    let indicators: Vec<Value> = progress
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            let chart_spec = ind.overall.target.filter(|_| !ind.series.is_empty()).map(|target| {
                chart(
                    &format!("chart-{i}"),
                    bar(
                        &text(&ind.name, lang),
                        &text(&ind.unit_label, lang),
                        ind.series.iter().map(|(y, _)| y.to_string()).collect(),
                        vec![(t(lang, "progress.actual_cumulative"), ind.series.iter().map(|(_, v)| *v).collect())],
                        vec![(t(lang, "progress.target"), target.value)],
                    ),
                )
            });
            context! {
                id => ind.indicator.to_string(),
                name => text(&ind.name, lang),
                unit_label => text(&ind.unit_label, lang),
                method => ind.method.as_str(),
                baseline => ind.baseline.as_ref().map(|b| phrase::quantity(&b.value, lang)).unwrap_or_default(),
                baseline_with_unit => ind.baseline.as_ref().map(|b| phrase::quantity_with_unit(&b.value, &text(&ind.unit_label, lang), lang)).unwrap_or_default(),
                baseline_period => ind.baseline.as_ref().map(|b| b.period.label()).unwrap_or_default(),
                period => ind.period.label(),
                elapsed => format!("{:.0}%", ind.elapsed * 100.0),
                unit_targets_total => match (ind.unit_targets_total, ind.overall.target) {
                    (Some(total), Some(target)) if !ind.overall.target_rolled_up && (total - target.value).abs() > f64::EPSILON =>
                        Some(phrase::number(total, lang)),
                    _ => None,
                },
                rows => std::iter::once(&ind.overall).chain(ind.units.iter()).map(|p| row(a, p, lang)).collect::<Vec<_>>(),
                chart => chart_spec,
            }
        })
        .collect();
    let areas: Vec<Value> = progress
        .areas
        .iter()
        .map(|area| {
            context! {
                number => area.number.clone(), title => text(&area.title, lang),
                indicators => area.indicators.iter().map(|i| indicators[*i].clone()).collect::<Vec<_>>(),
            }
        })
        .collect();
    let name = |id: RecordId| {
        a.organization_name(id)
            .map(|n| text(n, lang))
            .unwrap_or_else(|| id.to_string())
    };
    let indicator_name = |id: RecordId| {
        a.indicator(id)
            .map(|i| text(&i.value.name, lang))
            .unwrap_or_default()
    };
    let completeness: Vec<Value> = progress
        .completeness
        .rows
        .iter()
        .map(|r| context! { indicator => indicator_name(r.indicator), unit => name(r.unit), reported => r.reported.clone() })
        .collect();
    let reminders: Vec<Value> = progress
        .completeness
        .reminders
        .iter()
        .map(|r| context! { indicator => indicator_name(r.indicator), unit => name(r.unit), year => r.year })
        .collect();
    context! {
        plan => progress.plan.to_string(),
        title => text(&progress.title, lang),
        document_number => progress.document_number.clone(),
        period => progress.period.label(),
        elapsed => format!("{:.0}%", progress.elapsed * 100.0),
        summary => meridian_app::summary_sentence(progress, lang),
        areas,
        all => indicators,
        years => progress.completeness.years.clone(),
        completeness, reminders,
        plans => a.plans().map(|p| context! { id => p.id.to_string(), title => text(&p.value.title, lang) }).collect::<Vec<_>>(),
    }
}

pub async fn page(
    State(state): State<WebState>,
    UiLang(lang): UiLang,
    user: User,
    Query(params): Query<Params>,
) -> WebResult<Response> {
    let app = &state.app;
    let plan = match params.plan.as_deref().filter(|p| !p.is_empty()) {
        Some(p) => Some(super::id(lang, p)?),
        None => None,
    };
    let fail = |e| WebError::from_app(lang, e);
    let download = |format: ReportFormat, mime: &'static str, ext: &'static str| async move {
        let bytes = app
            .progress_report(plan, format, lang)
            .await
            .map_err(|e| WebError::from_app(lang, e))?;
        Ok::<_, WebError>(super::download(bytes, mime, &format!("progress.{ext}")))
    };
    match params.format.as_deref() {
        Some("xlsx") => {
            return download(
                ReportFormat::Xlsx,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
            )
            .await
        }
        Some("docx") => {
            return download(
                ReportFormat::Docx,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "docx",
            )
            .await
        }
        Some("json") => return download(ReportFormat::Json, "application/json", "json").await,
        Some("pdf") => return download(ReportFormat::Pdf, "application/pdf", "pdf").await,
        Some(_) => return Err(WebError::not_found(lang)),
        None => {}
    }
    let progress = app.plan_progress(plan).await.map_err(fail)?;
    let page = app
        .analytics(|a| page_context(a, &progress, lang))
        .await
        .map_err(fail)?;
    let page = context! { ..page, ..context! { here => "/progress" } };
    crate::ui::render(lang, Some(&user.0), "progress.html", page)
        .map(IntoResponse::into_response)
        .map_err(|e| WebError::internal(lang, e))
}
