-- SQLite's 0004 moved records from a WITHOUT ROWID table to one with rowids,
-- the document last, so that lookups by key stop reading documents. A
-- PostgreSQL table is a heap already, and a large document is kept out of
-- line (TOAST): there is nothing to do. The number is kept so that the two
-- stores' schema versions stay one and the same.
SELECT 1;
