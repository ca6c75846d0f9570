/**
 * Audit retention: the scheduled job moves entries older than `AUDIT_RETENTION_DAYS` (whole UTC days)
 * from D1 into the R2 archive, oldest day first, one part (at most {@link ARCHIVE_PART_SIZE} entries of one
 * day) at a time and at most {@link ARCHIVE_PARTS_PER_RUN} parts per run, so a run stays far inside a cron
 * invocation's subrequest and time limits however far behind it is; the next hourly run continues.
 *
 * Each part is written to R2, read back and compared with the rows before anything is deleted; then one D1
 * transaction records the part and deletes exactly its entries. The object key is a function of the part's
 * day and id range, and a part is always the day's remaining entries with the smallest ids, so a run that
 * dies anywhere in between is simply repeated by the next one: the same rows make the same object under
 * the same key, and no entry is lost or stored twice. An object holds the D1 columns and nothing more.
 */
import type { Scope } from '../../domain/scope'
import { AUDIT_COLUMNS, decodeArchive, encodeArchive } from './archive-codec'
import { dayOf, startOfUtcDay } from './archive-days'
import type { AuditRow } from './store'
import { type ArchivePart, commitPart, oldestEntryBefore, readDayPart } from './store-archive'

/** Entries per object: a part's select, gzip and read-back stay small (about 40 KB gzipped). */
const ARCHIVE_PART_SIZE: number = 1000
/** Parts per run: 4 subrequests each, well under the 50 of a free-plan invocation. */
const ARCHIVE_PARTS_PER_RUN: number = 10
const DAY_MS = 24 * 60 * 60 * 1000

/** The archived object of a part: derived only from the day and the id range, so a re-run hits it again. */
function archiveKey(day: string, firstId: number, lastId: number): string {
  const pad = (id: number) => String(id).padStart(16, '0')
  return `audit/v1/${day}/${pad(firstId)}-${pad(lastId)}.ndjson.gz`
}

/** The archive read back differs from what was written; nothing is deleted. */
class ArchiveVerifyError extends Error {
  override readonly name = 'ArchiveVerifyError'
  readonly code = 'ERR_AUDIT_ARCHIVE_VERIFY'
}

const canonical = (rows: readonly AuditRow[]) =>
  JSON.stringify(rows.map((row) => AUDIT_COLUMNS.map((c) => row[c])))

async function archivePart(scope: Scope, rows: AuditRow[], dayStart: number): Promise<number> {
  const first = rows[0]
  const last = rows.at(-1)
  if (!first || !last) return 0
  const day = dayOf(dayStart)
  const key = archiveKey(day, first.id, last.id)
  const body = await encodeArchive(rows)
  await scope.auditArchive.put(key, body, { httpMetadata: { contentType: 'application/gzip' } })
  const stored = await scope.auditArchive.get(key)
  const back = stored ? await decodeArchive(new Uint8Array(await stored.arrayBuffer())) : []
  if (canonical(back) !== canonical(rows)) throw new ArchiveVerifyError('archived object does not match')
  const part: ArchivePart = {
    key,
    day,
    first_id: first.id,
    last_id: last.id,
    entries: rows.length,
    bytes: body.byteLength,
    archived_at: scope.now(),
  }
  return commitPart(scope.db, part, dayStart, dayStart + DAY_MS)
}

/**
 * Archives what is due as of `scope.now()`, up to one run's bound; returns the number of entries moved.
 * @example const moved = await archiveAuditLog(scope)
 */
export async function archiveAuditLog(scope: Scope): Promise<number> {
  // Whole days only: the cutoff is the start of the first day still inside the retention age.
  const cutoff = startOfUtcDay(scope.now() - scope.config.auditRetentionDays * DAY_MS)
  let moved = 0
  for (let part = 0; part < ARCHIVE_PARTS_PER_RUN; part++) {
    const oldest = await oldestEntryBefore(scope.db, cutoff)
    if (oldest === null) break
    const dayStart = startOfUtcDay(oldest)
    const rows = await readDayPart(scope.db, dayStart, dayStart + DAY_MS, ARCHIVE_PART_SIZE)
    moved += await archivePart(scope, rows, dayStart)
  }
  return moved
}
