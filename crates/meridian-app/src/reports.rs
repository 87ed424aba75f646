//! Plan progress as files an administration hands upward: an Excel workbook (an overview,
//! one sheet per task area, the reporting completeness) and a Word or PDF document with the
//! same tables and a chart per indicator with a numeric target. Both are built from
//! [`PlanProgress`], the one computation behind the progress page too.
//!
//! Report headings are pairs of Chinese and English here rather than in the web catalogs,
//! because the CLI writes reports without the web layer.

use crate::{App, AppError, AppResult};
use meridian_analytics::progress::{AreaProgress, IndicatorProgress, UnitProgress};
use meridian_analytics::{Analytics, PlanProgress};
use meridian_domain::phrase;
use meridian_domain::{Lang, RecordId};
use meridian_report::{
    Block, Cell, Chart, ChartSeries, Column, ColumnKind, Document, SeriesStyle, Sheet, Table,
    Workbook,
};

fn t(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => en.to_string(),
    }
}

/// The day as ISO text.
fn day_text(day: i64) -> String {
    let (y, m, d) = meridian_analytics::measure::date_of_day(day);
    format!("{y:04}-{m:02}-{d:02}")
}

fn unit_name(analytics: &Analytics, unit: Option<RecordId>, lang: Lang) -> String {
    match unit {
        None => t(lang, "总体", "Overall"),
        Some(id) => analytics
            .organization_name(id)
            .map(|n| n.shown(lang))
            .unwrap_or_else(|| id.to_string()),
    }
}

fn progress_columns(lang: Lang) -> Vec<Column> {
    vec![
        Column::new(t(lang, "指标", "Indicator"), ColumnKind::Text),
        Column::new(t(lang, "单位", "Reporting unit"), ColumnKind::Text),
        Column::new(t(lang, "计量单位", "Unit"), ColumnKind::Text),
        Column::new(t(lang, "基线值", "Baseline"), ColumnKind::Number),
        Column::new(t(lang, "基线期", "Baseline period"), ColumnKind::Text),
        Column::new(t(lang, "目标值", "Target"), ColumnKind::Number),
        Column::new(t(lang, "目标表述", "Target as worded"), ColumnKind::Text),
        Column::new(t(lang, "目标期", "Target period"), ColumnKind::Text),
        Column::new(t(lang, "实际值", "Actual"), ColumnKind::Number),
        Column::new(t(lang, "完成率", "Achieved"), ColumnKind::Percent),
        Column::new(t(lang, "按进度应达", "Expected by now"), ColumnKind::Number),
        Column::new(t(lang, "状态", "Status"), ColumnKind::Text),
        Column::new(t(lang, "来源", "Source"), ColumnKind::Text),
    ]
}

fn source_text(analytics: &Analytics, row: &UnitProgress, lang: Lang) -> String {
    use meridian_analytics::ValueSource;
    match row.actual.as_ref().map(|a| &a.source) {
        None => String::new(),
        Some(ValueSource::Computed {
            undated, uncertain, ..
        }) => {
            let mut out = t(lang, "由记录计算", "Counted from records");
            if *undated > 0 || *uncertain > 0 {
                out.push_str(&match lang {
                    Lang::Zh => format!("（另有{undated}条无日期、{uncertain}条日期不确定未计入）"),
                    Lang::En => format!(
                        " ({undated} without a date and {uncertain} with an uncertain date not counted)"
                    ),
                });
            }
            out
        }
        Some(ValueSource::Reported { figures }) => match lang {
            Lang::Zh => format!("填报数据{}条", figures.len()),
            Lang::En => format!("{} reported figure(s)", figures.len()),
        },
        Some(ValueSource::RolledUp { units }) => {
            let names: Vec<String> = units
                .iter()
                .map(|u| unit_name(analytics, Some(*u), lang))
                .collect();
            format!(
                "{}{}",
                t(lang, "下级单位汇总：", "Sum of sub-units: "),
                names.join(", ")
            )
        }
    }
}

fn progress_row(
    analytics: &Analytics,
    indicator: &IndicatorProgress,
    row: &UnitProgress,
    lang: Lang,
) -> Vec<Cell> {
    let baseline = indicator.baseline.as_ref();
    vec![
        Cell::text(indicator.name.shown(lang)),
        Cell::text(unit_name(analytics, row.unit, lang)),
        Cell::text(indicator.unit_label.shown(lang)),
        baseline.map(|b| b.value.value).into(),
        Cell::text(baseline.map(|b| b.period.label()).unwrap_or_default()),
        row.target.map(|q| q.value).into(),
        Cell::text(row.target_text.shown(lang)),
        Cell::text(indicator.period.label()),
        row.actual.as_ref().map(|a| a.quantity.value).into(),
        row.percent
            .map_or(Cell::Empty, |p| Cell::Percent(p / 100.0)),
        row.expected.map(|e| (e * 100.0).round() / 100.0).into(),
        Cell::text(row.status.label(lang)),
        Cell::text(source_text(analytics, row, lang)),
    ]
}

fn indicator_rows(
    analytics: &Analytics,
    indicator: &IndicatorProgress,
    lang: Lang,
) -> Vec<Vec<Cell>> {
    std::iter::once(&indicator.overall)
        .chain(indicator.units.iter())
        .map(|row| progress_row(analytics, indicator, row, lang))
        .collect()
}

/// The columns a page-wide document table keeps of the workbook's: indicator, reporting
/// unit, baseline, target, actual, achieved, expected, status. The rest (units, periods,
/// targets as worded, sources) follow the table as sentences.
const DOCUMENT_COLUMNS: [usize; 8] = [0, 1, 3, 5, 8, 9, 10, 11];

fn narrow(table: Table) -> Table {
    let pick = |cells: &[Cell]| DOCUMENT_COLUMNS.iter().map(|i| cells[*i].clone()).collect();
    Table {
        title: table.title,
        columns: DOCUMENT_COLUMNS
            .iter()
            .map(|i| table.columns[*i].clone())
            .collect(),
        rows: table.rows.iter().map(|r| pick(r)).collect(),
    }
}

/// "Publish 30 international TCM standards (target, 2021–2025; baseline 64 standards,
/// 2016–2020)": what the narrow table leaves out.
fn indicator_sentence(indicator: &IndicatorProgress, lang: Lang) -> String {
    let unit = indicator.unit_label.shown(lang);
    let mut parts = vec![format!(
        "{}{}",
        indicator.name.shown(lang),
        t(lang, "：", ": ")
    )];
    let worded = indicator.overall.target_text.shown(lang);
    if !worded.is_empty() {
        parts.push(worded);
    }
    parts.push(format!(
        "{}{}",
        t(lang, "目标期", "target period "),
        indicator.period.label()
    ));
    if let Some(b) = &indicator.baseline {
        parts.push(format!(
            "{}{}{}",
            t(lang, "基线值", "baseline "),
            phrase::quantity_with_unit(&b.value, &unit, lang),
            if b.period.is_unknown() {
                String::new()
            } else {
                format!(" ({})", b.period.label())
            }
        ));
    }
    let first = parts.remove(0);
    format!(
        "{first}{}{}",
        parts.join(t(lang, "；", "; ").as_str()),
        t(lang, "。", ".")
    )
}

fn area_title(area: &AreaProgress, lang: Lang) -> String {
    format!("{} {}", area.number, area.title.shown(lang))
        .trim()
        .to_string()
}

fn completeness_table(analytics: &Analytics, progress: &PlanProgress, lang: Lang) -> Table {
    let c = &progress.completeness;
    let mut columns = vec![
        Column::new(t(lang, "指标", "Indicator"), ColumnKind::Text),
        Column::new(t(lang, "单位", "Reporting unit"), ColumnKind::Text),
    ];
    columns.extend(
        c.years
            .iter()
            .map(|y| Column::new(y.to_string(), ColumnKind::Text)),
    );
    let rows = c
        .rows
        .iter()
        .map(|row| {
            let name = analytics
                .indicator(row.indicator)
                .map(|i| i.value.name.shown(lang))
                .unwrap_or_default();
            let mut cells = vec![
                Cell::text(name),
                Cell::text(unit_name(analytics, Some(row.unit), lang)),
            ];
            cells.extend(row.reported.iter().map(|done| {
                Cell::text(if *done {
                    t(lang, "已填报", "Reported")
                } else {
                    t(lang, "未填报", "Missing")
                })
            }));
            cells
        })
        .collect();
    Table {
        title: t(lang, "填报完整性", "Reporting completeness"),
        columns,
        rows,
    }
}

fn heading_lines(progress: &PlanProgress, lang: Lang) -> Vec<String> {
    let mut lines = vec![progress.title.shown(lang)];
    if let Some(number) = &progress.document_number {
        lines.push(number.clone());
    }
    lines.push(format!(
        "{}{}　{}{}",
        t(lang, "规划期：", "Plan period: "),
        progress.period.label(),
        t(lang, "截至：", "As of: "),
        day_text(progress.as_of)
    ));
    lines
}

/// The workbook: an overview of every indicator, one sheet per task area with indicators,
/// and the reporting completeness.
pub fn progress_workbook(analytics: &Analytics, progress: &PlanProgress, lang: Lang) -> Workbook {
    let heading = heading_lines(progress, lang);
    let mut sheets = vec![Sheet {
        name: t(lang, "总览", "Overview"),
        heading: heading.clone(),
        table: Table {
            title: t(lang, "全部指标", "All indicators"),
            columns: progress_columns(lang),
            rows: progress
                .indicators
                .iter()
                .map(|i| progress_row(analytics, i, &i.overall, lang))
                .collect(),
        },
    }];
    for area in progress.areas.iter().filter(|a| !a.indicators.is_empty()) {
        sheets.push(Sheet {
            name: area_title(area, lang),
            heading: heading.clone(),
            table: Table {
                title: area_title(area, lang),
                columns: progress_columns(lang),
                rows: area
                    .indicators
                    .iter()
                    .flat_map(|i| indicator_rows(analytics, &progress.indicators[*i], lang))
                    .collect(),
            },
        });
    }
    sheets.push(Sheet {
        name: t(lang, "填报完整性", "Reporting"),
        heading,
        table: completeness_table(analytics, progress, lang),
    });
    Workbook { sheets }
}

fn indicator_chart(indicator: &IndicatorProgress, lang: Lang) -> Option<Chart> {
    let target = indicator.overall.target?;
    if indicator.series.is_empty() {
        return None;
    }
    Some(Chart {
        title: indicator.name.shown(lang),
        categories: indicator
            .series
            .iter()
            .map(|(y, _)| y.to_string())
            .collect(),
        series: vec![
            ChartSeries {
                name: t(lang, "实际值（累计）", "Actual (cumulative)"),
                values: indicator.series.iter().map(|(_, v)| *v).collect(),
                style: SeriesStyle::Bar,
            },
            ChartSeries {
                name: t(lang, "目标值", "Target"),
                values: indicator
                    .series
                    .iter()
                    .map(|_| Some(target.value))
                    .collect(),
                style: SeriesStyle::Line,
            },
        ],
        unit: indicator.unit_label.shown(lang),
    })
}

/// The Word document: for each task area its indicators' table and charts, then the
/// reporting completeness and the reminders.
pub fn progress_document(analytics: &Analytics, progress: &PlanProgress, lang: Lang) -> Document {
    let heading = heading_lines(progress, lang);
    let mut blocks = vec![Block::Paragraph(heading[1..].join("\n"))];
    blocks.push(Block::Paragraph(summary_sentence(progress, lang)));
    for area in progress.areas.iter().filter(|a| !a.indicators.is_empty()) {
        blocks.push(Block::Heading {
            level: 1,
            text: area_title(area, lang),
        });
        blocks.push(Block::Table(narrow(Table {
            title: area_title(area, lang),
            columns: progress_columns(lang),
            rows: area
                .indicators
                .iter()
                .flat_map(|i| indicator_rows(analytics, &progress.indicators[*i], lang))
                .collect(),
        })));
        for i in &area.indicators {
            blocks.push(Block::Paragraph(indicator_sentence(
                &progress.indicators[*i],
                lang,
            )));
        }
        for i in &area.indicators {
            if let Some(chart) = indicator_chart(&progress.indicators[*i], lang) {
                blocks.push(Block::Chart(chart));
            }
        }
    }
    blocks.push(Block::Heading {
        level: 1,
        text: t(lang, "填报完整性", "Reporting completeness"),
    });
    blocks.push(Block::Table(completeness_table(analytics, progress, lang)));
    Document {
        title: heading[0].clone(),
        subtitle: progress.document_number.clone(),
        blocks,
        language: match lang {
            Lang::Zh => "zh-CN".into(),
            Lang::En => "en".into(),
        },
    }
}

/// "9 indicators: 1 achieved, 2 behind…" in the report's language.
pub fn summary_sentence(progress: &PlanProgress, lang: Lang) -> String {
    use meridian_analytics::ProgressStatus;
    let parts: Vec<String> = ProgressStatus::ALL
        .iter()
        .filter_map(|status| {
            let n = progress
                .indicators
                .iter()
                .filter(|i| i.overall.status == *status)
                .count();
            (n > 0).then(|| match lang {
                Lang::Zh => format!("{}{n}项", status.label(lang)),
                Lang::En => format!("{n} {}", status.label(lang).to_lowercase()),
            })
        })
        .collect();
    let n = phrase::number(progress.indicators.len() as f64, lang);
    match lang {
        Lang::Zh => format!("共{n}项指标：{}。", parts.join("，")),
        Lang::En => format!("{n} indicators: {}.", parts.join(", ")),
    }
}

/// Report file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Json,
    Xlsx,
    Docx,
    Pdf,
}

impl App {
    /// A plan's progress today; without an id, the plan whose period ends last.
    pub async fn plan_progress(&self, plan: Option<RecordId>) -> AppResult<PlanProgress> {
        let as_of = crate::today().last_day();
        // Kept until the records change or the day does: a plan's progress reads every
        // indicator's records, and the pages, reports and API ask for it often.
        let key = (plan, as_of, self.changes());
        if let Some((kept_key, kept)) = self.figures.progress.lock().ok().and_then(|k| k.clone()) {
            if kept_key == key {
                return Ok((*kept).clone());
            }
        }
        let progress = self.compute_plan_progress(plan, as_of).await?;
        if let Ok(mut kept) = self.figures.progress.lock() {
            *kept = Some((key, std::sync::Arc::new(progress.clone())));
        }
        Ok(progress)
    }

    async fn compute_plan_progress(
        &self,
        plan: Option<RecordId>,
        as_of: i64,
    ) -> AppResult<PlanProgress> {
        self.analytics(|a| {
            let plan = plan.or_else(|| {
                a.plans()
                    .max_by_key(|p| (p.value.period.day_range().1, p.id))
                    .map(|p| p.id)
            })?;
            a.plan_progress(plan, as_of)
        })
        .await?
        .ok_or_else(|| AppError::NoPlan(plan.map_or("plan".to_string(), |p| format!("plan {p}"))))
    }

    /// A plan's progress report as file bytes.
    pub async fn progress_report(
        &self,
        plan: Option<RecordId>,
        format: ReportFormat,
        lang: Lang,
    ) -> AppResult<Vec<u8>> {
        let progress = self.plan_progress(plan).await?;
        let bytes = self
            .analytics(|a| match format {
                ReportFormat::Json => serde_json::to_vec_pretty(&progress)
                    .map_err(|e| AppError::Internal(e.to_string())),
                ReportFormat::Xlsx => {
                    meridian_report::write_xlsx(&progress_workbook(a, &progress, lang))
                        .map_err(|e| AppError::Internal(e.to_string()))
                }
                ReportFormat::Docx => {
                    meridian_report::write_docx(&progress_document(a, &progress, lang))
                        .map_err(|e| AppError::Internal(e.to_string()))
                }
                ReportFormat::Pdf => {
                    meridian_report::write_pdf(&progress_document(a, &progress, lang))
                        .map_err(|e| AppError::Internal(e.to_string()))
                }
            })
            .await??;
        Ok(bytes)
    }
}
