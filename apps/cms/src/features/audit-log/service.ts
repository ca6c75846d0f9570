/**
 * Reading the audit log for people: a page of entries matching a filter, each with the names behind its
 * ids (the actor's email or token name, the target's name, the space's name), and the cursors of the
 * newer and older pages; or, for the CSV export, up to {@link AUDIT_EXPORT_LIMIT} matching entries.
 */
import type { Scope } from '../../domain/scope'
import {
  type AuditFilter,
  type AuditRow,
  hasNewerAuditEntry,
  listAuditActions,
  listAuditEntries,
  queryAuditEntries,
} from './store'

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
  const names = await namesOf(scope.db, ids)
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
 * Every entry under `filter` for an export, newest first, at most {@link AUDIT_EXPORT_LIMIT}.
 * @example const entries = await readAuditExport(scope, { spaceId })
 */
export async function readAuditExport(scope: Scope, filter: AuditFilter): Promise<NamedAuditEntry[]> {
  return named(scope, await queryAuditEntries(scope.db, filter, { limit: AUDIT_EXPORT_LIMIT }))
}

/**
 * The raw entries of the JSON API, newest first: a space's (or, with `undefined`, everyone's), older than
 * `before` when given.
 * @example const rows = await readAuditEntries(scope, { spaceId, before: undefined, limit: 50 })
 */
export async function readAuditEntries(
  scope: Scope,
  page: { spaceId: string | undefined; before: number | undefined; limit: number },
): Promise<AuditRow[]> {
  return listAuditEntries(scope.db, page)
}

/**
 * The actions that occur in a space's log (or, with `undefined`, in the whole log), for the filter's list.
 * @example const actions = await auditActions(scope, spaceId)
 */
export async function auditActions(scope: Scope, spaceId: string | undefined): Promise<string[]> {
  return listAuditActions(scope.db, spaceId)
}
