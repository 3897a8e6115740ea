-- Records from different sources that describe the same offering under
-- different ids (a provider's own page and its Susa-navet event) are joined
-- by a match key; canonical is the offering id they are shown under.
ALTER TABLE records ADD COLUMN match_key TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN canonical TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE records SET canonical = id;

DROP INDEX records_id;
CREATE INDEX records_id ON records (id);
CREATE INDEX records_canonical ON records (canonical) WHERE removed_at IS NULL;
CREATE INDEX records_match_key ON records (match_key) WHERE removed_at IS NULL AND match_key <> '';
