-- 0007 and 0009 made the search and bus-time tables with the database's
-- collation for their keys and the feed's stored time as text, while the
-- store wrote nothing to them. It now writes and reads them as SQLite's
-- (data/sqlstore): keys are COLLATE "C", so that they sort byte by byte as
-- in SQLite whatever the database's locale (a search's words, a stop's
-- id), and stored is a timestamptz like every other time of this schema,
-- which the newest feed is found by.
ALTER TABLE searches
    ALTER COLUMN municipality TYPE TEXT COLLATE "C",
    ALTER COLUMN week         TYPE TEXT COLLATE "C",
    ALTER COLUMN words        TYPE TEXT COLLATE "C",
    ALTER COLUMN filters      TYPE TEXT COLLATE "C";

ALTER TABLE transit_feeds
    ALTER COLUMN source TYPE TEXT COLLATE "C",
    ALTER COLUMN stored TYPE TIMESTAMPTZ USING stored::timestamptz;

ALTER TABLE transit_times
    ALTER COLUMN source  TYPE TEXT COLLATE "C",
    ALTER COLUMN origin  TYPE TEXT COLLATE "C",
    ALTER COLUMN stop_id TYPE TEXT COLLATE "C";
