-- Offerings carry a new field set at import (validation, data/validation).
-- An incremental run reads only what a source changed, so the field would
-- reach the other records at the source's next complete run, up to a week
-- later. Counting no earlier run as complete makes every source's next run
-- complete: each record is read and derived again, and only those whose
-- content changes (the validation offerings) are written and re-indexed.
UPDATE runs SET full = 0;
