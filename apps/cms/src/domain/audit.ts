/**
 * The audit vocabulary every service speaks: who acted, how it ended, what an event says, and the recorder
 * a service writes it through (`Scope.audit`). The recorder itself, and the insert-only table behind it,
 * live in `features/audit-log/`.
 */

/** Who acted. */
export type AuditActorType = 'user' | 'api_token' | 'anonymous' | 'system'

/** How it ended: `denied` for authorisation refusals, `failure` for attempts that failed otherwise. */
export type AuditOutcome = 'success' | 'denied' | 'failure'

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
}
