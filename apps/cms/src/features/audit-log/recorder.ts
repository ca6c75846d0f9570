/**
 * The audit recorder of one request or one job run: the actor is read when an entry is written (the caller
 * is resolved after the recorder is made), the client IP and the clock are bound once. A failed write fails
 * the operation (a reveal must not happen unaudited) after logging the event name, never the entry.
 * Services are its only writers (and `authorize`, for a refusal): nothing records after the fact.
 */
import type { AuditActor, AuditRecorder } from '../../domain/audit'
import { insertAuditEntry } from './store'

/**
 * Makes the recorder of a request or a job run.
 * @example const audit = createAuditRecorder({ db, now, clientIp, actor: () => ({ type: 'system', id: null }) })
 */
export function createAuditRecorder(options: {
  db: D1Database
  now: () => number
  clientIp: string | null
  actor: () => AuditActor
}): AuditRecorder {
  return {
    async record(event) {
      const actor = event.actor ?? options.actor()
      try {
        await insertAuditEntry(options.db, {
          at: options.now(),
          actorType: actor.type,
          actorId: actor.id,
          action: event.action,
          outcome: event.outcome,
          reason: event.reason ?? null,
          spaceId: event.spaceId ?? null,
          targetType: event.targetType ?? null,
          targetId: event.targetId ?? null,
          clientIp: options.clientIp,
        })
      } catch (err) {
        console.error(
          JSON.stringify({ level: 'error', event: 'audit_write_failed', error: (err as Error).name }),
        )
        throw err
      }
    },
  }
}
