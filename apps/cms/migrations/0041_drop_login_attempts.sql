-- `login_attempts` (0005) was replaced by `login_throttle` (0031) and kept only so the release before 0031
-- kept working while that deploy rolled out. No code reads or writes it any more: drop it.
DROP TABLE login_attempts;
