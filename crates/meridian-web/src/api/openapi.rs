//! The OpenAPI 3.1 document of `/api/v1`, written out operation by operation (the router
//! is built separately in `mod.rs`; a test checks that the two name the same routes).

use super::schema::{data_schema, value_schemas};
use axum::Json;
use meridian_domain::RecordKind;
use serde_json::{json, Map, Value};

fn schema_ref(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

fn error(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": schema_ref("Error")}}})
}

/// Parameters by name, shared by the operations that take them.
fn parameter(name: &str) -> Value {
    let (place, required, schema, description) = match name {
        "kind" => (
            "path",
            true,
            json!({"type": "string", "enum": RecordKind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>()}),
            "The record kind.",
        ),
        "id" => (
            "path",
            true,
            json!({"type": "string", "format": "uuid"}),
            "The record's id.",
        ),
        "plan" => (
            "path",
            true,
            json!({"type": "string", "format": "uuid"}),
            "The plan's id.",
        ),
        "token" => (
            "path",
            true,
            json!({"type": "string"}),
            "The token's id (not its secret).",
        ),
        "q" => (
            "query",
            false,
            json!({"type": "string"}),
            "Full-text search in Chinese or English, best match first.",
        ),
        "approval" => (
            "query",
            false,
            json!({"type": "string", "enum": ["draft", "submitted", "approved", "returned", "archived"]}),
            "Only records in this approval state.",
        ),
        "country" => (
            "query",
            false,
            json!({"type": "string"}),
            "ISO 3166-1 alpha-2 code (figures: several, comma-separated).",
        ),
        "group" => (
            "query",
            false,
            json!({"type": "string", "format": "uuid"}),
            "A country group: records naming any of its members.",
        ),
        "year" => (
            "query",
            false,
            json!({"type": "integer"}),
            "Records whose dates touch this year.",
        ),
        "organization" => (
            "query",
            false,
            json!({"type": "string", "format": "uuid"}),
            "Records linking to this organization (or being it).",
        ),
        "status" => (
            "query",
            false,
            json!({"type": "string"}),
            "Only records with this status code (kinds that have one).",
        ),
        "page" => (
            "query",
            false,
            json!({"type": "integer", "minimum": 1, "default": 1}),
            "Page number.",
        ),
        "per_page" => (
            "query",
            false,
            json!({"type": "integer", "minimum": 1, "maximum": 500, "default": 50}),
            "Items per page.",
        ),
        "version" => (
            "query",
            true,
            json!({"type": "integer"}),
            "The version the deletion is based on; a record changed since is refused (409).",
        ),
        "kinds" => (
            "query",
            false,
            json!({"type": "string"}),
            "Record kinds, comma-separated; all when absent.",
        ),
        "by" => (
            "query",
            false,
            json!({"type": "string", "enum": ["year", "kind", "org_type", "continent", "country_group", "country"]}),
            "Break the count down along this dimension.",
        ),
        "from" => (
            "query",
            false,
            json!({"type": "integer"}),
            "First year of the date window.",
        ),
        "to" => (
            "query",
            false,
            json!({"type": "integer"}),
            "Last year of the date window.",
        ),
        "include_unapproved" => (
            "query",
            false,
            json!({"type": "boolean", "default": false}),
            "Count drafts and submissions too.",
        ),
        _ => ("query", false, json!({"type": "string"}), ""),
    };
    let wire_name = if name == "kinds" { "kind" } else { name };
    json!({"name": wire_name, "in": place, "required": required, "schema": schema, "description": description})
}

struct Op {
    method: &'static str,
    path: &'static str,
    id: &'static str,
    summary: &'static str,
    tag: &'static str,
    params: &'static [&'static str],
    body: Option<&'static str>,
    ok: (&'static str, &'static str),
    public: bool,
}

const OPS: &[Op] = &[
    Op { method: "get", path: "/openapi.json", id: "openapi", summary: "This document", tag: "meta", params: &[], body: None, ok: ("200", ""), public: true },
    Op { method: "get", path: "/docs", id: "docs", summary: "The API reference page (HTML)", tag: "meta", params: &[], body: None, ok: ("200", ""), public: true },
    Op { method: "get", path: "/records/{kind}", id: "listRecords", summary: "List live records of a kind, with the list page's filters and search", tag: "records", params: &["kind", "q", "approval", "country", "group", "year", "organization", "status", "page", "per_page"], body: None, ok: ("200", "RecordPage"), public: false },
    Op { method: "post", path: "/records/{kind}", id: "createRecord", summary: "Create a record as a draft of the caller's unit (or `unit`)", tag: "records", params: &["kind"], body: Some("NewRecord"), ok: ("201", "Record"), public: false },
    Op { method: "get", path: "/records/{kind}/{id}", id: "getRecord", summary: "Read a record", tag: "records", params: &["kind", "id"], body: None, ok: ("200", "Record"), public: false },
    Op { method: "put", path: "/records/{kind}/{id}", id: "updateRecord", summary: "Replace a record's content; `version` must be the current one", tag: "records", params: &["kind", "id"], body: Some("RecordChange"), ok: ("200", "Record"), public: false },
    Op { method: "delete", path: "/records/{kind}/{id}", id: "deleteRecord", summary: "Move a record to the trash", tag: "records", params: &["kind", "id", "version"], body: None, ok: ("200", "Record"), public: false },
    Op { method: "get", path: "/records/{kind}/{id}/history", id: "recordHistory", summary: "Every change to a record: who, when, before and after", tag: "records", params: &["kind", "id"], body: None, ok: ("200", "History"), public: false },
    Op { method: "post", path: "/records/{kind}/{id}/restore", id: "restoreRecord", summary: "Make an earlier version current again (as a new version)", tag: "records", params: &["kind", "id"], body: Some("Restore"), ok: ("200", "Record"), public: false },
    Op { method: "post", path: "/records/{kind}/{id}/undelete", id: "undeleteRecord", summary: "Bring a record back from the trash", tag: "records", params: &["kind", "id"], body: None, ok: ("200", "Record"), public: false },
    Op { method: "get", path: "/plans", id: "listPlans", summary: "The plans the caller may read", tag: "figures", params: &[], body: None, ok: ("200", "PlanList"), public: false },
    Op { method: "get", path: "/plans/{plan}/progress", id: "planProgress", summary: "A plan's progress today: every indicator's baseline, target, actual, expected value and status, per unit and rolled up", tag: "figures", params: &["plan"], body: None, ok: ("200", "PlanProgress"), public: false },
    Op { method: "get", path: "/figures", id: "figures", summary: "Count the records a question selects; with `by`, a breakdown", tag: "figures", params: &["kinds", "by", "country", "group", "from", "to", "include_unapproved"], body: None, ok: ("200", "Figure"), public: false },
    Op { method: "get", path: "/tokens", id: "listTokens", summary: "The caller's API tokens", tag: "tokens", params: &[], body: None, ok: ("200", "TokenList"), public: false },
    Op { method: "post", path: "/tokens", id: "createToken", summary: "Make an API token; its secret is in this answer only", tag: "tokens", params: &[], body: Some("NewToken"), ok: ("201", "CreatedToken"), public: false },
    Op { method: "delete", path: "/tokens/{token}", id: "revokeToken", summary: "Revoke one of the caller's tokens", tag: "tokens", params: &["token"], body: None, ok: ("200", "Token"), public: false },
];

/// Every (method, path) the document describes, below `/api/v1`.
pub fn operations() -> Vec<(&'static str, &'static str)> {
    OPS.iter().map(|op| (op.method, op.path)).collect()
}

fn operation(op: &Op) -> Value {
    let mut responses = Map::new();
    let ok = if op.ok.1.is_empty() {
        json!({"description": "OK"})
    } else {
        json!({"description": "OK", "content": {"application/json": {"schema": schema_ref(op.ok.1)}}})
    };
    responses.insert(op.ok.0.into(), ok);
    if !op.public {
        responses.insert(
            "401".into(),
            error("No token, or a token that is unknown, revoked or of a disabled user"),
        );
        responses.insert("403".into(), error("The caller's roles do not allow this"));
    }
    if op
        .params
        .iter()
        .any(|p| ["kind", "id", "plan", "token"].contains(p))
    {
        responses.insert("404".into(), error("No such record, kind, plan or token"));
    }
    if op.method != "get" {
        responses.insert(
            "400".into(),
            error("Input that is not what the operation takes"),
        );
        responses.insert(
            "409".into(),
            error("A stale version, a linked record, or a step the record's state does not allow"),
        );
        responses.insert(
            "422".into(),
            error("Invalid content: `fields` names each field and why"),
        );
    }
    let mut out = json!({
        "operationId": op.id,
        "summary": op.summary,
        "tags": [op.tag],
        "parameters": op.params.iter().map(|p| parameter(p)).collect::<Vec<_>>(),
        "responses": responses,
    });
    if let Some(body) = op.body {
        out["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": schema_ref(body)}}});
    }
    if op.public {
        out["security"] = json!([]);
    }
    out
}

fn envelope_schemas() -> Vec<(&'static str, Value)> {
    let data = json!({"oneOf": RecordKind::ALL.iter().map(|k| schema_ref(&format!("Data.{}", k.as_str()))).collect::<Vec<_>>(), "description": "The record's content; its shape is the kind's (components Data.KIND)."});
    vec![
        (
            "Error",
            json!({
                "type": "object", "required": ["code", "message", "fields"],
                "properties": {
                    "code": {"type": "string", "description": "Stable snake_case code"},
                    "message": {"type": "string", "description": "In the caller's language (Accept-Language: zh or en)"},
                    "fields": {"type": "array", "items": {"type": "object", "properties": {
                        "field": {"type": "string"}, "reason": {"type": "string"}, "message": {"type": "string"}}}},
                },
            }),
        ),
        (
            "Record",
            json!({
                "type": "object",
                "properties": {
                    "id": {"type": "string", "format": "uuid"}, "kind": {"type": "string"},
                    "version": {"type": "integer"}, "approval": {"type": "string"},
                    "unit": {"type": ["string", "null"]}, "title": schema_ref("LocalizedText"),
                    "data": data.clone(),
                    "created_at": {"type": "string"}, "created_by": {"type": "string"},
                    "updated_at": {"type": "string"}, "updated_by": {"type": "string"},
                    "deleted_at": {"type": ["string", "null"]}, "deleted_by": {"type": ["string", "null"]},
                },
            }),
        ),
        (
            "RecordPage",
            json!({
                "type": "object",
                "properties": {"items": {"type": "array", "items": schema_ref("Record")}, "total": {"type": "integer"}, "page": {"type": "integer"}, "per_page": {"type": "integer"}},
            }),
        ),
        (
            "NewRecord",
            json!({"type": "object", "required": ["data"], "properties": {"data": data.clone(), "unit": {"type": "string", "format": "uuid", "description": "The owning unit; the caller's own by default."}}}),
        ),
        (
            "RecordChange",
            json!({"type": "object", "required": ["version", "data"], "properties": {"version": {"type": "integer"}, "data": data}}),
        ),
        (
            "Restore",
            json!({"type": "object", "required": ["version", "expected_version"], "properties": {"version": {"type": "integer", "description": "The version to make current"}, "expected_version": {"type": "integer", "description": "The record's current version"}}}),
        ),
        (
            "History",
            json!({"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object", "properties": {
            "version": {"type": "integer"}, "action": {"type": "string", "enum": ["create", "update", "delete", "undelete", "restore"]},
            "actor": {"type": "string"}, "at": {"type": "string"}, "comment": {"type": ["string", "null"]},
            "before": {"type": ["object", "null"]}, "after": {"type": "object"}}}}}}),
        ),
        (
            "PlanList",
            json!({"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object"}}}}),
        ),
        (
            "PlanProgress",
            json!({"type": "object", "description": "As `meridian report progress --format json` writes it."}),
        ),
        (
            "Figure",
            json!({"type": "object", "description": "A count {value, uncertain, undated}, or with `by` a breakdown {dimension, total, buckets[{key, label, count}]}."}),
        ),
        (
            "Token",
            json!({"type": "object", "properties": {
            "id": {"type": "string"}, "name": {"type": "string"}, "prefix": {"type": "string"},
            "created_at": {"type": "string"}, "last_used_at": {"type": ["string", "null"]}, "revoked_at": {"type": ["string", "null"]}}}),
        ),
        (
            "TokenList",
            json!({"type": "object", "properties": {"items": {"type": "array", "items": schema_ref("Token")}}}),
        ),
        (
            "NewToken",
            json!({"type": "object", "required": ["name"], "properties": {"name": {"type": "string", "maxLength": 100}}}),
        ),
        (
            "CreatedToken",
            json!({"allOf": [schema_ref("Token"), {"type": "object", "properties": {"secret": {"type": "string", "description": "Send as `Authorization: Bearer SECRET`; shown only here."}}}]}),
        ),
    ]
}

/// The whole document.
pub fn document() -> Value {
    let mut paths = Map::new();
    for op in OPS {
        let entry = paths.entry(op.path).or_insert_with(|| json!({}));
        entry[op.method] = operation(op);
    }
    let mut schemas = Map::new();
    for (name, schema) in value_schemas().into_iter().chain(envelope_schemas()) {
        schemas.insert(name.into(), schema);
    }
    for kind in RecordKind::ALL {
        schemas.insert(format!("Data.{}", kind.as_str()), data_schema(*kind));
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Meridian API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Records of international cooperation in medicine and health, their history, and the figures computed from them. Authenticate with a personal API token (made on the account page or with POST /tokens): `Authorization: Bearer mrd_…`; a token acts with its user's roles. Messages come in Chinese or English after `Accept-Language`.",
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"token": []}],
        "tags": [
            {"name": "records", "description": "Every kind of record: list, read, create, update, delete, history, restore."},
            {"name": "figures", "description": "Plan progress and counts, computed as the pages and reports compute them."},
            {"name": "tokens", "description": "The caller's personal API tokens."},
            {"name": "meta", "description": "This document and its reference page."},
        ],
        "paths": paths,
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer", "description": "A personal API token (mrd_…)."}},
            "schemas": schemas,
        },
    })
}

pub async fn serve() -> Json<Value> {
    Json(document())
}
