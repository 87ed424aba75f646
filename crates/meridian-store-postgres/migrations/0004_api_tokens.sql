-- Personal API tokens. hash is the SHA-256 (hex) of the secret handed to the user once:
-- the database never holds a usable token. Revoked tokens are kept (revoked_at set) so a
-- user can see what existed. Timestamps are UTC RFC 3339 text, as in 0001.

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
