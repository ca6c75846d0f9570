-- Content entries of a space: a JSON object body with a draft and, once published, a published snapshot.
-- Delivery tokens read only `published_body`; preview and management tokens and users read the draft.
-- `version` counts draft writes; `published_version` is the draft version that was last published, so the
-- state is derived (never published / published / changed since publishing). Times are epoch ms.
CREATE TABLE entries (
  id TEXT PRIMARY KEY NOT NULL,                 -- ent_<22 base64url chars>, server-generated, immutable
  space_id TEXT NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
  draft_body TEXT NOT NULL,                     -- JSON object, size-capped by the API
  version INTEGER NOT NULL DEFAULT 1,
  published_body TEXT,                          -- JSON object as last published; NULL until first publish
  published_version INTEGER,
  published_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX entries_space_id ON entries (space_id, id);
