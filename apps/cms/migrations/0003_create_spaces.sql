-- Spaces: the unit of content and of per-space roles. The id is immutable and is what sealed columns of
-- later tables bind their encryption context to; the name can change.
CREATE TABLE spaces (
  id TEXT PRIMARY KEY NOT NULL,                 -- spc_<22 base64url chars>
  name TEXT NOT NULL,
  created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
