//! JSON Schemas of each record kind's content, drawn from the domain schema (the same
//! field list the forms and the flat files use), for the OpenAPI document.

use meridian_domain::schema::{fields, Field, Widget};
use meridian_domain::{Lang, RecordKind};
use serde_json::{json, Value};

fn localized() -> Value {
    json!({"$ref": "#/components/schemas/LocalizedText"})
}

fn widget(widget: &Widget) -> Value {
    match widget {
        Widget::Bilingual | Widget::BilingualArea => localized(),
        Widget::Text | Widget::Area => json!({"type": "string"}),
        Widget::Lines => json!({"type": "array", "items": {"type": "string"}}),
        Widget::BilingualLines => json!({"type": "array", "items": localized()}),
        Widget::Date => json!({"$ref": "#/components/schemas/PartialDate"}),
        Widget::Period => json!({"$ref": "#/components/schemas/Period"}),
        Widget::Code(options) => {
            let codes: Vec<&str> = options(Lang::En).into_iter().map(|(c, _)| c).collect();
            json!({"type": "string", "enum": codes})
        }
        Widget::Link(kinds) => json!({
            "type": "string", "format": "uuid",
            "description": format!("id of a {}", kind_names(kinds)),
        }),
        Widget::Links(kinds) => json!({
            "type": "array",
            "items": {"type": "string", "format": "uuid"},
            "description": format!("ids of {} records", kind_names(kinds)),
        }),
        Widget::Country => json!({"$ref": "#/components/schemas/Country"}),
        Widget::Countries => {
            json!({"type": "array", "items": {"$ref": "#/components/schemas/Country"}})
        }
        Widget::Quantity => json!({"$ref": "#/components/schemas/Quantity"}),
        Widget::Count => json!({"type": "integer", "minimum": 0}),
        Widget::Rows(sub) => json!({"type": "array", "items": object(sub)}),
        Widget::Group(sub) => object(sub),
    }
}

fn kind_names(kinds: &[RecordKind]) -> String {
    if kinds.len() == RecordKind::ALL.len() {
        return "any record".into();
    }
    kinds
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(" or ")
}

fn object(list: &[Field]) -> Value {
    let properties: serde_json::Map<String, Value> = list
        .iter()
        .map(|f| (f.name.to_string(), widget(&f.widget)))
        .collect();
    let required: Vec<&str> = list.iter().filter(|f| f.required).map(|f| f.name).collect();
    json!({"type": "object", "properties": properties, "required": required})
}

/// The schema of a kind's `data`.
pub fn data_schema(kind: RecordKind) -> Value {
    let mut schema = object(fields(kind));
    schema["title"] = json!(format!("{} data", kind.as_str()));
    schema
}

/// The shared value types the kinds' schemas refer to.
pub fn value_schemas() -> Vec<(&'static str, Value)> {
    vec![
        (
            "LocalizedText",
            json!({
                "type": "object",
                "description": "Text in Chinese and English; a missing language is left out, never copied from the other.",
                "properties": {"zh": {"type": "string"}, "en": {"type": "string"}},
            }),
        ),
        (
            "PartialDate",
            json!({
                "type": "string",
                "description": "A date at the precision the source gives: 2019, 2019-05 or 2019-05-11.",
                "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
            }),
        ),
        (
            "Period",
            json!({
                "type": "object",
                "properties": {
                    "start": {"$ref": "#/components/schemas/PartialDate"},
                    "end": {"$ref": "#/components/schemas/PartialDate"},
                },
            }),
        ),
        (
            "Country",
            json!({"type": "string", "pattern": "^[A-Z]{2}$", "description": "ISO 3166-1 alpha-2 code"}),
        ),
        (
            "Quantity",
            json!({
                "type": "object",
                "required": ["value"],
                "properties": {
                    "value": {"type": "number"},
                    "qualifier": {
                        "type": "string",
                        "enum": ["exact", "more_than", "at_least", "nearly", "about", "less_than"],
                        "description": "Absent means exact.",
                    },
                },
            }),
        ),
    ]
}
