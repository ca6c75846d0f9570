-- Key-status snapshots, written by the scheduled job (`src/jobs/scheduled.ts`) once per run: the history of
-- what the admin keys page shows, so an operator can see when values left a previous key without having
-- looked at the page at the time. Counts and key ids only: never a sealed value, never key material.
-- The job keeps the newest 720 snapshots (30 days of hourly runs) and deletes older ones.
CREATE TABLE key_status_snapshots (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  taken_at INTEGER NOT NULL,                    -- epoch ms (the run's scheduled time)
  primary_kid TEXT NOT NULL,                    -- the configured primary key's kid
  previous_kids TEXT NOT NULL,                  -- configured previous kids, comma-separated ('' = none)
  total INTEGER NOT NULL,                       -- sealed values in every registered column
  on_primary INTEGER NOT NULL,
  on_previous INTEGER NOT NULL,
  unknown_kid INTEGER NOT NULL,                 -- well-formed values whose kid no configured key has
  malformed INTEGER NOT NULL,                   -- text that is not a sealed value
  next_step TEXT NOT NULL CHECK (next_step IN ('rotate_when_needed', 'rewrap', 'wait', 'remove_previous'))
);

-- Values per kid in one snapshot, summed over every sealed column; every configured kid has a row (0 when
-- nothing is sealed under it), and so does every kid found in a value that no configured key has.
CREATE TABLE key_status_snapshot_kids (
  snapshot_id INTEGER NOT NULL REFERENCES key_status_snapshots (id) ON DELETE CASCADE,
  kid TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('primary', 'previous', 'unknown')),
  n INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, kid)
);
