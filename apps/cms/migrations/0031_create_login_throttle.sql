-- Password-login throttling, replacing `login_attempts` (0005), whose count was written only AFTER the
-- PBKDF2 check: a burst of concurrent guesses all passed the lock check. Here every attempt reserves its
-- place in one atomic upsert BEFORE any password work, and a success never clears a lock in force.
-- Two kinds of row, keyed by the submitted account name (lower-cased, whether or not such a user exists):
--   (account, client IP): 5 attempts per 15 minutes; the next one locks the pair for 15 minutes.
--   (account, '*'): 20 attempts per 15 minutes from addresses without a success in the last 30 days,
--   whatever the IP (credential stuffing from many addresses); the next one locks new addresses out of
--   the account for 15 minutes, while addresses the user signed in from keep working.
-- `login_attempts` stays until a later migration, so the previous release works while a deploy rolls out.
CREATE TABLE login_throttle (
  account TEXT NOT NULL,
  source TEXT NOT NULL,                         -- CF-Connecting-IP, or '*' for the account-wide row
  attempts INTEGER NOT NULL,                    -- attempts reserved in the window, refused ones included
  window_started_at INTEGER NOT NULL,           -- epoch ms
  locked_until INTEGER,                         -- epoch ms; NULL unless locked
  last_success_at INTEGER,                      -- epoch ms; last successful login from this address
  PRIMARY KEY (account, source)
);
