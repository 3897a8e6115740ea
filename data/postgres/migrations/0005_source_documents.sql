-- What a source read besides its records and needs again in its next run:
-- EMIL3's education infos and providers, which its events refer to. An
-- incremental run then asks the source only for those changed since the
-- last run, and reads the rest from here.
CREATE TABLE source_documents (
    source TEXT COLLATE "C" NOT NULL,
    kind   TEXT COLLATE "C" NOT NULL, -- e.g. educationInfos
    id     TEXT COLLATE "C" NOT NULL,
    doc    TEXT NOT NULL,             -- as the source's wire format, JSON
    PRIMARY KEY (source, kind, id)
);
