-- MCP integrations, per space: a name, the server URL, and an optional bearer secret the CMS sends as
-- `Authorization: Bearer …`. The bearer is sealed (@alokai/crypto) with the context
-- { purpose: 'mcp.bearer', space: space_id, id }; only its last 4 characters are kept in clear, for the
-- `••••abcd` hint. Test-connection results are fixed codes, never upstream text.
CREATE TABLE mcp_integrations (
  id TEXT PRIMARY KEY NOT NULL,                 -- mcp_<22 base64url chars>, immutable (part of the seal context)
  space_id TEXT NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  url TEXT NOT NULL,                            -- passed the outbound URL policy when saved
  bearer_sealed TEXT,                           -- v1.<kid>.<…>; NULL when no secret is stored
  bearer_last4 TEXT,                            -- NULL exactly when bearer_sealed is NULL
  last_test_result TEXT CHECK (last_test_result IN ('ok', 'failed')),
  last_test_reason TEXT,                        -- a fixed outbound failure reason
  last_tested_at INTEGER,                       -- epoch ms
  created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK ((bearer_sealed IS NULL) = (bearer_last4 IS NULL))
);

CREATE INDEX mcp_integrations_space ON mcp_integrations (space_id, created_at, id);
