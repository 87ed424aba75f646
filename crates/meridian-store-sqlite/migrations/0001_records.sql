-- Records of every kind, their links, and their full history.
-- Timestamps are UTC RFC 3339 text so both backends store and export the same bytes.

CREATE TABLE write_lock (
    id INTEGER PRIMARY KEY,
    n INTEGER NOT NULL
);
INSERT INTO write_lock (id, n) VALUES (1, 0);

CREATE TABLE records (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version > 0),
    approval TEXT NOT NULL CHECK (approval IN ('draft', 'submitted', 'approved', 'archived')),
    unit_id TEXT,
    data TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT,
    deleted_by TEXT
);
CREATE INDEX records_kind_id ON records (kind, id);
CREATE INDEX records_unit ON records (unit_id);

CREATE TABLE record_refs (
    from_id TEXT NOT NULL REFERENCES records (id),
    field TEXT NOT NULL,
    to_id TEXT NOT NULL REFERENCES records (id),
    PRIMARY KEY (from_id, field, to_id)
);
CREATE INDEX record_refs_to ON record_refs (to_id);

CREATE TABLE history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    version INTEGER NOT NULL,
    action TEXT NOT NULL,
    actor TEXT NOT NULL,
    at TEXT NOT NULL,
    comment TEXT,
    before_state TEXT,
    after_state TEXT NOT NULL,
    UNIQUE (record_id, version)
);
