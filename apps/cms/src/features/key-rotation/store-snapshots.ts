/**
 * Data access for `key_status_snapshots` and `key_status_snapshot_kids`
 * (`0040_create_key_status_snapshots.sql`): the scheduled job's history of the key status. Counts and kids
 * only; nothing here is secret. A snapshot and its per-kid rows are written in one batch (one transaction),
 * so a snapshot is never half there.
 */

/** What a snapshot holds. */
export interface KeyStatusSnapshotInput {
  takenAt: number
  primaryKid: string
  previousKids: readonly string[]
  total: number
  onPrimary: number
  onPrevious: number
  unknownKid: number
  malformed: number
  nextStep: 'rotate_when_needed' | 'rewrap' | 'wait' | 'remove_previous'
  kids: readonly { kid: string; role: 'primary' | 'previous' | 'unknown'; n: number }[]
}

/**
 * Writes one snapshot with its per-kid counts and returns its id.
 * @example const id = await insertKeyStatusSnapshot(env.DB, { takenAt: now, primaryKid, ...counts, kids })
 */
export async function insertKeyStatusSnapshot(
  db: D1Database,
  input: KeyStatusSnapshotInput,
): Promise<number> {
  // The kid rows name their snapshot as the newest id: a batch is one transaction, so no other snapshot
  // can be written between the first statement and these.
  const newest = '(SELECT max(id) FROM key_status_snapshots)'
  const results = await db.batch<{ id: number }>([
    db
      .prepare(
        `INSERT INTO key_status_snapshots
           (taken_at, primary_kid, previous_kids, total,
            on_primary, on_previous, unknown_kid, malformed, next_step)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id`,
      )
      .bind(
        input.takenAt,
        input.primaryKid,
        input.previousKids.join(','),
        input.total,
        input.onPrimary,
        input.onPrevious,
        input.unknownKid,
        input.malformed,
        input.nextStep,
      ),
    ...input.kids.map((k) =>
      db
        .prepare(
          `INSERT INTO key_status_snapshot_kids (snapshot_id, kid, role, n) VALUES (${newest}, ?1, ?2, ?3)`,
        )
        .bind(k.kid, k.role, k.n),
    ),
  ])
  const id = results[0]?.results[0]?.id
  if (id === undefined) throw new Error('snapshot insert returned nothing')
  return id
}

/**
 * Deletes every snapshot but the newest `keep` (and their per-kid rows); returns how many snapshots went.
 * @example const pruned = await pruneKeyStatusSnapshots(env.DB, 720)
 */
export async function pruneKeyStatusSnapshots(db: D1Database, keep: number): Promise<number> {
  // Without an upper bound, OFFSET needs a LIMIT: -1 is SQLite's "no limit".
  const old = 'SELECT id FROM key_status_snapshots ORDER BY id DESC LIMIT -1 OFFSET ?1'
  // Kid rows first and explicitly, so pruning never depends on foreign-key enforcement being on.
  const [, snapshots] = await db.batch([
    db.prepare(`DELETE FROM key_status_snapshot_kids WHERE snapshot_id IN (${old})`).bind(keep),
    db.prepare(`DELETE FROM key_status_snapshots WHERE id IN (${old})`).bind(keep),
  ])
  return snapshots?.meta.changes ?? 0
}
