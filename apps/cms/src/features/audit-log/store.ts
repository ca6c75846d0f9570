/**
 * Data access for `audit_log`: insert and read, nothing else. The table is insert-only (its triggers abort
 * any UPDATE or DELETE), and this module deliberately exports no way to change or remove an entry.
 */

/** Who acted. */
export type AuditActorType = 'user' | 'api_token' | 'anonymous' | 'system'

/** How it ended: `denied` for authorisation refusals, `failure` for attempts that failed otherwise. */
export type AuditOutcome = 'success' | 'denied' | 'failure'

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

/**
 * Entries newest first, for one space or (with `spaceId: undefined`) all of them; `before` is the id of
 * the last entry of the previous page (keyset pagination: stable while new entries arrive).
 * @example const rows = await listAuditEntries(env.DB, { spaceId, limit: 50 })
 */
export async function listAuditEntries(
  db: D1Database,
  input: { spaceId?: string | undefined; before?: number | undefined; limit: number },
): Promise<AuditRow[]> {
  const before = input.before ?? Number.MAX_SAFE_INTEGER
  const res =
    input.spaceId === undefined
      ? await db
          .prepare('SELECT * FROM audit_log WHERE id < ?1 ORDER BY id DESC LIMIT ?2')
          .bind(before, input.limit)
          .all<AuditRow>()
      : await db
          .prepare('SELECT * FROM audit_log WHERE space_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3')
          .bind(input.spaceId, before, input.limit)
          .all<AuditRow>()
  return res.results
}
