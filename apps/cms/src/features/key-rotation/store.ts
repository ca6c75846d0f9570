/**
 * Data access for key rotation: kid counts read from the sealed text itself (`v1.<kid>.…`, characters
 * 4-11; never by trying keys), batch reads in id order, compare-and-swap writes, the status observations
 * and the rotation runs. Table and column names come only from the sealed-column registry (constants).
 */
import type { SealedColumn } from './sealed-columns'

/** A sealed value with the row ids its context is built from. */
export interface SealedRow {
  id: string
  space_id: string
  sealed: string
}

/** A row's kid text; null when the value is not shaped like `v1.<8 chars>.<…>`. */
// D1 caps GLOB patterns at 50 characters, so the shape is checked piecewise.
const KID_SQL = (c: string): string =>
  `CASE WHEN substr(${c}, 1, 3) = 'v1.' AND substr(${c}, 12, 1) = '.' AND length(${c}) > 12
     AND NOT substr(${c}, 4, 8) GLOB '*[^A-Za-z0-9_-]*' THEN substr(${c}, 4, 8) END`

/**
 * How many values of a column carry each kid (`kid: null` = not a well-formed sealed value).
 * @example const counts = await countByKid(env.DB, SEALED_COLUMNS[0])
 */
export async function countByKid(
  db: D1Database,
  col: SealedColumn,
): Promise<{ kid: string | null; n: number }[]> {
  const res = await db
    .prepare(
      `SELECT ${KID_SQL(col.column)} AS kid, count(*) AS n FROM ${col.table}
       WHERE ${col.column} IS NOT NULL GROUP BY kid ORDER BY kid`,
    )
    .all<{ kid: string | null; n: number }>()
  return res.results
}

/**
 * Ids (with their kid text) of values whose kid is none of `kids`, or that are malformed; at most `limit`.
 * @example const lost = await listUnopenable(env.DB, col, keyring.kids, 100)
 */
export async function listUnopenable(
  db: D1Database,
  col: SealedColumn,
  kids: readonly string[],
  limit: number,
): Promise<{ id: string; kid: string | null }[]> {
  const kid = KID_SQL(col.column)
  const res = await db
    .prepare(
      `SELECT id, ${kid} AS kid FROM ${col.table}
       WHERE ${col.column} IS NOT NULL AND (${kid} IS NULL OR ${kid} NOT IN (SELECT value FROM json_each(?1)))
       ORDER BY id LIMIT ?2`,
    )
    .bind(JSON.stringify(kids), limit)
    .all<{ id: string; kid: string | null }>()
  return res.results
}

/**
 * The next rows after `afterId` (id order) holding a value; with `skipKid`, rows already under that kid
 * are left out (a rewrap has nothing to do there).
 * @example const rows = await readSealedBatch(env.DB, col, { afterId: '', limit: 100, skipKid: primaryKid })
 */
export async function readSealedBatch(
  db: D1Database,
  col: SealedColumn,
  input: { afterId: string; limit: number; skipKid?: string | undefined },
): Promise<SealedRow[]> {
  const skip = input.skipKid === undefined ? '' : `AND substr(${col.column}, 1, 12) != ?3`
  const stmt = db.prepare(
    `SELECT id, space_id, ${col.column} AS sealed FROM ${col.table}
     WHERE ${col.column} IS NOT NULL AND id > ?1 ${skip} ORDER BY id LIMIT ?2`,
  )
  const bound =
    input.skipKid === undefined
      ? stmt.bind(input.afterId, input.limit)
      : stmt.bind(input.afterId, input.limit, `v1.${input.skipKid}.`)
  return (await bound.all<SealedRow>()).results
}

/**
 * One row's current value (null when the row is gone or holds no value).
 * @example const fresh = await readSealedRow(env.DB, col, id)
 */
export async function readSealedRow(
  db: D1Database,
  col: SealedColumn,
  id: string,
): Promise<SealedRow | null> {
  return db
    .prepare(
      `SELECT id, space_id, ${col.column} AS sealed FROM ${col.table} WHERE id = ?1 AND ${col.column} IS NOT NULL`,
    )
    .bind(id)
    .first<SealedRow>()
}

/**
 * Compare-and-swap writes, in one D1 batch: each sets the value only where it still equals `old`. Returns,
 * per write, whether it landed (false: the row changed or went away meanwhile).
 * @example const landed = await compareAndSwap(env.DB, [{ col, id, old, next }])
 */
export async function compareAndSwap(
  db: D1Database,
  writes: readonly { col: SealedColumn; id: string; old: string; next: string }[],
): Promise<boolean[]> {
  if (writes.length === 0) return []
  const results = await db.batch(
    writes.map((w) =>
      db
        .prepare(`UPDATE ${w.col.table} SET ${w.col.column} = ?1 WHERE id = ?2 AND ${w.col.column} = ?3`)
        .bind(w.next, w.id, w.old),
    ),
  )
  return results.map((r) => r.meta.changes === 1)
}

/**
 * How many values of a column lie after a cursor (id order), optionally not already under `skipKid`.
 * @example const left = await countAfter(env.DB, col, { afterId: '' })
 */
export async function countAfter(
  db: D1Database,
  col: SealedColumn,
  input: { afterId: string; skipKid?: string | undefined },
): Promise<number> {
  const skip = input.skipKid === undefined ? '' : `AND substr(${col.column}, 1, 12) != ?2`
  const stmt = db.prepare(
    `SELECT count(*) AS n FROM ${col.table} WHERE ${col.column} IS NOT NULL AND id > ?1 ${skip}`,
  )
  const bound =
    input.skipKid === undefined ? stmt.bind(input.afterId) : stmt.bind(input.afterId, `v1.${input.skipKid}.`)
  return (await bound.first<{ n: number }>())?.n ?? 0
}
