/**
 * The audit recorder of one request or one job run: the actor is read when an entry is written (the caller
 * is resolved after the recorder is made), the client IP and the clock are bound once. A failed write fails
 * the operation (a reveal must not happen unaudited) after logging the event name, never the entry. The
 * recorder remembers which actions it wrote, so a route's audit declaration can tell whether its service
 * already recorded the event.
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
  const written = new Set<string>()
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
      written.add(`${event.action} ${event.outcome}`)
    },
    wrote(action, outcome) {
      return written.has(`${action} ${outcome}`)
    },
  }
}
