-- One-time results of dashboard forms (post/redirect/get). A form POST stores what its result page must show
-- once (a notice, field errors with the typed values, a newly created or revealed API token) and answers 303;
-- the GET it leads to deletes the row as it reads it, so a reload or Back shows nothing again and repeats
-- nothing. The row is found by a random id held only in an HttpOnly cookie, bound to the session and to the
-- page it was made for, and lives two minutes. Never in a URL.
CREATE TABLE dashboard_flashes (
  id TEXT PRIMARY KEY NOT NULL,                 -- 32 random bytes, base64url; the cookie's value
  owner_id TEXT NOT NULL,                       -- the session (ses_…) that made it, or the user (usr_…) without one
  path TEXT NOT NULL,                           -- the page that shows it
  payload_sealed TEXT NOT NULL,                 -- the result as JSON, sealed (context: dashboard.flash, owner, id)
  expires_at INTEGER NOT NULL                   -- epoch ms
);
CREATE INDEX dashboard_flashes_expires_at ON dashboard_flashes (expires_at);
