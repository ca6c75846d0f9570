-- The audit log pages read newest first by id, narrowed to a space, an actor or an action
-- (features/audit-log/store.ts). An index on each of those columns (SQLite appends the rowid, which is the
-- id) lets a page be one range scan from its cursor instead of reading every entry of the space and sorting
-- them. `audit_log_space_at` orders a space's entries by time first, which no query asks for any more.
CREATE INDEX audit_log_space ON audit_log (space_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id);
CREATE INDEX audit_log_action ON audit_log (action);
DROP INDEX audit_log_space_at;
