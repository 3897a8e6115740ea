-- Searches that found few courses or none: what residents look for and do not
-- find, for the learning centres. Aggregated as they are recorded: one row per
-- municipality, ISO week, words and filters with a count, never a row per
-- search, and nothing that points to who searched (no address, cookie, user
-- agent, or time finer than the week). Only rows searched at least k times are
-- published (data/insights). The same table as SQLite's (0010 gives its keys byte order).
CREATE TABLE searches (
    municipality TEXT NOT NULL,       -- SCB code; '' when none was chosen
    week         TEXT NOT NULL,       -- ISO week, e.g. 2026-W47 (sorts as text)
    words        TEXT NOT NULL,       -- case-folded, trimmed, spaces collapsed; '' for none
    filters      TEXT NOT NULL,       -- the other filters as a canonical query string
    searches     INTEGER NOT NULL,    -- how many times
    results      INTEGER NOT NULL,    -- courses found, by the latest of them
    PRIMARY KEY (municipality, week, words, filters)
);

CREATE INDEX searches_week ON searches (week);
