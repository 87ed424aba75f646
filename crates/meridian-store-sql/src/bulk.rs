//! Writing a checked batch (see `batch.rs`) with multi-row statements, in the one
//! transaction. Statements come in a few fixed shapes (`statement_rows`, `LOOKUP_IDS`) so
//! that each is compiled once per connection and then reused from its statement cache:
//! compiling a statement with thousands of parameters afresh for every file cost SQLite
//! more than executing it.

use crate::rows::{data_text, snapshot_text, HISTORY_COLUMNS, RECORD_COLUMNS};
use crate::write::{update_row, Tx};
use crate::{backend, refs, Dialect};
use meridian_domain::{RecordId, Reference};
use meridian_store::*;
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, Executor};
use std::collections::{HashMap, HashSet};

/// Rows in a full multi-row INSERT: 128 records bind 1,536 parameters, well under SQLite's
/// 32,766 and PostgreSQL's 65,535; more rows a statement saved no time.
const FULL_ROWS: usize = 128;

/// Ids in one `IN (...)` lookup; a shorter list is padded by repeating its last id, so
/// that every lookup is the same statement.
const LOOKUP_IDS: usize = 256;

/// The row counts of the statements that insert `n` rows: full statements, then the rest
/// as powers of two (at most eight more shapes), largest first.
fn statement_rows(n: usize) -> impl Iterator<Item = usize> {
    let rest = n % FULL_ROWS;
    std::iter::repeat_n(FULL_ROWS, n / FULL_ROWS).chain(
        (0..usize::BITS)
            .rev()
            .map(|bit| 1usize << bit)
            .filter(move |size| rest & size != 0),
    )
}

/// `items` cut into consecutive slices of the sizes `statement_rows` gives.
fn statement_chunks<T>(items: &[T]) -> impl Iterator<Item = &[T]> {
    let mut rest = items;
    statement_rows(items.len()).map(move |n| {
        let (chunk, after) = rest.split_at(n);
        rest = after;
        chunk
    })
}

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
pub(crate) struct Rows {
    pub creates: Vec<StoredRecord>,
    /// Each create's links (`refs::links`), in the same order.
    pub create_links: Vec<Vec<Reference>>,
    /// The batch's comment, in every create's history.
    pub comment: Option<String>,
    pub updates: Vec<Updated>,
    /// The creates' first chunk (`first_chunk`), serialized while the batch's lookups ran.
    pub first: SerializedChunk,
}

/// The rows `record_refs` holds for a record: one per (field, target), as `refs::insert`.
pub(crate) fn links_of(record: &StoredRecord) -> Vec<Link> {
    stored_links(record.id, &refs::links(&record.body, record.unit))
}

/// `links_of` a record whose links were already worked out.
fn stored_links(from: RecordId, links: &[Reference]) -> Vec<Link> {
    let mut seen = HashSet::new();
    links
        .iter()
        .filter(|r| seen.insert((r.field.as_str(), r.target)))
        .map(|r| (from, r.field.clone(), r.target))
        .collect()
}

impl Rows {
    /// Creates chunk by chunk, then their history and links (a create links only to
    /// records stored before it or earlier in the batch), then updates and their history;
    /// then the statements `then` (a session's savepoint turn), on SQLite in the batch's
    /// last call rather than a round trip of their own.
    pub(crate) async fn write(self, tx: &mut Tx, p: Params, then: &[&str]) -> StoreResult<()> {
        let Rows {
            creates,
            create_links,
            comment,
            updates,
            first,
        } = self;
        // Each statement's rows are serialized while the one before is being executed
        // (the database works on its own thread, or server): the two overlap on two cores.
        let comment = comment.as_deref();
        let mut chunks = statement_chunks(&creates).zip(statement_chunks(&create_links));
        let mut ready = chunks.next().map(|(records, _)| (records, first));
        let mut links = Vec::new();
        while let Some((records, these)) = ready.take() {
            let (written, next) = futures::join!(these.write(records, tx, p), async {
                chunks.next().map(serialized).transpose()
            });
            links.extend(written?);
            ready = next?;
        }
        let (now, after_updates) = if updates.is_empty() {
            (then, &[][..])
        } else {
            (&[][..], then)
        };
        let history = CreatesHistory {
            records: &creates,
            comment,
        };
        if p.one_call_for_several_statements() {
            insert_history_and_new_links(tx, p, history, &links, now).await?;
        } else {
            history.insert_listed(tx).await?;
            insert_links(tx, p, &links).await?;
            run_together(tx, now).await?;
        }
        if updates.is_empty() {
            return Ok(());
        }
        for u in &updates {
            update_row(tx, u.replaces, &u.next).await?;
        }
        let mut relinked: Vec<RecordId> = updates.iter().map(|u| u.next.id).collect();
        relinked.sort();
        relinked.dedup();
        delete_links(tx, p, &relinked).await?;
        // A record updated twice ends with the links of its last update.
        let last: HashMap<RecordId, &StoredRecord> =
            updates.iter().map(|u| (u.next.id, &u.next)).collect();
        let links: Vec<Link> = relinked.iter().flat_map(|id| links_of(last[id])).collect();
        insert_links(tx, p, &links).await?;
        let history = updates.iter().map(|u| {
            Ok(UpdateHistory {
                record: &u.next,
                comment: u.comment.as_deref(),
                before: &u.before,
                after: snapshot_text(&u.next.snapshot())?,
            })
        });
        let history: Vec<UpdateHistory> = history.collect::<StoreResult<_>>()?;
        insert_history(tx, p, &history).await?;
        run_together(tx, after_updates).await
    }
}

/// Statements without parameters, in one call: sent as plain text, which both backends
/// run statement after statement (PostgreSQL's simple query protocol).
async fn run_together(tx: &mut Tx, statements: &[&str]) -> StoreResult<()> {
    if statements.is_empty() {
        return Ok(());
    }
    let sql = statements.join("; ");
    (&mut **tx)
        .execute(sql.as_str())
        .await
        .map(|_| ())
        .map_err(backend)
}

const RECORD_WIDTH: usize = 12;
const HISTORY_WIDTH: usize = 9;
const LINK_WIDTH: usize = 3;

/// An update's history row as the one-record path writes it (`write::entry`), its
/// snapshots as text. (Creates' history is copied in SQL: `CreatesHistory`.)
struct UpdateHistory<'a> {
    record: &'a StoredRecord,
    comment: Option<&'a str>,
    before: &'a str,
    after: String,
}

/// New records made ready to be written (a chunk of `statement_rows`): each one's content
/// as text and its links.
pub(crate) struct SerializedChunk {
    data: Vec<String>,
    links: Vec<Link>,
}

/// How many of `creates` new records the first insert statement takes.
pub(crate) fn first_chunk(creates: usize) -> usize {
    statement_rows(creates).next().unwrap_or(0)
}

/// `records` (with their links, in the same order) serialized for writing.
pub(crate) fn serialize_chunk(
    records: &[StoredRecord],
    links: &[Vec<Reference>],
) -> StoreResult<SerializedChunk> {
    let mut out = SerializedChunk {
        data: Vec::with_capacity(records.len()),
        links: Vec::new(),
    };
    for (r, links) in records.iter().zip(links) {
        out.data.push(data_text(&r.body)?);
        out.links.extend(stored_links(r.id, links));
    }
    Ok(out)
}

/// A chunk of records with their links, serialized, the records kept beside.
fn serialized<'a>(
    (records, links): (&'a [StoredRecord], &[Vec<Reference>]),
) -> StoreResult<(&'a [StoredRecord], SerializedChunk)> {
    serialize_chunk(records, links).map(|chunk| (records, chunk))
}

impl SerializedChunk {
    /// The records (those this chunk was serialized from); gives back their links, to be
    /// written after every chunk (their history is copied from them then,
    /// `CreatesHistory`).
    async fn write(
        self,
        records: &[StoredRecord],
        tx: &mut Tx,
        p: Params,
    ) -> StoreResult<Vec<Link>> {
        let records_sql = p.values(&record_head(), RECORD_WIDTH, records.len());
        let query = records
            .iter()
            .zip(&self.data)
            .fold(sqlx::query(&records_sql), |q, (r, data)| {
                bind_record(q, r, data)
            });
        query.execute(&mut **tx).await.map_err(backend)?;
        Ok(self.links)
    }
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

    /// Whether one query string may hold several statements, its parameters bound in
    /// order across them: sqlx runs them in one call on SQLite (with `?` numbered on from
    /// statement to statement); PostgreSQL takes one statement with parameters at a time.
    pub(crate) fn one_call_for_several_statements(self) -> bool {
        self == Params::Anonymous
    }

    /// Whether a lookup's rows are better fetched as one row: sqlx's SQLite driver hands
    /// each row from SQLite's thread to the waiting task through a channel, most of them
    /// a wake-up of that task; PostgreSQL's rows come in one reply.
    pub(crate) fn rows_cost_a_wake_each(self) -> bool {
        self == Params::Anonymous
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

/// Binds a record's columns in `RECORD_COLUMNS` order, its content as `data` text. Text
/// is bound borrowed: sqlx's Any driver copies a bound `String` (once more than SQLite's
/// own copy), which for the content is most of a batch's bytes.
pub(crate) fn bind_record<'q>(q: AnyQuery<'q>, r: &'q StoredRecord, data: &'q str) -> AnyQuery<'q> {
    q.bind(r.id.to_string())
        .bind(r.kind().as_str())
        .bind(r.version)
        .bind(r.approval.as_str())
        .bind(r.unit.map(|u| u.to_string()))
        .bind(data)
        .bind(r.created_at.as_str())
        .bind(r.created_by.as_str())
        .bind(r.updated_at.as_str())
        .bind(r.updated_by.as_str())
        .bind(r.deleted_at.as_deref())
        .bind(r.deleted_by.as_deref())
}

/// Link statements in one call of `insert_history_and_new_links`: a file's links fit in
/// one call, and a million-row batch's go in calls of a few shapes (one string per count,
/// each compiled once per connection).
const LINK_STATEMENTS_A_CALL: usize = 16;

/// The history of a batch's creates, copied by one statement from the records just
/// inserted, in the order they were inserted, with the batch's comment and each record's
/// author and time: one statement of one shape whatever the batch's size, instead of a
/// history row bound parameter by parameter beside each record. SQLite finds them as the
/// table's last rows by rowid (it gives a new row the rowid one past the largest, and
/// nothing else writes inside the batch's transaction); PostgreSQL, which has no rowid,
/// by their ids, given as one list.
struct CreatesHistory<'a> {
    records: &'a [StoredRecord],
    comment: Option<&'a str>,
}

impl<'a> CreatesHistory<'a> {
    /// SQLite's: action, comment, and how many records the batch inserted.
    const LAST_ROWS_SQL: &'static str = concat!(
        "INSERT INTO history (record_id, kind, version, action, actor, at, comment) ",
        "SELECT id, kind, version, ?, updated_by, updated_at, ? FROM records ",
        "WHERE rowid > (SELECT max(rowid) FROM records) - ? ORDER BY rowid"
    );

    /// PostgreSQL's: action, comment, and the records' ids joined by commas.
    const LISTED_SQL: &'static str = concat!(
        "INSERT INTO history (record_id, kind, version, action, actor, at, comment) ",
        "SELECT r.id, r.kind, r.version, $1, r.updated_by, r.updated_at, $2 ",
        "FROM unnest(string_to_array($3, ',')) WITH ORDINALITY AS b (id, n) ",
        "JOIN records r ON r.id = b.id ORDER BY b.n"
    );

    /// PostgreSQL's statement, on its own (a record id never holds a comma).
    async fn insert_listed(&self, tx: &mut Tx) -> StoreResult<()> {
        if self.records.is_empty() {
            return Ok(());
        }
        let ids: Vec<String> = self.records.iter().map(|r| r.id.to_string()).collect();
        let ids = ids.join(",");
        let query = self.bind(sqlx::query(Self::LISTED_SQL), ids.as_str());
        query.execute(&mut **tx).await.map_err(backend)?;
        Ok(())
    }

    /// Binds action, comment, and `last` (the count, or the listed ids).
    fn bind<'q, T>(&self, q: AnyQuery<'q>, last: T) -> AnyQuery<'q>
    where
        'a: 'q,
        T: 'q + sqlx::Encode<'q, Any> + sqlx::Type<Any>,
    {
        q.bind(HistoryAction::Create.as_str())
            .bind(self.comment)
            .bind(last)
    }
}

/// On SQLite: the history of a batch's creates (`CreatesHistory`), the creates' links,
/// and the statements `then`, in as few calls as the links allow (one for a file). The
/// links go in calls of up to `LINK_STATEMENTS_A_CALL` full statements of one shape, the
/// very last padded by repeating its last link, which `OR IGNORE` skips as the duplicate
/// it is (the links were deduplicated, and a new record's links are all new).
async fn insert_history_and_new_links(
    tx: &mut Tx,
    p: Params,
    history: CreatesHistory<'_>,
    links: &[Link],
    then: &[&str],
) -> StoreResult<()> {
    let one = p.values(
        &format!("INSERT OR IGNORE INTO {LINK_COLUMNS} VALUES "),
        LINK_WIDTH,
        FULL_ROWS,
    );
    let mut calls: Vec<&[Link]> = links.chunks(LINK_STATEMENTS_A_CALL * FULL_ROWS).collect();
    if calls.is_empty() {
        calls.push(&[]);
    }
    let last_call = calls.len() - 1;
    for (i, call) in calls.into_iter().enumerate() {
        let with_history = i == 0 && !history.records.is_empty();
        let link_statements = call.len().div_ceil(FULL_ROWS);
        let mut statements: Vec<&str> = Vec::with_capacity(link_statements + 3);
        if with_history {
            statements.push(CreatesHistory::LAST_ROWS_SQL);
        }
        statements.extend(std::iter::repeat_n(one.as_str(), link_statements));
        if i == last_call {
            statements.extend_from_slice(then);
        }
        if statements.is_empty() {
            continue;
        }
        let sql = statements.join("; ");
        let mut query = sqlx::query(&sql);
        if with_history {
            query = history.bind(query, history.records.len() as i64);
        }
        if let Some(last) = call.last() {
            let padded = call
                .iter()
                .chain(std::iter::repeat(last))
                .take(link_statements * FULL_ROWS);
            query = padded.fold(query, bind_link);
        }
        query.execute(&mut **tx).await.map_err(backend)?;
    }
    Ok(())
}

/// The links table with its columns, in `bind_link` order.
const LINK_COLUMNS: &str = "record_refs (from_id, field, to_id)";

fn bind_link<'q>(q: AnyQuery<'q>, (from, field, to): &'q Link) -> AnyQuery<'q> {
    q.bind(from.to_string())
        .bind(field.as_str())
        .bind(to.to_string())
}

async fn insert_links(tx: &mut Tx, p: Params, links: &[Link]) -> StoreResult<()> {
    let head = format!("INSERT INTO {LINK_COLUMNS} VALUES ");
    for chunk in statement_chunks(links) {
        let sql = p.values(&head, LINK_WIDTH, chunk.len());
        let query = chunk.iter().fold(sqlx::query(&sql), bind_link);
        query.execute(&mut **tx).await.map_err(backend)?;
    }
    Ok(())
}

fn history_head() -> String {
    format!("INSERT INTO history ({HISTORY_COLUMNS}) VALUES ")
}

/// Binds an update's history row's columns in `HISTORY_COLUMNS` order.
fn bind_history<'q>(q: AnyQuery<'q>, h: &'q UpdateHistory<'_>) -> AnyQuery<'q> {
    let r = h.record;
    q.bind(r.id.to_string())
        .bind(r.kind().as_str())
        .bind(r.version)
        .bind(HistoryAction::Update.as_str())
        .bind(r.updated_by.as_str())
        .bind(r.updated_at.as_str())
        .bind(h.comment)
        .bind(h.before)
        .bind(h.after.as_str())
}

async fn insert_history(tx: &mut Tx, p: Params, rows: &[UpdateHistory<'_>]) -> StoreResult<()> {
    let head = history_head();
    for chunk in statement_chunks(rows) {
        let sql = p.values(&head, HISTORY_WIDTH, chunk.len());
        let query = chunk.iter().fold(sqlx::query(&sql), bind_history);
        query.execute(&mut **tx).await.map_err(backend)?;
    }
    Ok(())
}

async fn delete_links(tx: &mut Tx, p: Params, from: &[RecordId]) -> StoreResult<()> {
    let sql = format!(
        "DELETE FROM record_refs WHERE from_id IN ({})",
        p.list(1, LOOKUP_IDS)
    );
    for chunk in from.chunks(LOOKUP_IDS) {
        ids_bound(&sql, chunk)
            .execute(&mut **tx)
            .await
            .map_err(backend)?;
    }
    Ok(())
}

/// The rows of `sql(list)` for every chunk of `ids`, where `list` is a parameter list of
/// `LOOKUP_IDS` (`WHERE id IN ({list})`) and the chunk's ids are bound to it.
pub(crate) async fn fetch_by_ids(
    tx: &mut Tx,
    p: Params,
    ids: &[RecordId],
    sql: impl Fn(&str) -> String,
) -> StoreResult<Vec<AnyRow>> {
    let mut rows = Vec::new();
    let sql = sql(&p.list(1, LOOKUP_IDS));
    for chunk in ids.chunks(LOOKUP_IDS) {
        rows.extend(
            ids_bound(&sql, chunk)
                .fetch_all(&mut **tx)
                .await
                .map_err(backend)?,
        );
    }
    Ok(rows)
}

/// `ids` (at most `LOOKUP_IDS`, at least one) bound to a list of `LOOKUP_IDS` parameters,
/// the last id repeated to fill it: the same rows, one statement shape.
fn ids_bound<'q>(sql: &'q str, ids: &[RecordId]) -> AnyQuery<'q> {
    let last = ids.last().copied().unwrap_or_default();
    ids.iter()
        .copied()
        .chain(std::iter::repeat(last))
        .take(LOOKUP_IDS)
        .fold(sqlx::query(sql), |q, id| q.bind(id.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_come_in_few_shapes_and_cover_every_row() {
        for n in [0, 1, 5, 127, 128, 129, 300, 1000] {
            let sizes: Vec<usize> = statement_rows(n).collect();
            assert_eq!(sizes.iter().sum::<usize>(), n, "{n}: {sizes:?}");
            assert!(sizes.iter().all(|s| *s == FULL_ROWS || s.is_power_of_two()));
            assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
        }
        assert_eq!(
            statement_rows(300).collect::<Vec<_>>(),
            [128, 128, 32, 8, 4]
        );
        let items: Vec<usize> = (0..300).collect();
        let joined: Vec<usize> = statement_chunks(&items).flatten().copied().collect();
        assert_eq!(joined, items);
    }

    #[test]
    fn values_are_numbered_row_after_row() {
        assert_eq!(Params::Numbered.values("V ", 2, 2), "V ($1, $2), ($3, $4)");
        assert_eq!(Params::Anonymous.values("V ", 2, 2), "V (?, ?), (?, ?)");
        assert_eq!(Params::Numbered.list(3, 1), "$3");
    }
}
