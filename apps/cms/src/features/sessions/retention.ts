/**
 * How long session and login-throttle rows are kept, and the pruning the scheduled job runs. Neither kind
 * of row is needed once it can no longer change an answer: a dead session never authenticates again, and a
 * settled throttle row answers exactly as a missing one. The audit log (kept for good) records logins,
 * logouts and revocations, so pruning these rows loses no history.
 */
import type { Scope } from '../../domain/scope'
import { deleteSessionsEndedBy } from './store'
import { deleteSettledAttempts } from './store-login-throttle'

/**
 * How long a session row stays after it expired or was revoked. A day keeps the row for someone looking
 * into a sign-out or a revocation the same day; with 8-hour sessions the table then holds at most about
 * a day and a third of logins.
 */
const DEAD_SESSION_RETENTION_MS: number = 24 * 60 * 60 * 1000

/**
 * Deletes the sessions that expired or were revoked more than `DEAD_SESSION_RETENTION_MS` ago.
 * @example const deleted = await pruneSessions(scope)
 */
export async function pruneSessions(scope: Scope): Promise<number> {
  return deleteSessionsEndedBy(scope.db, scope.now() - DEAD_SESSION_RETENTION_MS)
}

/**
 * Deletes the login-throttle rows whose window and lock are over and whose address has no success within
 * the last 30 days (the rows a login would treat as new anyway).
 * @example const deleted = await pruneLoginThrottle(scope)
 */
export async function pruneLoginThrottle(scope: Scope): Promise<number> {
  return deleteSettledAttempts(scope.db, scope.now())
}
