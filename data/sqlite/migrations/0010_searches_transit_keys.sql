-- The twin of PostgreSQL's 0010, which gives the search and bus-time tables
-- keys that sort byte by byte and a timestamptz for the feed's stored time.
-- SQLite compares text byte by byte already and keeps times as RFC 3339
-- text: nothing changes here. The file keeps the two stores' migrations
-- under the same numbers.
SELECT 1;
