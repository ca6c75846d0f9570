-- The audit log: insert-only. Who (actor), did what (action) to what (target), in which space, with which
-- outcome (denials too), from where (client IP), when. Never a secret value: targets are ids, reasons are
-- fixed codes. The triggers make the table insert-only in the database as well as in code.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,                                   -- epoch ms
  actor_type TEXT NOT NULL CHECK (actor_type IN ('user', 'api_token', 'anonymous', 'system')),
  actor_id TEXT,                                         -- usr_… / tok_…; NULL for anonymous
  action TEXT NOT NULL,                                  -- e.g. tokens.create, auth.login
  outcome TEXT NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
  reason TEXT,                                           -- a fixed code (forbidden, timeout, …), never free text
  space_id TEXT,                                         -- no foreign key: the log outlives what it names
  target_type TEXT,
  target_id TEXT,
  client_ip TEXT
);

CREATE INDEX audit_log_space_at ON audit_log (space_id, at DESC, id DESC);
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is insert-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is insert-only');
END;
