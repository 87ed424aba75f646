-- Users, reporting units and sign-in sessions.
-- A unit is an organization record; an administration contains other units. The unit's
-- link to its record is checked at commit (DEFERRABLE), so a restore that replaces every
-- record in one transaction can put the same organizations back.
-- Timestamps are UTC RFC 3339 text, as in 0001.

CREATE TABLE units (
    org_id TEXT PRIMARY KEY REFERENCES records (id) DEFERRABLE INITIALLY DEFERRED,
    parent_id TEXT REFERENCES units (org_id),
    kind TEXT NOT NULL CHECK (kind IN ('institution', 'administration')),
    created_at TEXT NOT NULL
);
CREATE INDEX units_parent ON units (parent_id);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    display_name TEXT,
    role TEXT NOT NULL CHECK (role IN ('admin', 'approver', 'editor', 'viewer')),
    unit_id TEXT NOT NULL REFERENCES units (org_id),
    password_hash TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('zh', 'en')),
    disabled_at TEXT,
    failed_logins BIGINT NOT NULL DEFAULT 0,
    locked_until TEXT,
    last_login_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX users_unit ON users (unit_id);

-- id is the SHA-256 (hex) of the cookie's token: the database never holds a usable cookie.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);
