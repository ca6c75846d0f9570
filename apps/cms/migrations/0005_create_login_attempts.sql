-- Failed password logins per (account, client IP): 5 failures lock that pair for 15 minutes. Keyed by the
-- submitted account name (lower-cased) whether or not such a user exists, so the lockout itself does not
-- reveal which accounts exist.
CREATE TABLE login_attempts (
  account TEXT NOT NULL,
  client_ip TEXT NOT NULL,                      -- CF-Connecting-IP
  failures INTEGER NOT NULL,
  last_failure_at INTEGER NOT NULL,
  locked_until INTEGER,                         -- NULL unless locked
  PRIMARY KEY (account, client_ip)
);
