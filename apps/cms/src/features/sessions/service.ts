/**
 * Opening and closing a CMS session row. Opening (after a password, IdP bearer or authorization-code
 * sign-in): a new `sessions` row with a fresh sid (never reused across logins). Closing: the row revoked
 * at once and the logout audited. The cookie is the edge's (`http/session-cookie.ts`); `/api/auth` and the
 * dashboard share both halves, so both do it one way.
 */
import type { Scope } from '../../domain/scope'
import { SESSION_TTL_SECONDS } from './session-token'
import { type ActiveSession, type AuthMethod, createSession, revokeSession } from './store'

/** What the sign-in proved beyond the user: when they authenticated, and until when the proof holds. */
export interface SessionProof {
  /** When the user authenticated (epoch ms; 0 = unknown, i.e. not recent). @default now */
  authenticatedAt?: number
  /** The session never outlives this (epoch ms), e.g. the `exp` of the IdP token it was traded for. @default now + 8 h */
  notAfter?: number | null
}

/**
 * Creates the session row; `maxAgeSeconds` is what its cookie should live. A password sign-in
 * authenticates now; a session traded for an IdP token carries that token's `auth_time` and ends at its
 * `exp` at the latest.
 * @example const { session } = await openSession(scope, userId, 'oidc', { authenticatedAt, notAfter: exp })
 */
export async function openSession(
  scope: Scope,
  userId: string,
  authMethod: AuthMethod,
  proof: SessionProof = {},
): Promise<{ session: ActiveSession; maxAgeSeconds: number }> {
  const now = scope.now()
  const expiresAt = Math.min(now + SESSION_TTL_SECONDS * 1000, proof.notAfter ?? Number.POSITIVE_INFINITY)
  const session = await createSession(scope.db, {
    userId,
    authMethod,
    now,
    authenticatedAt: proof.authenticatedAt ?? now,
    expiresAt,
  })
  return { session, maxAgeSeconds: Math.max(1, Math.floor((expiresAt - now) / 1000)) }
}

/**
 * Revokes a session row (it stops on the next request) and audits the logout.
 * @example await closeSession(scope, caller.sid)
 */
export async function closeSession(scope: Scope, sid: string): Promise<void> {
  await revokeSession(scope.db, sid, scope.now())
  await scope.audit.record({
    action: 'auth.logout',
    outcome: 'success',
    targetType: 'session',
    targetId: sid,
  })
}
