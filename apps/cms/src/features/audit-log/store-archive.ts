/**
 * Data access for archiving `audit_log` into R2: finding the oldest day to archive, reading one part (the
 * day's entries with the smallest ids), and in ONE transaction recording the part and deleting exactly its
 * entries (the `audit_log_no_delete` trigger refuses a delete no recorded part covers). Also the part
 * ledger that exports read to find the objects of a day range. Private to the audit-log feature.
 */
import type { AuditRow } from './store'

/** One archived object, as the ledger `audit_archive_parts` records it. */
export interface ArchivePart {
  key: string
  day: string
  first_id: number
  last_id: number
  entries: number
  bytes: number
  archived_at: number
}

/**
 * The time of the oldest entry before `cutoff` (epoch ms), or null when none is that old.
 * @example const oldest = await oldestEntryBefore(db, cutoff)
 */
export async function oldestEntryBefore(db: D1Database, cutoff: number): Promise<number | null> {
  // `audit_log_at` answers this from the first index entry.
  const row = await db
    .prepare('SELECT at FROM audit_log WHERE at < ?1 ORDER BY at ASC LIMIT 1')
    .bind(cutoff)
    .first<{ at: number }>()
  return row?.at ?? null
}

/**
 * The next part of a day: its entries in `[dayStart, dayEnd)` with the smallest ids, at most `limit`.
 * Every entry of that day with an id up to the last one returned is in the result.
 * @example const rows = await readDayPart(db, start, start + DAY_MS, 1000)
 */
export async function readDayPart(
  db: D1Database,
  dayStart: number,
  dayEnd: number,
  limit: number,
): Promise<AuditRow[]> {
  const res = await db
    .prepare('SELECT * FROM audit_log WHERE at >= ?1 AND at < ?2 ORDER BY id ASC LIMIT ?3')
    .bind(dayStart, dayEnd, limit)
    .all<AuditRow>()
  return res.results
}

/**
 * Records `part` and deletes its entries, atomically (a D1 batch is one transaction): either both happen
 * or neither. Returns the number of entries deleted.
 * @example const deleted = await commitPart(db, part, start, end)
 */
export async function commitPart(
  db: D1Database,
  part: ArchivePart,
  dayStart: number,
  dayEnd: number,
): Promise<number> {
  const [, deleted] = await db.batch([
    db
      .prepare(
        `INSERT OR REPLACE INTO audit_archive_parts (key, day, first_id, last_id, entries, bytes, archived_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`,
      )
      .bind(part.key, part.day, part.first_id, part.last_id, part.entries, part.bytes, part.archived_at),
    db
      .prepare('DELETE FROM audit_log WHERE at >= ?1 AND at < ?2 AND id BETWEEN ?3 AND ?4')
      .bind(dayStart, dayEnd, part.first_id, part.last_id),
  ])
  return deleted?.meta.changes ?? 0
}

/**
 * The parts of days `fromDay`..`toDay` (inclusive, `YYYY-MM-DD`) that may hold ids in `(above, before)`,
 * highest ids first, at most `limit`.
 * @example const parts = await listArchiveParts(db, { fromDay: '2025-01-01', toDay: '2025-01-31', above: 0, before: 10_000, limit: 20 })
 */
export async function listArchiveParts(
  db: D1Database,
  range: { fromDay: string; toDay: string; above: number; before: number; limit: number },
): Promise<ArchivePart[]> {
  const res = await db
    .prepare(
      `SELECT * FROM audit_archive_parts
       WHERE last_id > ?1 AND first_id < ?2 AND day >= ?3 AND day <= ?4
       ORDER BY last_id DESC LIMIT ?5`,
    )
    .bind(range.above, range.before, range.fromDay, range.toDay, range.limit)
    .all<ArchivePart>()
  return res.results
}
