//! A [`Chart`] drawn as vector graphics: value axis with gridlines and labels, grouped bars,
//! dashed target lines over them, category labels and a legend. Colours are the Word charts',
//! so a report's figures look the same in both formats.
//!
//! A missing value is a gap (no bar, a break in the line), never zero. A chart without any
//! value still gets its frame, category labels and legend, and no text in any language.

use super::canvas::{Align, Canvas, Color};
use super::flow::{Flow, TextStyle, LEFT, TEXT_WIDTH};
use super::fonts::{text_width, Font};
use super::wrap::wrap;
use crate::model::{Chart, SeriesStyle};
use crate::text::{finite, format_integer, format_number, format_plain};

const BAR_COLORS: [Color; 6] = [0x4472C4, 0xED7D31, 0xA5A5A5, 0xFFC000, 0x5B9BD5, 0x70AD47];
const LINE_COLORS: [Color; 3] = [0xC00000, 0x7030A0, 0x00B050];
const GRID_COLOR: Color = 0xD9D9D9;
const AXIS_COLOR: Color = 0x7F7F7F;

const TITLE: TextStyle = TextStyle {
    font: Font::bold(10.5),
    color: 0x1A1A1A,
    leading: 16.0,
};
const UNIT: TextStyle = TextStyle {
    font: Font::regular(8.0),
    color: 0x595959,
    leading: 12.0,
};
const LABEL: TextStyle = TextStyle {
    font: Font::regular(7.5),
    color: 0x404040,
    leading: 9.0,
};
const LEGEND: TextStyle = TextStyle {
    font: Font::regular(8.0),
    color: 0x1A1A1A,
    leading: 11.0,
};

const PLOT_HEIGHT: f64 = 150.0;
/// Room above the plot for the top value label, which is centred on its gridline.
const PLOT_TOP_PAD: f64 = 6.0;
/// Category labels take at most this many lines under their bar group.
const MAX_LABEL_LINES: usize = 3;
/// The share of each category's slot the bar group takes; the rest is the gap between groups.
const GROUP_SHARE: f64 = 0.7;
const SWATCH: f64 = 16.0;
const LEGEND_GAP: f64 = 12.0;
const BEFORE: f64 = 10.0;
const AFTER: f64 = 12.0;
/// Dashes of target lines, in points on and off.
const DASH: [f64; 2] = [4.0, 2.5];

pub(crate) fn chart(flow: &mut Flow, chart: &Chart) {
    flow.space(BEFORE);
    let title = if chart.title.trim().is_empty() {
        Vec::new()
    } else {
        wrap(&chart.title, TITLE.font, TEXT_WIDTH)
    };
    let unit = if chart.unit.trim().is_empty() {
        Vec::new()
    } else {
        wrap(&chart.unit, UNIT.font, TEXT_WIDTH)
    };
    let scale = Scale::of(chart);
    let ticks = scale.as_ref().map(Scale::ticks).unwrap_or_default();
    let gutter = ticks
        .iter()
        .map(|(_, label)| text_width(label, LABEL.font))
        .fold(0.0, f64::max)
        + 6.0;
    let plot_left = LEFT + gutter;
    let plot_width = TEXT_WIDTH - gutter - 4.0;
    let points = point_count(chart);
    let slot = plot_width / points.max(1) as f64;
    let labels: Vec<Vec<String>> = (0..points)
        .map(|i| category_label(chart.categories.get(i).map_or("", String::as_str), slot))
        .collect();
    let label_lines = labels.iter().map(Vec::len).max().unwrap_or(0);
    let legend = legend_rows(chart);
    let legend_height: f64 = legend.iter().map(|row| row.height).sum();

    let head = (title.len() as f64 * TITLE.leading) + (unit.len() as f64 * UNIT.leading);
    let labels_height = 4.0 + label_lines as f64 * LABEL.leading;
    let legend_block = if legend.is_empty() {
        0.0
    } else {
        6.0 + legend_height
    };
    let total = head + PLOT_TOP_PAD + PLOT_HEIGHT + labels_height + legend_block;
    flow.ensure(total);

    let top = flow.y();
    let canvas = flow.canvas();
    let mut y = top;
    for line in &title {
        canvas.aligned_text(
            LEFT,
            TEXT_WIDTH,
            TITLE.baseline(y),
            line,
            TITLE.font,
            TITLE.color,
            Align::Center,
        );
        y -= TITLE.leading;
    }
    for line in &unit {
        canvas.text(LEFT, UNIT.baseline(y), line, UNIT.font, UNIT.color);
        y -= UNIT.leading;
    }
    let plot = Plot {
        left: plot_left,
        width: plot_width,
        bottom: y - PLOT_TOP_PAD - PLOT_HEIGHT,
        slot,
    };
    match &scale {
        Some(scale) => {
            axes(canvas, &plot, scale, &ticks);
            bars(canvas, &plot, scale, chart);
            lines(canvas, &plot, scale, chart);
        }
        None => canvas.stroke_rect(
            plot.left,
            plot.bottom,
            plot.width,
            PLOT_HEIGHT,
            0.75,
            AXIS_COLOR,
        ),
    }
    let mut label_top = plot.bottom - 4.0;
    for row in 0..label_lines {
        for (i, lines) in labels.iter().enumerate() {
            if let Some(line) = lines.get(row) {
                canvas.aligned_text(
                    plot.left + i as f64 * slot,
                    slot,
                    LABEL.baseline(label_top),
                    line,
                    LABEL.font,
                    LABEL.color,
                    Align::Center,
                );
            }
        }
        label_top -= LABEL.leading;
    }
    let mut legend_top = plot.bottom - labels_height - 6.0;
    for row in &legend {
        draw_legend_row(canvas, row, legend_top);
        legend_top -= row.height;
    }
    flow.advance(total);
    flow.space(AFTER);
}

/// The plot area: left edge, width and bottom in points, and the width of one category.
struct Plot {
    left: f64,
    width: f64,
    bottom: f64,
    slot: f64,
}

impl Plot {
    fn y(&self, scale: &Scale, value: f64) -> f64 {
        self.bottom + (value - scale.low) / (scale.high - scale.low) * PLOT_HEIGHT
    }

    fn slot_center(&self, i: usize) -> f64 {
        self.left + (i as f64 + 0.5) * self.slot
    }
}

/// The value axis: from `low` to `high` (zero always inside) in steps of 1, 2, 2.5 or 5
/// times a power of ten, about five of them.
#[derive(Debug, PartialEq)]
struct Scale {
    low: f64,
    high: f64,
    step: f64,
}

impl Scale {
    /// None when the chart has no value to show.
    fn of(chart: &Chart) -> Option<Scale> {
        let values = chart
            .series
            .iter()
            .flat_map(|s| s.values.iter().filter_map(|v| v.and_then(finite)));
        let (min, max) = values.fold(None, |acc: Option<(f64, f64)>, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })?;
        Some(Scale::spanning(min.min(0.0), max.max(0.0)))
    }

    fn spanning(min: f64, max: f64) -> Scale {
        let range = max - min;
        if range <= 0.0 {
            // Every value is zero (zero is always inside the range).
            return Scale {
                low: 0.0,
                high: 1.0,
                step: 0.2,
            };
        }
        if !range.is_finite() {
            // Values near the limits of f64: no round steps, just the two ends.
            return Scale {
                low: min,
                high: max,
                step: f64::MAX,
            };
        }
        let rough = range / 5.0;
        let magnitude = 10_f64.powf(rough.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0]
            .iter()
            .map(|m| m * magnitude)
            .find(|s| *s >= rough * 0.999)
            .unwrap_or(10.0 * magnitude);
        Scale {
            low: (min / step).floor() * step,
            high: (max / step).ceil() * step,
            step,
        }
    }

    /// Each gridline's value and label.
    fn ticks(&self) -> Vec<(f64, String)> {
        let count = ((self.high - self.low) / self.step).round();
        if !(1.0..=50.0).contains(&count) {
            return [self.low, self.high]
                .iter()
                .map(|v| (*v, format_number(*v)))
                .collect();
        }
        (0..=count as usize)
            .map(|i| {
                let value = self.low + i as f64 * self.step;
                let label = if self.step >= 1.0 && self.step.fract() == 0.0 {
                    format_integer(value)
                } else if self.step >= 0.01 {
                    format_number(value)
                } else {
                    format_plain(value)
                };
                (value, label)
            })
            .collect()
    }
}

/// Gridlines with their labels, the axes, and a darker zero line when values go negative.
fn axes(canvas: &mut Canvas, plot: &Plot, scale: &Scale, ticks: &[(f64, String)]) {
    let right = plot.left + plot.width;
    for (value, label) in ticks {
        let y = plot.y(scale, *value);
        canvas.line((plot.left, y), (right, y), 0.5, GRID_COLOR);
        canvas.aligned_text(
            LEFT,
            plot.left - LEFT - 4.0,
            y - 0.35 * LABEL.font.size,
            label,
            LABEL.font,
            LABEL.color,
            Align::Right,
        );
    }
    let top = plot.bottom + PLOT_HEIGHT;
    canvas.line((plot.left, plot.bottom), (plot.left, top), 0.75, AXIS_COLOR);
    canvas.line(
        (plot.left, plot.bottom),
        (right, plot.bottom),
        0.75,
        AXIS_COLOR,
    );
    if scale.low < 0.0 {
        let zero = plot.y(scale, 0.0);
        canvas.line((plot.left, zero), (right, zero), 0.75, AXIS_COLOR);
    }
}

/// Bar series side by side in each category's group, from zero to the value.
fn bars(canvas: &mut Canvas, plot: &Plot, scale: &Scale, chart: &Chart) {
    let series: Vec<_> = chart
        .series
        .iter()
        .filter(|s| s.style == SeriesStyle::Bar)
        .collect();
    if series.is_empty() {
        return;
    }
    let group = plot.slot * GROUP_SHARE;
    let width = group / series.len() as f64;
    let zero = plot.y(scale, 0.0);
    for (n, s) in series.iter().enumerate() {
        let color = BAR_COLORS[n % BAR_COLORS.len()];
        for (i, value) in s.values.iter().enumerate() {
            let Some(value) = value.and_then(finite) else {
                continue;
            };
            let x = plot.slot_center(i) - group / 2.0 + n as f64 * width;
            let y = plot.y(scale, value);
            // A hairline of white between neighbouring bars keeps them apart.
            let gap = if series.len() > 1 { 0.5 } else { 0.0 };
            canvas.fill_rect(
                x + gap,
                zero.min(y),
                width - 2.0 * gap,
                (y - zero).abs(),
                color,
            );
        }
    }
}

/// Line series (targets) as dashed lines through the values with a dot on each; a value with
/// no neighbour gets a short horizontal line across its group, so it reads as a level.
fn lines(canvas: &mut Canvas, plot: &Plot, scale: &Scale, chart: &Chart) {
    let series = chart.series.iter().filter(|s| s.style == SeriesStyle::Line);
    for (n, s) in series.enumerate() {
        let color = LINE_COLORS[n % LINE_COLORS.len()];
        let points: Vec<Option<(f64, f64)>> = s
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                v.and_then(finite)
                    .map(|v| (plot.slot_center(i), plot.y(scale, v)))
            })
            .collect();
        for run in points.split(Option::is_none) {
            let run: Vec<(f64, f64)> = run.iter().flatten().copied().collect();
            match run.as_slice() {
                [] => {}
                [(x, y)] => {
                    let half = plot.slot * GROUP_SHARE / 2.0;
                    canvas.polyline(&[(x - half, *y), (x + half, *y)], 1.5, color, &DASH);
                }
                many => canvas.polyline(many, 1.5, color, &DASH),
            }
        }
        for (x, y) in points.iter().flatten() {
            canvas.dot(*x, *y, 2.2, color);
        }
    }
}

/// Points per series: as many as the longest of the categories and the series, so no value is
/// dropped (a value past the categories gets an empty label), as in the Word chart.
fn point_count(chart: &Chart) -> usize {
    chart
        .series
        .iter()
        .map(|s| s.values.len())
        .chain([chart.categories.len()])
        .max()
        .unwrap_or(0)
}

/// A category's label wrapped to its slot; a label longer than [`MAX_LABEL_LINES`] lines ends
/// in "…" (the table beside a chart carries the full text).
fn category_label(text: &str, slot: f64) -> Vec<String> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let mut lines = wrap(text, LABEL.font, (slot - 2.0).max(1.0));
    if lines.len() > MAX_LABEL_LINES {
        lines.truncate(MAX_LABEL_LINES);
        if let Some(last) = lines.last_mut() {
            last.pop();
            last.push('…');
        }
    }
    lines
}

/// One legend entry: the series' look and its name in lines.
struct LegendItem {
    style: SeriesStyle,
    color: Color,
    lines: Vec<String>,
    width: f64,
}

/// Entries side by side, centred, as many as fit in the text width.
struct LegendRow {
    items: Vec<LegendItem>,
    width: f64,
    height: f64,
}

fn legend_rows(chart: &Chart) -> Vec<LegendRow> {
    let (mut bars, mut lines) = (0, 0);
    let mut rows: Vec<LegendRow> = Vec::new();
    for series in &chart.series {
        let color = match series.style {
            SeriesStyle::Bar => {
                bars += 1;
                BAR_COLORS[(bars - 1) % BAR_COLORS.len()]
            }
            SeriesStyle::Line => {
                lines += 1;
                LINE_COLORS[(lines - 1) % LINE_COLORS.len()]
            }
        };
        let name = wrap(&series.name, LEGEND.font, TEXT_WIDTH - SWATCH - 4.0);
        let text = name
            .iter()
            .map(|l| text_width(l, LEGEND.font))
            .fold(0.0, f64::max);
        let item = LegendItem {
            style: series.style,
            color,
            width: SWATCH + 4.0 + text,
            lines: name,
        };
        let height = item.lines.len().max(1) as f64 * LEGEND.leading;
        match rows.last_mut() {
            Some(row) if row.width + LEGEND_GAP + item.width <= TEXT_WIDTH => {
                row.width += LEGEND_GAP + item.width;
                row.height = row.height.max(height);
                row.items.push(item);
            }
            _ => rows.push(LegendRow {
                width: item.width,
                height,
                items: vec![item],
            }),
        }
    }
    rows
}

fn draw_legend_row(canvas: &mut Canvas, row: &LegendRow, top: f64) {
    let mut x = LEFT + (TEXT_WIDTH - row.width) / 2.0;
    for item in &row.items {
        let middle = top - LEGEND.leading / 2.0;
        match item.style {
            SeriesStyle::Bar => {
                canvas.fill_rect(x + 3.0, middle - 4.0, SWATCH - 6.0, 8.0, item.color)
            }
            SeriesStyle::Line => {
                canvas.polyline(&[(x, middle), (x + SWATCH, middle)], 1.5, item.color, &DASH);
                canvas.dot(x + SWATCH / 2.0, middle, 2.2, item.color);
            }
        }
        for (n, line) in item.lines.iter().enumerate() {
            let baseline = LEGEND.baseline(top - n as f64 * LEGEND.leading);
            canvas.text(x + SWATCH + 4.0, baseline, line, LEGEND.font, LEGEND.color);
        }
        x += item.width + LEGEND_GAP;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ChartSeries;

    #[test]
    fn the_scale_takes_round_steps_and_includes_zero() {
        assert_eq!(
            Scale::spanning(0.0, 1_250_000.0),
            Scale {
                low: 0.0,
                high: 1_250_000.0,
                step: 250_000.0
            }
        );
        let scale = Scale::spanning(-3.0, 7.0);
        assert_eq!((scale.low, scale.high, scale.step), (-4.0, 8.0, 2.0));
        let labels: Vec<String> = Scale::spanning(0.0, 1.0)
            .ticks()
            .into_iter()
            .map(|t| t.1)
            .collect();
        assert_eq!(labels, ["0", "0.2", "0.4", "0.6", "0.8", "1"]);
        let big = Scale::spanning(0.0, 12_000.0).ticks();
        assert_eq!(big.last().map(|t| t.1.as_str()), Some("12,500"));
    }

    #[test]
    fn a_chart_without_values_has_no_scale_but_still_draws() {
        let chart = Chart {
            title: "空".into(),
            categories: vec!["a".into()],
            series: vec![ChartSeries {
                name: "s".into(),
                values: vec![None],
                style: SeriesStyle::Bar,
            }],
            unit: String::new(),
        };
        assert_eq!(Scale::of(&chart), None);
        let mut flow = Flow::new();
        super::chart(&mut flow, &chart);
        let ops = String::from_utf8(flow.finish().remove(0).canvas.into_bytes()).unwrap();
        assert!(ops.contains(" re S"), "the frame");
        assert!(ops.contains("(s) Tj"), "the legend");
        assert!(ops.contains("(a) Tj"), "the category");
    }

    #[test]
    fn all_zero_values_still_give_a_scale() {
        let scale = Scale::spanning(0.0, 0.0);
        assert_eq!((scale.low, scale.high), (0.0, 1.0));
        assert!(!scale.ticks().is_empty());
    }
}
