//! Writing a checked batch (see `batch.rs`) with multi-row statements: as many rows a
//! statement as the bind-parameter limit allows, in the one transaction.

use crate::rows::{data_text, snapshot_text, HISTORY_COLUMNS, RECORD_COLUMNS};
use crate::write::{update_row, Tx};
use crate::{backend, refs, Dialect};
use meridian_domain::RecordId;
use meridian_store::*;
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::Any;
use std::collections::{HashMap, HashSet};

/// Bind parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535.
pub(crate) const MAX_BINDS: usize = 30_000;

type AnyQuery<'q> = Query<'q, Any, AnyArguments<'q>>;

/// A stored link: from, field, to.
pub(crate) type Link = (RecordId, String, RecordId);

/// An update checked and ready: the version it replaces, the new state, and its history.
pub(crate) struct Updated {
    pub replaces: i64,
    pub next: StoredRecord,
    pub before: String,
    pub comment: Option<String>,
}

/// The rows a checked batch writes, each list in the batch's order. History is made while
/// writing (from each record's stored text), so a million-row import holds no snapshots.
#[derive(Default)]
pub(crate) struct Rows {
    pub creates: Vec<StoredRecord>,
    /// The batch's comment, in every create's history.
    pub comment: Option<String>,
    pub updates: Vec<Updated>,
}

/// The rows `record_refs` holds for a record: one per (field, target), as `refs::insert`.
pub(crate) fn links_of(record: &StoredRecord) -> Vec<Link> {
    let mut seen = HashSet::new();
    refs::links(&record.body, record.unit)
        .into_iter()
        .filter(|r| seen.insert((r.field.clone(), r.target)))
        .map(|r| (record.id, r.field, r.target))
        .collect()
}

impl Rows {
    /// Creates chunk by chunk (records, their links, their history: a create links only to
    /// records stored before it), then updates and their history.
    pub(crate) async fn write(self, tx: &mut Tx, p: Params) -> StoreResult<()> {
        for chunk in self.creates.chunks(MAX_BINDS / RECORD_WIDTH) {
            write_creates(tx, p, chunk, self.comment.as_deref()).await?;
        }
        if self.updates.is_empty() {
            return Ok(());
        }
        for u in &self.updates {
            update_row(tx, u.replaces, &u.next).await?;
        }
        let mut relinked: Vec<RecordId> = self.updates.iter().map(|u| u.next.id).collect();
        relinked.sort();
        relinked.dedup();
        delete_links(tx, p, &relinked).await?;
        // A record updated twice ends with the links of its last update.
        let last: HashMap<RecordId, &StoredRecord> =
            self.updates.iter().map(|u| (u.next.id, &u.next)).collect();
        let links: Vec<Link> = relinked.iter().flat_map(|id| links_of(last[id])).collect();
        insert_links(tx, p, &links).await?;
        let history = self.updates.iter().map(|u| {
            let after = snapshot_text(&u.next.snapshot())?;
            Ok(HistoryRow {
                record: &u.next,
                action: HistoryAction::Update,
                comment: u.comment.as_deref(),
                before: Some(u.before.clone()),
                after,
            })
        });
        let history: Vec<HistoryRow> = history.collect::<StoreResult<_>>()?;
        insert_history(tx, p, history).await
    }
}

const RECORD_WIDTH: usize = 12;
const HISTORY_WIDTH: usize = 9;
const LINK_WIDTH: usize = 3;

/// A history row as the one-record path writes it (`write::entry`), its snapshots as text.
struct HistoryRow<'a> {
    record: &'a StoredRecord,
    action: HistoryAction,
    comment: Option<&'a str>,
    before: Option<String>,
    after: String,
}

/// New records, their links and their history: the record's content is serialized once
/// and spliced into its snapshot.
async fn write_creates(
    tx: &mut Tx,
    p: Params,
    chunk: &[StoredRecord],
    comment: Option<&str>,
) -> StoreResult<()> {
    let sql = p.values(&record_head(), RECORD_WIDTH, chunk.len());
    let mut query = sqlx::query(&sql);
    let mut history = Vec::with_capacity(chunk.len());
    let mut links = Vec::new();
    for r in chunk {
        let data = data_text(&r.body)?;
        history.push(HistoryRow {
            record: r,
            action: HistoryAction::Create,
            comment,
            before: None,
            after: snapshot_with_data(r, &data)?,
        });
        links.extend(links_of(r));
        query = bind_record(query, r, data);
    }
    query.execute(&mut **tx).await.map_err(backend)?;
    insert_links(tx, p, &links).await?;
    insert_history(tx, p, history).await
}

/// `snapshot_text(&record.snapshot())` for a record whose content is already `data`
/// text: the fields in `Snapshot`'s order, the content not serialized a second time.
fn snapshot_with_data(record: &StoredRecord, data: &str) -> StoreResult<String> {
    let json = |v: serde_json::Result<String>| {
        v.map_err(|e| StoreError::Corrupt(format!("history snapshot: {e}")))
    };
    let approval = json(serde_json::to_string(&record.approval))?;
    let unit = json(serde_json::to_string(&record.unit))?;
    let deleted = record.is_deleted();
    Ok(format!(
        "{{\"approval\":{approval},\"unit\":{unit},\"deleted\":{deleted},\"data\":{data}}}"
    ))
}

fn record_head() -> String {
    format!("INSERT INTO records ({RECORD_COLUMNS}) VALUES ")
}

/// How a statement names its parameters. SQLite finds a `$N` parameter by scanning the
/// names before it, when preparing and again when binding, which is quadratic in a
/// multi-row INSERT (most of the time of a 2,000-row one); anonymous `?` are numbered in
/// order with no lookup. PostgreSQL needs `$N`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Params {
    Anonymous,
    Numbered,
}

impl Params {
    pub(crate) fn of(dialect: Dialect) -> Self {
        if dialect == Dialect::SQLITE {
            Params::Anonymous
        } else {
            Params::Numbered
        }
    }

    /// `count` parameters, the first being parameter number `first`.
    pub(crate) fn list(self, first: usize, count: usize) -> String {
        let mut out = String::with_capacity(count * 7);
        for i in first..first + count {
            if i > first {
                out.push_str(", ");
            }
            match self {
                Params::Anonymous => out.push('?'),
                Params::Numbered => {
                    out.push('$');
                    out.push_str(&i.to_string());
                }
            }
        }
        out
    }

    /// `head` followed by `rows` tuples of `width` parameters.
    fn values(self, head: &str, width: usize, rows: usize) -> String {
        let mut sql = String::with_capacity(head.len() + rows * width * 8);
        sql.push_str(head);
        for row in 0..rows {
            if row > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            sql.push_str(&self.list(row * width + 1, width));
            sql.push(')');
        }
        sql
    }
}

/// Binds a record's columns in `RECORD_COLUMNS` order, its content as `data` text.
pub(crate) fn bind_record<'q>(q: AnyQuery<'q>, r: &StoredRecord, data: String) -> AnyQuery<'q> {
    q.bind(r.id.to_string())
        .bind(r.kind().as_str())
        .bind(r.version)
        .bind(r.approval.as_str())
        .bind(r.unit.map(|u| u.to_string()))
        .bind(data)
        .bind(r.created_at.clone())
        .bind(r.created_by.clone())
        .bind(r.updated_at.clone())
        .bind(r.updated_by.clone())
        .bind(r.deleted_at.clone())
        .bind(r.deleted_by.clone())
}

async fn insert_links(tx: &mut Tx, p: Params, links: &[Link]) -> StoreResult<()> {
    let head = "INSERT INTO record_refs (from_id, field, to_id) VALUES ";
    for chunk in links.chunks(MAX_BINDS / LINK_WIDTH) {
        let sql = p.values(head, LINK_WIDTH, chunk.len());
        let mut query = sqlx::query(&sql);
        for (from, field, to) in chunk {
            query = query
                .bind(from.to_string())
                .bind(field.clone())
                .bind(to.to_string());
        }
        query.execute(&mut **tx).await.map_err(backend)?;
    }
    Ok(())
}

async fn insert_history(tx: &mut Tx, p: Params, rows: Vec<HistoryRow<'_>>) -> StoreResult<()> {
    let head = format!("INSERT INTO history ({HISTORY_COLUMNS}) VALUES ");
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<HistoryRow> = rows.by_ref().take(MAX_BINDS / HISTORY_WIDTH).collect();
        let sql = p.values(&head, HISTORY_WIDTH, chunk.len());
        let mut query = sqlx::query(&sql);
        for h in chunk {
            let r = h.record;
            query = query
                .bind(r.id.to_string())
                .bind(r.kind().as_str())
                .bind(r.version)
                .bind(h.action.as_str())
                .bind(r.updated_by.clone())
                .bind(r.updated_at.clone())
                .bind(h.comment.map(str::to_string))
                .bind(h.before)
                .bind(h.after);
        }
        query.execute(&mut **tx).await.map_err(backend)?;
    }
    Ok(())
}

async fn delete_links(tx: &mut Tx, p: Params, from: &[RecordId]) -> StoreResult<()> {
    for chunk in from.chunks(MAX_BINDS) {
        let sql = format!(
            "DELETE FROM record_refs WHERE from_id IN ({})",
            p.list(1, chunk.len())
        );
        ids_bound(&sql, chunk)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    Ok(())
}

/// The rows of `sql(list)` for every chunk of `ids` within the bind limit, where `list` is
/// the chunk's parameter list (`WHERE id IN ({list})`) and the ids are bound to it.
pub(crate) async fn fetch_by_ids(
    tx: &mut Tx,
    p: Params,
    ids: &[RecordId],
    sql: impl Fn(&str) -> String,
) -> StoreResult<Vec<AnyRow>> {
    let mut rows = Vec::new();
    for chunk in ids.chunks(MAX_BINDS) {
        let sql = sql(&p.list(1, chunk.len()));
        rows.extend(
            ids_bound(&sql, chunk)
                .fetch_all(&mut **tx)
                .await
                .map_err(backend)?,
        );
    }
    Ok(rows)
}

fn ids_bound<'q>(sql: &'q str, ids: &[RecordId]) -> AnyQuery<'q> {
    ids.iter()
        .fold(sqlx::query(sql), |q, id| q.bind(id.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::created;
    use meridian_domain::{Approval, RecordBody, RecordKind};

    fn record(unit: Option<RecordId>, deleted: bool) -> StoredRecord {
        let data = serde_json::json!({
            "name": {"zh": "甲 \"引\"", "en": "A \"quoted\" <b>"},
            "org_type": "university",
            "country": "CN",
        });
        let org = RecordBody::from_data(RecordKind::Organization, data).unwrap();
        let mut r = created(
            NewRecord {
                id: None,
                body: org,
                approval: Approval::Submitted,
                unit,
            },
            &Actor::new("t"),
            "2026-12-02T00:00:00Z",
        );
        if deleted {
            r.deleted_at = Some("2026-12-02T00:00:01Z".into());
        }
        r
    }

    #[test]
    fn a_spliced_snapshot_is_the_serialized_snapshot() {
        for r in [record(None, false), record(Some(RecordId::new()), true)] {
            let data = data_text(&r.body).unwrap();
            assert_eq!(
                snapshot_with_data(&r, &data).unwrap(),
                snapshot_text(&r.snapshot()).unwrap()
            );
        }
    }

    #[test]
    fn values_are_numbered_row_after_row() {
        assert_eq!(Params::Numbered.values("V ", 2, 2), "V ($1, $2), ($3, $4)");
        assert_eq!(Params::Anonymous.values("V ", 2, 2), "V (?, ?), (?, ?)");
        assert_eq!(Params::Numbered.list(3, 1), "$3");
    }
}
