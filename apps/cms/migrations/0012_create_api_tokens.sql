-- Per-space API tokens (`cms_<scope>_<43 base64url chars>`). The token itself is stored only sealed
-- (context: purpose api-token, the space id, the token id) so a space admin can reveal it again, plus its
-- SHA-256 digest (hex) for lookup. The digest is what authenticates a request; validity (revoked_at) is
-- read on every request, never cached. Revocation is soft (the row stays for listing and audit) and
-- erases the sealed value: a revoked token has nothing left to reveal.
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY NOT NULL,                 -- tok_<22 base64url chars>, immutable (part of the seal context)
  space_id TEXT NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('delivery', 'preview', 'management')),
  token_sealed TEXT,                            -- v1.<kid>.<…> from @alokai/crypto; NULL once revoked
  token_digest TEXT NOT NULL UNIQUE,            -- lower-case hex SHA-256 of the full token string
  last4 TEXT NOT NULL,                          -- last 4 characters, for recognising a token in the list
  created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,                         -- written at most every 5 minutes
  revoked_at INTEGER,
  revoked_by TEXT
);
CREATE INDEX api_tokens_space_id ON api_tokens (space_id, created_at);
