-- Roles granted to an email before its account exists (OIDC mode). The first dashboard sign-in whose ID
-- token carries the email with email_verified: true takes the role and deletes the row (the claim is in
-- the audit log). One pending invitation per email and space (NULL space: the global admin role); a new
-- one for the same pair replaces the role.
CREATE TABLE invitations (
  id TEXT PRIMARY KEY NOT NULL,                 -- inv_<22 base64url chars>
  email TEXT NOT NULL,                          -- lower-cased
  space_id TEXT REFERENCES spaces (id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'editor')),
  invited_by TEXT,                              -- user id, or NULL when made by the CLI
  created_at INTEGER NOT NULL,
  CHECK (space_id IS NOT NULL OR role = 'admin')
);
CREATE UNIQUE INDEX invitations_email_space ON invitations (email, coalesce(space_id, ''));
CREATE INDEX invitations_space_id ON invitations (space_id);
