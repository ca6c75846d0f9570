/**
 * Data access for `dashboard_flashes`: the one-time results of dashboard forms (see
 * `features/dashboard/flash.ts`). Taking a flash is one `DELETE … RETURNING`, so two requests racing for the
 * same id (a double reload) cannot both get it: a flash is shown at most once.
 */

/** A stored flash as written. */
export interface FlashRow {
  id: string
  ownerId: string
  path: string
  payloadSealed: string
  expiresAt: number
}

/**
 * Stores a flash, and drops every expired one (the table stays as small as the last two minutes' forms).
 * @example await insertFlash(env.DB, { id, ownerId: sid, path: '/spaces', payloadSealed, expiresAt }, now)
 */
export async function insertFlash(db: D1Database, row: FlashRow, now: number): Promise<void> {
  await db.batch([
    db.prepare('DELETE FROM dashboard_flashes WHERE expires_at <= ?1').bind(now),
    db
      .prepare(
        `INSERT INTO dashboard_flashes (id, owner_id, path, payload_sealed, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5)`,
      )
      .bind(row.id, row.ownerId, row.path, row.payloadSealed, row.expiresAt),
  ])
}

/**
 * Deletes and answers the sealed payload of flash `id` when it belongs to `ownerId` and `path` and has not
 * expired; otherwise `undefined` (and a flash of another page is left for that page).
 * @example const sealed = await takeFlashRow(env.DB, { id, ownerId: sid, path: '/spaces', now })
 */
export async function takeFlashRow(
  db: D1Database,
  input: { id: string; ownerId: string; path: string; now: number },
): Promise<string | undefined> {
  const row = await db
    .prepare(
      `DELETE FROM dashboard_flashes WHERE id = ?1 AND owner_id = ?2 AND path = ?3 AND expires_at > ?4
       RETURNING payload_sealed`,
    )
    .bind(input.id, input.ownerId, input.path, input.now)
    .first<{ payload_sealed: string }>()
  return row?.payload_sealed
}

/**
 * Deletes at most `limit` flashes that expired by `now`, oldest first; how many it deleted.
 * @example const deleted = await deleteExpiredFlashes(env.DB, { now, limit: 500 })
 */
export async function deleteExpiredFlashes(
  db: D1Database,
  input: { now: number; limit: number },
): Promise<number> {
  const res = await db
    .prepare(
      `DELETE FROM dashboard_flashes WHERE id IN
         (SELECT id FROM dashboard_flashes WHERE expires_at <= ?1 ORDER BY expires_at LIMIT ?2)`,
    )
    .bind(input.now, input.limit)
    .run()
  return res.meta.changes
}
