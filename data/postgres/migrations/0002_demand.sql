-- Arbetsförmedlingen's Yrkesbarometer: one barometer occupation's outlook in
-- one region (lan: 00 the nation, 23 Jämtlands län) in one round (omgang).
-- An import replaces its round's rows in one transaction; older rounds stay
-- for comparison, and readers take the newest.
CREATE TABLE demand (
    round       TEXT COLLATE "C" NOT NULL,  -- e.g. 2025-2
    region      TEXT COLLATE "C" NOT NULL,
    occupation  TEXT COLLATE "C" NOT NULL,  -- yb_yrke
    recruitment TEXT NOT NULL DEFAULT '',   -- brist, paradox, balans, överskott; '' = not assessed
    doc         TEXT NOT NULL,              -- catalog.Demand as JSON
    stored      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (round, region, occupation)
);

CREATE INDEX demand_region ON demand (region, round);
