/**
 * The audit recorder of one request or one job run: the actor is read when an entry is written (the caller
 * is resolved after the recorder is made), the client IP and the clock are bound once. A failed write fails
 * the operation (a reveal must not happen unaudited) after logging the event name, never the entry. The
 * recorder remembers which actions it wrote, so a route's audit declaration can tell whether its service
 * already recorded the event.
 */
import { type AuditActorType, type AuditOutcome, insertAuditEntry } from './store'

/** Who an entry is attributed to. */
export interface AuditActor {
  type: AuditActorType
  id: string | null
}

/** What an operation says about the event; the actor defaults to the recorder's. */
export interface AuditEvent {
  action: string
  outcome: AuditOutcome
  reason?: string
  spaceId?: string
  targetType?: string
  targetId?: string
  /** Overrides the recorder's actor (e.g. a failed login names the account, not the anonymous caller). */
  actor?: AuditActor
}

/** Appends audit entries for one request or job run. */
export interface AuditRecorder {
  /** Appends one entry; throws (after logging the event name) when the write fails. */
  record(event: AuditEvent): Promise<void>
  /** Whether an entry with this action and outcome was written through this recorder. */
  wrote(action: string, outcome: AuditOutcome): boolean
}

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
