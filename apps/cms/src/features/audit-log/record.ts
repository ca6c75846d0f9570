/**
 * Records an audit entry for the current request: the actor comes from the resolved caller (or what the
 * route says), the client IP from `CF-Connecting-IP`, the time from the request clock. A failed write
 * fails the request (a reveal must not happen unaudited) after logging the event name, never the entry.
 */
import type { Context } from 'hono'
import { type AppEnv, nowMs } from '../../http/app-env'
import { type AuditActorType, type AuditOutcome, insertAuditEntry } from './store'

/** What a route says about the event; actor and IP default to the request's. */
export interface AuditEvent {
  action: string
  outcome: AuditOutcome
  reason?: string
  spaceId?: string
  targetType?: string
  targetId?: string
  /** Overrides the actor taken from the resolved caller (e.g. an API token, or a failed login). */
  actor?: { type: AuditActorType; id: string | null }
}

/**
 * Appends an audit entry for this request.
 * @example await recordAudit(c, { action: 'tokens.create', outcome: 'success', spaceId, targetType: 'api_token', targetId: id })
 */
export async function recordAudit(c: Context<AppEnv>, event: AuditEvent): Promise<void> {
  const caller = c.var.caller
  const actor =
    event.actor ??
    (caller?.via === 'api_token'
      ? { type: 'api_token' as const, id: caller.tokenId }
      : caller
        ? { type: 'user' as const, id: caller.userId }
        : { type: 'anonymous' as const, id: null })
  try {
    await insertAuditEntry(c.env.DB, {
      at: nowMs(c),
      actorType: actor.type,
      actorId: actor.id,
      action: event.action,
      outcome: event.outcome,
      reason: event.reason ?? null,
      spaceId: event.spaceId ?? null,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      clientIp: c.req.header('cf-connecting-ip') ?? null,
    })
  } catch (err) {
    console.error(JSON.stringify({ level: 'error', event: 'audit_write_failed', error: (err as Error).name }))
    throw err
  }
}
