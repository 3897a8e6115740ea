-- A record is one source's view of an offering. Several sources can describe
-- the same offering (same id); the catalogue merges them when reading.
CREATE TABLE records (
    source       TEXT NOT NULL,
    id           TEXT NOT NULL,
    hash         TEXT NOT NULL,
    doc          TEXT NOT NULL, -- catalog.Offering as JSON, without provenance times
    first_seen   TEXT NOT NULL, -- RFC 3339, UTC
    last_seen    TEXT NOT NULL,
    last_changed TEXT NOT NULL,
    removed_at   TEXT,          -- tombstone: set when the source no longer has it
    PRIMARY KEY (source, id)
) WITHOUT ROWID;

CREATE INDEX records_id ON records (id) WHERE removed_at IS NULL;

CREATE TABLE runs (
    id       INTEGER PRIMARY KEY,
    source   TEXT NOT NULL,
    started  TEXT NOT NULL,
    finished TEXT,
    status   TEXT NOT NULL,
    full     INTEGER NOT NULL DEFAULT 0,
    fetched  INTEGER NOT NULL DEFAULT 0,
    filtered INTEGER NOT NULL DEFAULT 0,
    added    INTEGER NOT NULL DEFAULT 0,
    changed  INTEGER NOT NULL DEFAULT 0,
    removed  INTEGER NOT NULL DEFAULT 0,
    skipped  INTEGER NOT NULL DEFAULT 0,
    reasons  TEXT NOT NULL DEFAULT '{}',
    error    TEXT NOT NULL DEFAULT ''
);

CREATE INDEX runs_source ON runs (source, started);
