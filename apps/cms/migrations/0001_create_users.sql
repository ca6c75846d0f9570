-- Users of the CMS. A local user has an email and a PBKDF2 password hash; an OIDC user has neither (it is
-- found through oidc_identities by (iss, sub), never by email). Times are Unix epoch milliseconds.
CREATE TABLE users (
  id TEXT PRIMARY KEY NOT NULL,                 -- usr_<22 base64url chars>, immutable
  email TEXT UNIQUE COLLATE NOCASE,             -- local login name, stored lower-cased; NULL for OIDC users
  password_hash TEXT,                           -- pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>; NULL for OIDC users
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- External identities: the IdP's issuer and subject are the only stable identifiers of an OIDC user.
CREATE TABLE oidc_identities (
  iss TEXT NOT NULL,
  sub TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_login_at INTEGER NOT NULL,
  PRIMARY KEY (iss, sub)
);
CREATE INDEX oidc_identities_user_id ON oidc_identities (user_id);
