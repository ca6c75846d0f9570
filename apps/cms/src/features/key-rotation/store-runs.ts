/**
 * Data access for the rotation bookkeeping tables (`0030_create_key_rotation.sql`): status observations
 * (the "two zero counts ten minutes apart" rule) and rewrap/reseal runs with their cursors.
 */

/** A rewrap or reseal pass. */
export interface RotationRun {
  id: number
  kind: 'rewrap' | 'reseal'
  primary_kid: string
  started_at: number
  cursor_column: number
  cursor_id: string
  migrated: number
  failed: number
  finished_at: number | null
}

/**
 * Records one status observation.
 * @example await recordObservation(env.DB, { at: now, keyring: 'kidB|kidA', onPrevious: 0 })
 */
export async function recordObservation(
  db: D1Database,
  input: { at: number; keyring: string; onPrevious: number },
): Promise<void> {
  await db
    .prepare('INSERT INTO key_status_observations (at, keyring, on_previous) VALUES (?1, ?2, ?3)')
    .bind(input.at, input.keyring, input.onPrevious)
    .run()
}

/**
 * Deletes the observations taken before `before` (epoch ms); how many went.
 * @example await deleteObservationsBefore(env.DB, now - 30 * DAY_MS)
 */
export async function deleteObservationsBefore(db: D1Database, before: number): Promise<number> {
  const res = await db.prepare('DELETE FROM key_status_observations WHERE at < ?1').bind(before).run()
  return res.meta.changes
}

/**
 * When the current run of zero observations of this keyring began (the first zero after the last
 * non-zero one), or null when the latest observation is not zero.
 * @example const since = await zeroSince(env.DB, 'kidB|kidA')
 */
export async function zeroSince(db: D1Database, keyring: string): Promise<number | null> {
  const row = await db
    .prepare(
      `SELECT min(at) AS since FROM key_status_observations
       WHERE keyring = ?1 AND on_previous = 0 AND id > COALESCE(
         (SELECT max(id) FROM key_status_observations WHERE keyring = ?1 AND on_previous > 0), 0)`,
    )
    .bind(keyring)
    .first<{ since: number | null }>()
  return row?.since ?? null
}

/**
 * Starts a run and returns it.
 * @example const run = await createRun(env.DB, { kind: 'reseal', primaryKid, startedBy, now })
 */
export async function createRun(
  db: D1Database,
  input: { kind: 'rewrap' | 'reseal'; primaryKid: string; startedBy: string | null; now: number },
): Promise<RotationRun> {
  const row = await db
    .prepare(
      `INSERT INTO key_rotation_runs (kind, primary_kid, started_by, started_at) VALUES (?1, ?2, ?3, ?4)
       RETURNING id, kind, primary_kid, started_at, cursor_column, cursor_id, migrated, failed, finished_at`,
    )
    .bind(input.kind, input.primaryKid, input.startedBy, input.now)
    .first<RotationRun>()
  if (!row) throw new Error('run insert returned nothing')
  return row
}

/**
 * A run by id and kind, or null.
 * @example const run = await findRun(env.DB, 'reseal', 3)
 */
export async function findRun(
  db: D1Database,
  kind: 'rewrap' | 'reseal',
  id: number,
): Promise<RotationRun | null> {
  return db
    .prepare(
      `SELECT id, kind, primary_kid, started_at, cursor_column, cursor_id, migrated, failed, finished_at
       FROM key_rotation_runs WHERE id = ?1 AND kind = ?2`,
    )
    .bind(id, kind)
    .first<RotationRun>()
}

/**
 * Moves a run's cursor forward (never back: concurrent calls on one run cannot rewind it) and adds counts.
 * @example await advanceRun(env.DB, { id, column: 1, afterId: 'mcp_…', migrated: 40, failed: 1, finishedAt: null })
 */
export async function advanceRun(
  db: D1Database,
  input: {
    id: number
    column: number
    afterId: string
    migrated: number
    failed: number
    finishedAt: number | null
  },
): Promise<void> {
  await db
    .prepare(
      `UPDATE key_rotation_runs SET
         cursor_id = CASE WHEN ?2 > cursor_column OR (?2 = cursor_column AND ?3 > cursor_id) THEN ?3 ELSE cursor_id END,
         cursor_column = max(cursor_column, ?2),
         migrated = migrated + ?4, failed = failed + ?5, finished_at = COALESCE(finished_at, ?6)
       WHERE id = ?1`,
    )
    .bind(input.id, input.column, input.afterId, input.migrated, input.failed, input.finishedAt)
    .run()
}
