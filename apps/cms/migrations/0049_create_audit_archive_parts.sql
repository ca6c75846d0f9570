-- The audit log's archive in R2 (binding AUDIT_ARCHIVE): entries older than the retention age move, one
-- day at a time, into gzipped NDJSON objects (features/audit-log/archive.ts). Each object is one "part": the
-- oldest not-yet-archived entries of one UTC day, at most one batch, so a part is exactly the day's entries
-- whose id lies in [first_id, last_id]. A part's row is written in the same D1 transaction that deletes its
-- entries, after the object was written to R2 and read back; the key is derived from (day, first_id,
-- last_id), so a run that died between the R2 write and the D1 transaction rewrites the same object with
-- the same content and loses or duplicates nothing.
CREATE TABLE audit_archive_parts (
  key TEXT PRIMARY KEY,                 -- audit/v1/<day>/<first_id>-<last_id>.ndjson.gz (ids zero-padded)
  day TEXT NOT NULL,                    -- YYYY-MM-DD (UTC) of every entry in the object
  first_id INTEGER NOT NULL,
  last_id INTEGER NOT NULL,
  entries INTEGER NOT NULL,
  bytes INTEGER NOT NULL,               -- gzipped size of the object
  archived_at INTEGER NOT NULL          -- epoch ms
);

-- Exports read the parts of a day range newest first, and pages the parts below a keyset cursor.
CREATE INDEX audit_archive_parts_day ON audit_archive_parts (day, last_id);
CREATE INDEX audit_archive_parts_last_id ON audit_archive_parts (last_id);

-- The log stays insert-only except for archiving: a row may be deleted only once a part that holds it (its
-- day, its id in the part's range) is recorded. Any other DELETE is refused by the database, as before.
DROP TRIGGER audit_log_no_delete;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN NOT EXISTS (
  SELECT 1 FROM audit_archive_parts p
  WHERE p.day = strftime('%Y-%m-%d', OLD.at / 1000, 'unixepoch')
    AND OLD.id BETWEEN p.first_id AND p.last_id
)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is insert-only');
END;
