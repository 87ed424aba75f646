-- A create's after state is no longer written into its history row: it is the record's
-- own row while the record is at that version, and the next change's before state once
-- it is not, so writing it again stored every new record's content twice. Reads fill it
-- in (`HISTORY_SELECT` in meridian-store-sql). Rows written before keep their copy.
-- SQLite cannot drop a NOT NULL constraint, so the table is rebuilt, keeping `seq`.

CREATE TABLE history_new (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    version INTEGER NOT NULL,
    action TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL,
    comment TEXT,
    before_state TEXT,
    after_state TEXT,
    UNIQUE (record_id, version)
);
INSERT INTO history_new (seq, record_id, kind, version, action, actor, at, comment, before_state, after_state)
    SELECT seq, record_id, kind, version, action, actor, at, comment, before_state, after_state
    FROM history ORDER BY seq;
DROP TABLE history;
ALTER TABLE history_new RENAME TO history;
