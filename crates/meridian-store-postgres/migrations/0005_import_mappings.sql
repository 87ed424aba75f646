-- Saved column mappings for imports: a file's own headers → Meridian's column names,
-- reused by name from the CLI and the upload page. `columns` is a JSON object.

CREATE TABLE import_mappings (
    name TEXT PRIMARY KEY,
    kind TEXT,
    columns TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
