-- Travel times by public transport, computed at the import of a GTFS feed
-- (crawler/gtfs): the quickest weekday-morning journey from each locality
-- (origin: the SCB code of the municipality whose seat it is) to each stop
-- it reaches. An import replaces its source's rows in one transaction; the
-- coverage report reads them to tell whether a course is within N minutes
-- by bus. The same tables as SQLite's (0010 gives their keys byte order, and stored a timestamptz).
CREATE TABLE transit_feeds (
    source    TEXT NOT NULL PRIMARY KEY,
    version   TEXT NOT NULL DEFAULT '',  -- feed_info.txt's feed_version
    day       TEXT NOT NULL,             -- the weekday read, YYYY-MM-DD
    leave     TEXT NOT NULL,             -- leaving home from, HH:MM
    arrive_by TEXT NOT NULL,             -- arriving by, HH:MM
    stored    TEXT NOT NULL              -- RFC 3339, UTC
);

CREATE TABLE transit_times (
    source    TEXT NOT NULL REFERENCES transit_feeds (source) ON DELETE CASCADE,
    origin    TEXT NOT NULL,
    stop_id   TEXT NOT NULL,
    stop_name TEXT NOT NULL,
    lat       DOUBLE PRECISION NOT NULL,
    lon       DOUBLE PRECISION NOT NULL,
    minutes   INTEGER NOT NULL,          -- door to stop, walks and waits included
    depart    TEXT NOT NULL,             -- leaving home, HH:MM
    arrive    TEXT NOT NULL,             -- at the stop, HH:MM
    PRIMARY KEY (source, origin, stop_id)
);
