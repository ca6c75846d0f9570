-- The lifecycle of an API token: a description (what the token is for), an expiry, and the token that
-- replaced it in a roll. An expired token authenticates nothing, exactly like a revoked one; a roll sets the
-- old token's expires_at to the end of the overlap, so the old secret ends without any scheduled job.
ALTER TABLE api_tokens ADD COLUMN description TEXT;             -- at most 500 characters; NULL when none given
ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER;           -- epoch ms; NULL: never expires
ALTER TABLE api_tokens ADD COLUMN replaced_by TEXT;             -- the tok_… a roll issued in its place; NULL otherwise
