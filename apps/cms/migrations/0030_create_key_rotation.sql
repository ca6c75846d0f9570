-- Key rotation bookkeeping (no secrets here, only kids, counts, ids and times).
-- key_status_observations: every `GET /api/admin/keys` records how many values were still under a
-- previous key, for the configured keyring (`keyring` = "<primaryKid>|<previousKid>,…"). "You can remove
-- the previous key" is shown only after two zero observations of the same keyring at least 10 minutes
-- apart with no non-zero one in between (a writer still sealing under the old key would show up).
CREATE TABLE key_status_observations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,                          -- epoch ms
  keyring TEXT NOT NULL,                        -- "<primaryKid>|<previousKid>,…"
  on_previous INTEGER NOT NULL                  -- values under a configured previous key
);
CREATE INDEX key_status_observations_keyring ON key_status_observations (keyring, at);

-- key_rotation_runs: one row per rewrap or reseal pass. Rows are processed in (column, id) order; the
-- cursor (index into the sealed-column registry, last id done) lets the next call continue where the last
-- one stopped, so a pass always ends even when some values fail.
CREATE TABLE key_rotation_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('rewrap', 'reseal')),
  primary_kid TEXT NOT NULL,                    -- the kid the pass writes to
  started_by TEXT,                              -- usr_… of the admin who started it
  started_at INTEGER NOT NULL,
  cursor_column INTEGER NOT NULL DEFAULT 0,     -- index into SEALED_COLUMNS
  cursor_id TEXT NOT NULL DEFAULT '',           -- last row id processed in that column ('' = none yet)
  migrated INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  finished_at INTEGER
);
