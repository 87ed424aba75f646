//! Links between records: checked inside the writing transaction (so a link can never
//! point at a record that is missing or in the trash) and kept in `record_refs`, whose
//! foreign keys let the database itself refuse a dangling link.

use crate::backend;
use crate::bulk::{fetch_by_ids, Params};
use crate::rows::{parse_id, parse_kind};
use meridian_domain::{Problems, Reason, RecordBody, RecordId, RecordKind, Reference};
use meridian_store::{Referrer, StoreError, StoreResult};
use sqlx::{Any, Row, Transaction};
use std::collections::{BTreeSet, HashMap};

/// The record's links, plus its owning unit (an organization).
pub fn links(body: &RecordBody, unit: Option<RecordId>) -> Vec<Reference> {
    let mut refs = body.references();
    if let Some(unit) = unit {
        refs.push(Reference {
            field: format!("{}.unit", body.kind()),
            target: unit,
            expected: &[RecordKind::Organization],
        });
    }
    refs
}

/// Every link that names a missing, trashed or wrong-kind record, as validation problems.
/// One query looks up all the record's targets.
pub async fn check(
    tx: &mut Transaction<'static, Any>,
    p: Params,
    record: &str,
    refs: &[Reference],
) -> StoreResult<()> {
    if refs.is_empty() {
        return Ok(());
    }
    let ids: Vec<RecordId> = refs
        .iter()
        .map(|r| r.target)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let found = targets(tx, p, &ids).await?;
    judge(&found, || record.to_string(), refs)
}

/// The kind and trash state of each of `ids` the database holds (chunked lookups): what
/// both write paths judge links against.
pub async fn targets(
    tx: &mut Transaction<'static, Any>,
    p: Params,
    ids: &[RecordId],
) -> StoreResult<Targets> {
    if p.rows_cost_a_wake_each() {
        return targets_in_one_row(tx, p, ids).await;
    }
    let rows = fetch_by_ids(tx, p, ids, |list| {
        format!("SELECT id, kind, deleted_at FROM records WHERE id IN ({list})")
    })
    .await?;
    let mut found: Targets = HashMap::with_capacity(rows.len());
    for row in rows {
        let id = parse_id(&row.try_get::<String, _>(0).map_err(backend)?)?;
        let kind = parse_kind(&row.try_get::<String, _>(1).map_err(backend)?)?;
        let deleted: Option<String> = row.try_get(2).map_err(backend)?;
        found.insert(id, (kind, deleted.is_some()));
    }
    Ok(found)
}

/// `targets` as one row of JSON a lookup: `[[id, kind, in trash (0 or 1)], ...]`.
async fn targets_in_one_row(
    tx: &mut Transaction<'static, Any>,
    p: Params,
    ids: &[RecordId],
) -> StoreResult<Targets> {
    let rows = fetch_by_ids(tx, p, ids, |list| {
        format!(
            "SELECT json_group_array(json_array(id, kind, deleted_at IS NOT NULL)) \
             FROM records WHERE id IN ({list})"
        )
    })
    .await?;
    let mut found: Targets = HashMap::new();
    for row in rows {
        let text: String = row.try_get(0).map_err(backend)?;
        let listed: Vec<(String, String, i64)> = serde_json::from_str(&text)
            .map_err(|e| StoreError::Corrupt(format!("looking links up: {e}")))?;
        for (id, kind, deleted) in listed {
            found.insert(parse_id(&id)?, (parse_kind(&kind)?, deleted != 0));
        }
    }
    Ok(found)
}

/// What is known of the records links point at: kind, and whether it is in the trash.
pub type Targets = HashMap<RecordId, (RecordKind, bool)>;

/// Every link that names a missing, trashed or wrong-kind record in `found`, as
/// validation problems of `record`. The batch write judges against its own lookup, so
/// both paths word a broken link the same way.
pub fn judge(
    found: &Targets,
    record: impl FnOnce() -> String,
    refs: &[Reference],
) -> StoreResult<()> {
    let mut problems = Problems::new();
    for r in refs {
        let id = r.target.to_string();
        match found.get(&r.target) {
            None | Some((_, true)) => problems.push(r.field.clone(), Reason::MissingRecord { id }),
            Some((kind, false)) if !r.expected.contains(kind) => problems.push(
                r.field.clone(),
                Reason::WrongKind {
                    id,
                    expected: expected_names(r.expected),
                    found: kind.as_str().to_string(),
                },
            ),
            Some(_) => {}
        }
    }
    problems
        .into_result()
        .map_err(|problems| StoreError::Invalid {
            record: record(),
            problems,
        })
}

fn expected_names(kinds: &[RecordKind]) -> String {
    if kinds.len() == RecordKind::ALL.len() {
        return "any record".into();
    }
    kinds
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join(" or ")
}

/// Replaces the stored links of `from`.
pub async fn store(
    tx: &mut Transaction<'static, Any>,
    from: RecordId,
    refs: &[Reference],
) -> StoreResult<()> {
    sqlx::query("DELETE FROM record_refs WHERE from_id = $1")
        .bind(from.to_string())
        .execute(&mut **tx)
        .await
        .map_err(backend)?;
    insert(tx, from, refs).await
}

/// Adds links of a record that has none stored yet.
pub async fn insert(
    tx: &mut Transaction<'static, Any>,
    from: RecordId,
    refs: &[Reference],
) -> StoreResult<()> {
    let mut seen = std::collections::BTreeSet::new();
    for r in refs {
        // One row per (field, target); a list naming a target twice is caught by validation.
        if !seen.insert((r.field.as_str(), r.target)) {
            continue;
        }
        sqlx::query("INSERT INTO record_refs (from_id, field, to_id) VALUES ($1, $2, $3)")
            .bind(from.to_string())
            .bind(r.field.clone())
            .bind(r.target.to_string())
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    Ok(())
}

/// Live records other than `id` itself that link to `id`.
pub async fn referrers(
    tx: &mut Transaction<'static, Any>,
    id: RecordId,
) -> StoreResult<Vec<Referrer>> {
    let rows = sqlx::query(
        "SELECT r.kind, r.id, rr.field FROM record_refs rr JOIN records r ON r.id = rr.from_id \
         WHERE rr.to_id = $1 AND r.deleted_at IS NULL AND r.id <> $1 ORDER BY r.kind, r.id, rr.field",
    )
    .bind(id.to_string())
    .fetch_all(&mut **tx)
    .await
    .map_err(backend)?;
    rows.iter()
        .map(|row| {
            Ok(Referrer {
                kind: parse_kind(&row.try_get::<String, _>(0).map_err(backend)?)?,
                id: parse_id(&row.try_get::<String, _>(1).map_err(backend)?)?,
                field: row.try_get(2).map_err(backend)?,
            })
        })
        .collect()
}
