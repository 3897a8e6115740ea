-- The store's change sequence. Every batch that changes records raises seq by
-- one and stamps the records it changed with it. The search index records the
-- seq it has applied, so that at start (after a crash between a commit here
-- and the index's write) it can tell how far behind it is and re-index
-- exactly the records changed since. store is this database's identity: an
-- index built from another database (a restored dump of another cluster) is
-- rebuilt rather than caught up.
ALTER TABLE records ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX records_seq ON records (seq);

CREATE TABLE sequence (
    store TEXT NOT NULL,
    seq   BIGINT NOT NULL
);
INSERT INTO sequence (store, seq) VALUES (replace(gen_random_uuid()::text, '-', ''), 0);
