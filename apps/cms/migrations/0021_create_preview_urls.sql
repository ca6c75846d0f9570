-- Preview URLs, per space: the storefront URL and an optional probe secret shared with the storefront
-- (HMAC key of the signed `/api/cms-probe` exchange). The secret is sealed (@alokai/crypto) with the
-- context { purpose: 'preview.probe', space: space_id, id }. Probe results are fixed codes.
CREATE TABLE preview_urls (
  id TEXT PRIMARY KEY NOT NULL,                 -- pvu_<22 base64url chars>, immutable (part of the seal context)
  space_id TEXT NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
  url TEXT NOT NULL,                            -- passed the outbound URL policy when saved
  probe_secret_sealed TEXT,                     -- v1.<kid>.<…>; NULL when no secret is configured
  last_probe_status TEXT CHECK (last_probe_status IN ('verified', 'reachable_unverified', 'failed')),
  last_probe_reason TEXT,                       -- a fixed outbound failure reason when failed
  last_probed_at INTEGER,                       -- epoch ms
  created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE INDEX preview_urls_space ON preview_urls (space_id, created_at, id);
