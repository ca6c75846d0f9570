-- One row per dashboard login. The session JWT carries only the sid; revocation and expiry live here so a
-- logout or an admin's revocation takes effect on the next request.
CREATE TABLE sessions (
  id TEXT PRIMARY KEY NOT NULL,                 -- the sid: ses_<22 base64url chars>, new on every login
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  auth_method TEXT NOT NULL CHECK (auth_method IN ('password', 'oidc')),
  created_at INTEGER NOT NULL,
  authenticated_at INTEGER NOT NULL,            -- when the user last proved who they are (reveal needs < 5 min)
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER                            -- set by logout or an admin; NULL while valid
);
CREATE INDEX sessions_user_id ON sessions (user_id);
