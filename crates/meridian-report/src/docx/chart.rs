//! A [`Chart`] as a native Word chart part (DrawingML `c:chartSpace`): bars and lines on one
//! category axis, with the data cached in the part itself.
//!
//! The series point at cells of a "Sheet1" that is not embedded: Word and LibreOffice draw from
//! the caches (`c:strCache`, `c:numCache`), which is all a report needs; only "Edit data" in
//! Word has nothing to open.

use std::fmt::Write as _;

use super::styles::{EAST_ASIA_FONT, LATIN_FONT};
use super::xml::{escape, DECLARATION};
use crate::model::{Chart, ChartSeries, SeriesStyle};
use crate::text::finite;

const C_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Axis ids tie the bar and line groups to the same two axes.
const CAT_AX: u32 = 500_000_001;
const VAL_AX: u32 = 500_000_002;

/// Explicit colours, so the chart looks the same in every program (no theme part is written).
const BAR_COLORS: [&str; 6] = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"];
const LINE_COLORS: [&str; 3] = ["C00000", "7030A0", "00B050"];

/// The chart part's XML; `lang` ("zh-CN" or "en-US") is the chart's editing language.
pub(crate) fn chart_xml(chart: &Chart, lang: &str) -> String {
    let points = point_count(chart);
    let mut plot = String::from("<c:plotArea><c:layout/>");
    let bars: Vec<_> = indexed(chart, SeriesStyle::Bar);
    let lines: Vec<_> = indexed(chart, SeriesStyle::Line);
    // The plot area needs at least one chart group, even with no series.
    if !bars.is_empty() || lines.is_empty() {
        plot.push_str("<c:barChart><c:barDir val=\"col\"/><c:grouping val=\"clustered\"/>");
        plot.push_str("<c:varyColors val=\"0\"/>");
        for (n, (idx, series)) in bars.iter().enumerate() {
            let color = BAR_COLORS[n % BAR_COLORS.len()];
            let fill = format!("<c:spPr><a:solidFill><a:srgbClr val=\"{color}\"/></a:solidFill></c:spPr><c:invertIfNegative val=\"0\"/>");
            series_xml(&mut plot, chart, *idx, series, &fill, points);
        }
        let _ = write!(
            plot,
            "<c:gapWidth val=\"80\"/><c:axId val=\"{CAT_AX}\"/><c:axId val=\"{VAL_AX}\"/></c:barChart>"
        );
    }
    if !lines.is_empty() {
        plot.push_str("<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>");
        for (n, (idx, series)) in lines.iter().enumerate() {
            let style = line_style(LINE_COLORS[n % LINE_COLORS.len()]);
            series_xml(&mut plot, chart, *idx, series, &style, points);
        }
        let _ = write!(
            plot,
            "<c:marker val=\"1\"/><c:axId val=\"{CAT_AX}\"/><c:axId val=\"{VAL_AX}\"/></c:lineChart>"
        );
    }
    plot.push_str(&axes_xml(chart));
    plot.push_str("</c:plotArea>");

    let title = if chart.title.trim().is_empty() {
        "<c:autoTitleDeleted val=\"1\"/>".to_owned()
    } else {
        format!(
            "{}<c:autoTitleDeleted val=\"0\"/>",
            title_xml(&chart.title, lang, 1200, "")
        )
    };
    format!(
        "{DECLARATION}<c:chartSpace xmlns:c=\"{C_NS}\" xmlns:a=\"{A_NS}\" xmlns:r=\"{R_NS}\">\
         <c:lang val=\"{lang}\"/><c:roundedCorners val=\"0\"/>\
         <c:chart>{title}{plot}<c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/></c:legend>\
         <c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>\
         <c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"900\">\
         <a:latin typeface=\"{LATIN_FONT}\"/><a:ea typeface=\"{EAST_ASIA_FONT}\"/></a:defRPr>\
         </a:pPr><a:endParaRPr lang=\"{lang}\"/></a:p></c:txPr></c:chartSpace>"
    )
}

/// The series of one style with their position in the chart: `c:idx` and `c:order` must be
/// unique across bar and line groups.
fn indexed(chart: &Chart, style: SeriesStyle) -> Vec<(usize, &ChartSeries)> {
    chart
        .series
        .iter()
        .enumerate()
        .filter(|(_, s)| s.style == style)
        .collect()
}

/// Points per series: as many as the longest of the categories and the series, so no value is
/// dropped (a value past the categories gets an empty category label).
fn point_count(chart: &Chart) -> usize {
    chart
        .series
        .iter()
        .map(|s| s.values.len())
        .chain([chart.categories.len()])
        .max()
        .unwrap_or(0)
}

/// Targets: a dashed line with round markers, drawn over the bars.
fn line_style(color: &str) -> String {
    format!(
        "<c:spPr><a:ln w=\"28575\" cap=\"rnd\"><a:solidFill><a:srgbClr val=\"{color}\"/></a:solidFill>\
         <a:prstDash val=\"dash\"/><a:round/></a:ln></c:spPr>\
         <c:marker><c:symbol val=\"circle\"/><c:size val=\"6\"/><c:spPr><a:solidFill>\
         <a:srgbClr val=\"{color}\"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr></c:marker>"
    )
}

/// One `c:ser`: name, style, categories and values. `style` holds the elements that sit
/// between the name and the categories (spPr, marker or invertIfNegative).
fn series_xml(
    out: &mut String,
    chart: &Chart,
    idx: usize,
    series: &ChartSeries,
    style: &str,
    points: usize,
) {
    let col = column_letters(idx + 1);
    let last_row = points.max(1) + 1;
    let _ = write!(
        out,
        "<c:ser><c:idx val=\"{idx}\"/><c:order val=\"{idx}\"/>\
         <c:tx><c:strRef><c:f>Sheet1!${col}$1</c:f><c:strCache><c:ptCount val=\"1\"/>\
         <c:pt idx=\"0\"><c:v>{name}</c:v></c:pt></c:strCache></c:strRef></c:tx>{style}\
         <c:cat><c:strRef><c:f>Sheet1!$A$2:$A${last_row}</c:f><c:strCache>\
         <c:ptCount val=\"{points}\"/>",
        name = escape(&series.name)
    );
    for (i, category) in chart.categories.iter().enumerate() {
        let _ = write!(
            out,
            "<c:pt idx=\"{i}\"><c:v>{}</c:v></c:pt>",
            escape(category)
        );
    }
    let _ = write!(
        out,
        "</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>Sheet1!${col}$2:${col}${last_row}</c:f>\
         <c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"{points}\"/>"
    );
    // A missing value has no c:pt: with dispBlanksAs "gap" it is drawn as a gap, not zero.
    for (i, value) in series.values.iter().enumerate() {
        if let Some(v) = value.and_then(finite) {
            let _ = write!(out, "<c:pt idx=\"{i}\"><c:v>{v}</c:v></c:pt>");
        }
    }
    out.push_str("</c:numCache></c:numRef></c:val>");
    if series.style == SeriesStyle::Line {
        out.push_str("<c:smooth val=\"0\"/>");
    }
    out.push_str("</c:ser>");
}

/// The category axis below and the value axis on the left, with gridlines and the unit as the
/// value axis title.
fn axes_xml(chart: &Chart) -> String {
    let unit = if chart.unit.trim().is_empty() {
        String::new()
    } else {
        title_xml(&chart.unit, "", 900, " rot=\"-5400000\" vert=\"horz\"")
    };
    // Thousands separators when every value is whole; otherwise let the program choose decimals.
    let whole = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .all(|v| v.fract() == 0.0);
    let format = if whole { "#,##0" } else { "General" };
    format!(
        "<c:catAx><c:axId val=\"{CAT_AX}\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling>\
         <c:delete val=\"0\"/><c:axPos val=\"b\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/>\
         <c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>\
         <c:crossAx val=\"{VAL_AX}\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/>\
         <c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>\
         <c:valAx><c:axId val=\"{VAL_AX}\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling>\
         <c:delete val=\"0\"/><c:axPos val=\"l\"/><c:majorGridlines><c:spPr><a:ln w=\"6350\">\
         <a:solidFill><a:srgbClr val=\"D9D9D9\"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>\
         {unit}<c:numFmt formatCode=\"{format}\" sourceLinked=\"0\"/>\
         <c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>\
         <c:crossAx val=\"{CAT_AX}\"/><c:crosses val=\"autoZero\"/>\
         <c:crossBetween val=\"between\"/></c:valAx>"
    )
}

/// A `c:title` with rich text; `lang` may be empty, `body` holds extra `a:bodyPr` attributes.
fn title_xml(text: &str, lang: &str, size: u32, body: &str) -> String {
    let lang = if lang.is_empty() {
        String::new()
    } else {
        format!(" lang=\"{lang}\"")
    };
    format!(
        "<c:title><c:tx><c:rich><a:bodyPr{body}/><a:lstStyle/><a:p><a:pPr>\
         <a:defRPr sz=\"{size}\" b=\"1\"/></a:pPr><a:r><a:rPr{lang} sz=\"{size}\" b=\"1\"/>\
         <a:t>{}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title>",
        escape(text)
    )
}

/// Spreadsheet column letters for a 0-based index: 0 is "A", 26 is "AA".
fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_spreadsheet_order() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(1), "B");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn bars_and_lines_share_the_axes_and_gaps_have_no_point() {
        let chart = Chart {
            title: "t".into(),
            categories: vec!["2023".into(), "2024".into()],
            series: vec![
                ChartSeries {
                    name: "actual".into(),
                    values: vec![Some(1.0), None],
                    style: SeriesStyle::Bar,
                },
                ChartSeries {
                    name: "target".into(),
                    values: vec![Some(2.0), Some(3.0)],
                    style: SeriesStyle::Line,
                },
            ],
            unit: "人次".into(),
        };
        let xml = chart_xml(&chart, "zh-CN");
        assert_eq!(
            xml.matches(&format!("<c:axId val=\"{CAT_AX}\"/>")).count(),
            3
        );
        assert!(xml.contains("<c:idx val=\"1\"/><c:order val=\"1\"/>"));
        assert!(!xml.contains("<c:pt idx=\"1\"><c:v>0</c:v>"));
        assert!(xml.contains("人次"));
    }
}
