-- What the IdP says about an OIDC user, refreshed from the ID token at each dashboard sign-in so an admin
-- sees a person, not an id. Never used to find or sign in a user (that stays (iss, sub) in
-- oidc_identities); idp_email is not unique: two identities may claim one address. A local user's login
-- email stays in users.email.
ALTER TABLE users ADD COLUMN idp_email TEXT;                                  -- lower-cased; NULL if absent or malformed
ALTER TABLE users ADD COLUMN idp_email_verified INTEGER NOT NULL DEFAULT 0;   -- 1 when the ID token said email_verified: true
ALTER TABLE users ADD COLUMN name TEXT;                                       -- display name; NULL if absent or refused
CREATE INDEX users_idp_email ON users (idp_email);
