/**
 * Reading the log across D1 and the R2 archive, newest first by id with a keyset cursor, for the CSV export
 * and the JSON API: the D1 page first, then the archived parts (from the ledger, never by a key a caller
 * gives) whose ids could belong on the same page, each object filtered by exactly the filter D1 applies,
 * the caller's space included. At most {@link ARCHIVE_PARTS_PER_READ} objects per read keep a request's
 * subrequests bounded; when more could matter, the page ends where what was read is complete and its
 * cursor continues from there, so paging never skips or repeats an entry.
 */
import type { Scope } from '../../domain/scope'
import { ArchiveFormatError, decodeArchive } from './archive-codec'
import { dayOf } from './archive-days'
import { type AuditFilter, type AuditRow, queryAuditEntries } from './store'
import { listArchiveParts } from './store-archive'

/** Objects one read may fetch from R2. */
const ARCHIVE_PARTS_PER_READ: number = 20

/** A page across D1 and the archive: its rows, newest first, and the cursor of the next one. */
export interface AuditSpan {
  rows: AuditRow[]
  /** `before` for the next page, or undefined at the end. */
  next: number | undefined
}

function matches(filter: AuditFilter, row: AuditRow): boolean {
  return (
    (filter.spaceId === undefined || row.space_id === filter.spaceId) &&
    (filter.actorId === undefined || row.actor_id === filter.actorId) &&
    (filter.action === undefined || row.action === filter.action) &&
    (filter.outcome === undefined || row.outcome === filter.outcome) &&
    (filter.from === undefined || row.at >= filter.from) &&
    (filter.to === undefined || row.at < filter.to)
  )
}

/**
 * Up to `limit` entries under `filter` older than `before`, from D1 and the archive together.
 * @example const { rows, next } = await readAuditSpan(scope, { spaceId }, { before: undefined, limit: 50 })
 */
export async function readAuditSpan(
  scope: Scope,
  filter: AuditFilter,
  page: { before: number | undefined; limit: number },
): Promise<AuditSpan> {
  const before = page.before ?? Number.MAX_SAFE_INTEGER
  const live = await queryAuditEntries(scope.db, filter, { before, limit: page.limit })
  // A full D1 page only needs archived entries newer than its last one (rare: a late entry of an old day).
  const above = live.length === page.limit ? (live.at(-1)?.id ?? 0) : 0
  const parts = await listArchiveParts(scope.db, {
    fromDay: filter.from === undefined ? '0000-01-01' : dayOf(filter.from),
    toDay: filter.to === undefined ? '9999-12-31' : dayOf(filter.to - 1),
    above,
    before,
    limit: ARCHIVE_PARTS_PER_READ + 1,
  })
  const read = parts.slice(0, ARCHIVE_PARTS_PER_READ)
  // Parts not read hold ids up to this one at most: only entries above it are known complete.
  const settled = parts.length > ARCHIVE_PARTS_PER_READ ? (parts.at(-1)?.last_id ?? 0) : 0
  // Only when more than a read's worth of parts all span the cursor (entries of many days written far out
  // of id order): no page could make progress, so this is an error rather than a loop or a silent skip.
  if (settled > 0 && settled + 1 >= before)
    throw new ArchiveFormatError('too many archived parts span this cursor')
  const byId = new Map<number, AuditRow>()
  for (const row of live) byId.set(row.id, row)
  const objects = await Promise.all(read.map((part) => scope.auditArchive.get(part.key)))
  for (const object of objects) {
    // The ledger says the object holds entries that are no longer in D1: a gap is an error, never silence.
    if (!object) throw new ArchiveFormatError('archived object is missing')
    for (const row of await decodeArchive(new Uint8Array(await object.arrayBuffer()))) {
      if (row.id < before && row.id > above && matches(filter, row)) byId.set(row.id, row)
    }
  }
  const rows = [...byId.values()]
    .filter((row) => row.id > settled)
    .sort((a, b) => b.id - a.id)
    .slice(0, page.limit)
  const last = rows.at(-1)
  if (rows.length === page.limit && last) return { rows, next: last.id }
  return { rows, next: settled > 0 ? settled + 1 : undefined }
}
