-- Offerings carry a new field set at import (validation, data/validation):
-- as in SQLite's 0008, no earlier run counts as complete, so that every
-- source's next run reads and derives each record again.
UPDATE runs SET "full" = false;
