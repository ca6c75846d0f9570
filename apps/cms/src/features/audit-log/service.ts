/**
 * Reading the audit log for people: a page of entries matching a filter, each with the names behind its
 * ids (the actor's email or token name, the target's name, the space's name), and the cursors of the
 * newer and older pages; or, for the CSV export, up to {@link AUDIT_EXPORT_LIMIT} matching entries.
 */
import { AUDIT_ACTIONS } from '../../domain/audit-actions'
import type { Scope } from '../../domain/scope'
import { userLabels } from '../users/service-labels'
import { dayOf } from './archive-days'
import { type AuditSpan, readAuditSpan } from './archive-read'
import { type AuditFilter, type AuditRow, hasNewerAuditEntry, queryAuditEntries } from './store'

export { archiveAuditLog } from './archive'
export type { AuditRow } from './store'

import { namesOf } from './store-names'

/** Entries on one dashboard page. */
const AUDIT_PAGE_SIZE: number = 50
/** The most entries one CSV export holds (a D1 read of this size stays well inside a request's limits). */
const AUDIT_EXPORT_LIMIT: number = 5000

/** An entry with the names of the ids it holds, where the named thing still exists. */
export interface NamedAuditEntry extends AuditRow {
  actorName: string | undefined
  targetName: string | undefined
  spaceName: string | undefined
}

/** One page: its entries newest first, and the cursors of the pages either side (absent at an end). */
export interface AuditPage {
  entries: NamedAuditEntry[]
  newer: { after: number } | undefined
  older: { before: number } | undefined
}

async function named(scope: Scope, rows: AuditRow[]): Promise<NamedAuditEntry[]> {
  const ids = new Set<string>()
  for (const row of rows) for (const id of [row.actor_id, row.target_id, row.space_id]) if (id) ids.add(id)
  const userIds = [...ids].filter((id) => id.startsWith('usr_'))
  const [names, users] = await Promise.all([namesOf(scope.db, ids), userLabels(scope, userIds)])
  for (const [id, label] of users) names.set(id, label)
  const nameOf = (id: string | null) => (id === null ? undefined : names.get(id))
  return rows.map((row) => ({
    ...row,
    actorName: nameOf(row.actor_id),
    targetName: nameOf(row.target_id),
    spaceName: nameOf(row.space_id),
  }))
}

/**
 * One page of the log under `filter`, from a cursor (`before` = older than, `after` = newer than).
 * @example const page = await readAuditPage(scope, { spaceId }, { before: 1200 })
 */
export async function readAuditPage(
  scope: Scope,
  filter: AuditFilter,
  cursor: { before?: number | undefined; after?: number | undefined },
): Promise<AuditPage> {
  // One row more than a page tells whether another page follows in the direction read.
  const rows = await queryAuditEntries(scope.db, filter, { ...cursor, limit: AUDIT_PAGE_SIZE + 1 })
  const more = rows.length > AUDIT_PAGE_SIZE
  const going = cursor.after !== undefined ? 'newer' : 'older'
  // Newest first either way: reading newer, the extra row is the newest; reading older, the oldest.
  const page = more ? (going === 'newer' ? rows.slice(1) : rows.slice(0, AUDIT_PAGE_SIZE)) : rows
  const first = page[0]
  const last = page.at(-1)
  const hasNewer =
    going === 'newer'
      ? more
      : cursor.before !== undefined &&
        first !== undefined &&
        (await hasNewerAuditEntry(scope.db, filter, first.id))
  const hasOlder = going === 'older' ? more : last !== undefined
  return {
    entries: await named(scope, page),
    newer: hasNewer && first ? { after: first.id } : undefined,
    older: hasOlder && last ? { before: last.id } : undefined,
  }
}

/**
 * Every entry under `filter` for an export, newest first, at most {@link AUDIT_EXPORT_LIMIT}: from D1 and,
 * for days already moved there, from the R2 archive.
 * @example const entries = await readAuditExport(scope, { spaceId, from: Date.UTC(2025, 0, 1) })
 */
export async function readAuditExport(scope: Scope, filter: AuditFilter): Promise<NamedAuditEntry[]> {
  const { rows } = await readAuditSpan(scope, filter, { before: undefined, limit: AUDIT_EXPORT_LIMIT })
  return named(scope, rows)
}

/**
 * The raw entries of the JSON API under `filter`, newest first, older than `before` when given, across D1
 * and the archive, with the cursor of the next page.
 * @example const { rows, next } = await readAuditEntries(scope, { spaceId }, { before: undefined, limit: 50 })
 */
export async function readAuditEntries(
  scope: Scope,
  filter: AuditFilter,
  page: { before: number | undefined; limit: number },
): Promise<AuditSpan> {
  return readAuditSpan(scope, filter, page)
}

/**
 * The first UTC day (`YYYY-MM-DD`) whose entries stay in D1: older ones move to the R2 archive, where the
 * CSV export and the JSON API read them and the dashboard's pages do not.
 * @example const horizon = archiveHorizon(scope) // '2025-11-02'
 */
export function archiveHorizon(scope: Scope): string {
  return dayOf(scope.now() - scope.config.auditRetentionDays * 24 * 60 * 60 * 1000)
}

/**
 * The actions the filter offers: every action the CMS records (the domain's list), not a scan of the log,
 * so a page view costs the same at any size of the log.
 * @example const actions = auditActions()
 */
export function auditActions(): readonly string[] {
  return AUDIT_ACTIONS
}
