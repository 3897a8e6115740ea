-- Records move from a WITHOUT ROWID table to one with rowids, the document
-- last. Without rowids every interior page of the table holds whole records,
-- documents included: the table took twice the pages its data needs, and
-- every lookup by key waded through documents. With the document last, a
-- query that reads only the small columns never touches its overflow pages.
CREATE TABLE records_new (
    source       TEXT NOT NULL,
    id           TEXT NOT NULL,
    hash         TEXT NOT NULL,
    canonical    TEXT NOT NULL DEFAULT '',
    match_key    TEXT NOT NULL DEFAULT '',
    first_seen   TEXT NOT NULL, -- RFC 3339, UTC
    last_seen    TEXT NOT NULL,
    last_changed TEXT NOT NULL,
    removed_at   TEXT,          -- tombstone: set when the source no longer has it
    doc          TEXT NOT NULL, -- catalog.Offering as JSON, without provenance times
    UNIQUE (source, id)
);
INSERT INTO records_new (source, id, hash, canonical, match_key, first_seen, last_seen, last_changed, removed_at, doc)
    SELECT source, id, hash, canonical, match_key, first_seen, last_seen, last_changed, removed_at, doc
    FROM records ORDER BY source, id;
DROP TABLE records;
ALTER TABLE records_new RENAME TO records;

CREATE INDEX records_id ON records (id);
CREATE INDEX records_canonical ON records (canonical) WHERE removed_at IS NULL;
CREATE INDEX records_match_key ON records (match_key) WHERE removed_at IS NULL AND match_key <> '';
