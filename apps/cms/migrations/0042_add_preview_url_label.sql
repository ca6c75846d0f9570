-- A name for a preview URL ("Staging DE", "Live"), so a space with several storefronts tells them apart at a
-- glance. Optional: existing rows get NULL and are shown by their URL alone. Plain text, not sealed.
--
-- No unique index on (space_id, url): databases from before this release may hold twins that only a trailing
-- `/` told apart (`…/de` and `…/de/`) or exact duplicates, which nothing refused; CREATE UNIQUE INDEX would
-- fail this migration on them, and rewriting or deleting rows here would drop a configured secret or probe
-- result without anyone choosing which. The service refuses a new twin instead (comparing canonical forms,
-- so legacy rows count too), and the insert is conditional on no row at the same canonical URL.
ALTER TABLE preview_urls ADD COLUMN label TEXT;
