/**
 * Data access for `audit_log`: insert and read, nothing else. The table is insert-only (its triggers abort
 * any UPDATE or DELETE), and this module deliberately exports no way to change or remove an entry.
 */

import type { AuditActorType, AuditOutcome } from '../../domain/audit'

/** One entry as written. Every field is an id, a fixed code or a time — never a secret or user text. */
export interface AuditEntry {
  at: number
  actorType: AuditActorType
  actorId: string | null
  action: string
  outcome: AuditOutcome
  reason?: string | null
  spaceId?: string | null
  targetType?: string | null
  targetId?: string | null
  clientIp?: string | null
}

/** One entry as read. */
export interface AuditRow {
  id: number
  at: number
  actor_type: AuditActorType
  actor_id: string | null
  action: string
  outcome: AuditOutcome
  reason: string | null
  space_id: string | null
  target_type: string | null
  target_id: string | null
  client_ip: string | null
}

/**
 * Appends an entry.
 * @example await insertAuditEntry(env.DB, { at: Date.now(), actorType: 'user', actorId, action: 'tokens.create', outcome: 'success' })
 */
export async function insertAuditEntry(db: D1Database, entry: AuditEntry): Promise<void> {
  await db
    .prepare(
      `INSERT INTO audit_log
         (at, actor_type, actor_id, action, outcome, reason, space_id, target_type, target_id, client_ip)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)`,
    )
    .bind(
      entry.at,
      entry.actorType,
      entry.actorId,
      entry.action,
      entry.outcome,
      entry.reason ?? null,
      entry.spaceId ?? null,
      entry.targetType ?? null,
      entry.targetId ?? null,
      entry.clientIp ?? null,
    )
    .run()
}

/** What the log can be narrowed to; every field optional, all of them ANDed. */
export interface AuditFilter {
  /** Entries of this space only (`undefined`: every space, for the global log). */
  spaceId?: string | undefined
  /** The acting user's or API token's id. */
  actorId?: string | undefined
  action?: string | undefined
  outcome?: AuditOutcome | undefined
  /** From this time on (epoch ms, inclusive). */
  from?: number | undefined
  /** Before this time (epoch ms, exclusive). */
  to?: number | undefined
}

function where(filter: AuditFilter): { sql: string; params: (string | number)[] } {
  const clauses: string[] = []
  const params: (string | number)[] = []
  const add = (clause: string, value: string | number | undefined) => {
    if (value === undefined) return
    params.push(value)
    clauses.push(clause.replace('?', `?${params.length}`))
  }
  add('space_id = ?', filter.spaceId)
  add('actor_id = ?', filter.actorId)
  add('action = ?', filter.action)
  add('outcome = ?', filter.outcome)
  add('at >= ?', filter.from)
  add('at < ?', filter.to)
  return { sql: clauses.length ? clauses.join(' AND ') : '1 = 1', params }
}

/**
 * One page of entries matching `filter`, newest first. Keyset pagination by id, stable while new entries
 * arrive: `before` gives the page older than that entry, `after` the page newer than it.
 * @example const rows = await queryAuditEntries(env.DB, { spaceId, action: 'tokens.reveal' }, { limit: 50 })
 */
export async function queryAuditEntries(
  db: D1Database,
  filter: AuditFilter,
  page: { before?: number | undefined; after?: number | undefined; limit: number },
): Promise<AuditRow[]> {
  const { sql, params } = where(filter)
  const n = params.length
  if (page.after !== undefined) {
    const res = await db
      .prepare(`SELECT * FROM audit_log WHERE ${sql} AND id > ?${n + 1} ORDER BY id ASC LIMIT ?${n + 2}`)
      .bind(...params, page.after, page.limit)
      .all<AuditRow>()
    return res.results.reverse()
  }
  const res = await db
    .prepare(`SELECT * FROM audit_log WHERE ${sql} AND id < ?${n + 1} ORDER BY id DESC LIMIT ?${n + 2}`)
    .bind(...params, page.before ?? Number.MAX_SAFE_INTEGER, page.limit)
    .all<AuditRow>()
  return res.results
}

/**
 * Whether an entry matching `filter` is newer than `id` (so a page knows to offer "Newer").
 * @example const newer = await hasNewerAuditEntry(env.DB, filter, rows[0].id)
 */
export async function hasNewerAuditEntry(db: D1Database, filter: AuditFilter, id: number): Promise<boolean> {
  const { sql, params } = where(filter)
  const row = await db
    .prepare(`SELECT 1 AS found FROM audit_log WHERE ${sql} AND id > ?${params.length + 1} LIMIT 1`)
    .bind(...params, id)
    .first<{ found: number }>()
  return row !== null
}
