//! Chart data for `static/charts.js`: each chart is a `<script type="application/json">`
//! block beside a `<div data-chart>` (no inline script, so the CSP holds), and every chart
//! has a table with the same numbers next to it for readers without script.

use minijinja::Value;
use serde_json::json;

/// A chart block for a template: its element id and its JSON, escaped so that it cannot
/// close the script element it sits in.
pub fn chart(id: &str, spec: serde_json::Value) -> Value {
    let text = spec
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    minijinja::context! { id => id, json => text, map => spec["type"] == "map", graph => spec["type"] == "graph" }
}

pub fn bar(
    title: &str,
    unit: &str,
    categories: Vec<String>,
    series: Vec<(String, Vec<Option<f64>>)>,
    targets: Vec<(String, f64)>,
) -> serde_json::Value {
    json!({
        "type": "bar",
        "title": title,
        "unit": unit,
        "categories": categories,
        "series": series.into_iter().map(|(name, values)| json!({"name": name, "values": values})).collect::<Vec<_>>(),
        "targets": targets.into_iter().map(|(name, value)| json!({"name": name, "value": value})).collect::<Vec<_>>(),
    })
}
