-- The name a deleted user had, so the audit log (which keeps their id, never a foreign key) names them as
-- it did before the deletion. Written in the same batch that deletes the users row.
CREATE TABLE deleted_users (
  id TEXT PRIMARY KEY NOT NULL,                 -- the former users.id
  label TEXT NOT NULL,                          -- their email (or IdP name) at deletion
  deleted_by TEXT,                              -- the admin's user id
  deleted_at INTEGER NOT NULL
);
