/**
 * Sessions, the feature's door: finding the live session behind a cookie (with its user's roles), and
 * opening and closing a CMS session row. Opening (after a password, IdP bearer or authorization-code
 * sign-in): a new `sessions` row with a fresh sid (never reused across logins). Closing: the row revoked
 * at once and the logout audited. The cookie is the edge's (`http/session-cookie.ts`); `/api/auth` and the
 * dashboard share both halves, so both do it one way.
 */
import { InvalidCredentials } from '../../domain/errors'
import type { UserRoles } from '../../domain/roles'
import type { Scope } from '../../domain/scope'
import { sessionUserRead } from '../users/session-user'
import { SESSION_TTL_SECONDS } from './session-token'
import {
  type ActiveSession,
  type AuthMethod,
  activeSessionQuery,
  createSession,
  revokeOtherUserSessions,
  revokeSession,
  revokeUserSessions as revokeUserSessionRows,
  toActiveSession,
} from './store'

export type { ActiveSession, AuthMethod } from './store'

/** A valid session with its user's roles and the label pages name them by. */
export interface ActiveSessionWithUser extends ActiveSession {
  roles: UserRoles
  /** Undefined only if the user row went between the two reads of one batch (it cannot: one transaction). */
  label: string | undefined
}

/**
 * The session if it exists, is not revoked or expired, and its user is active, with the user's roles and
 * label: one batch (one round trip, one consistent read) for what every cookie-authenticated request needs.
 * @example const session = await findActiveSession(scope, sid)
 */
export async function findActiveSession(scope: Scope, sid: string): Promise<ActiveSessionWithUser | null> {
  const user = sessionUserRead(scope, sid)
  const [session, ...results] = await scope.db.batch<unknown>([
    activeSessionQuery(scope.db, sid, scope.now()),
    ...user.statements,
  ])
  const row = toActiveSession(session)
  return row ? { ...row, ...user.user(results) } : null
}

/**
 * Revokes every live session of a user (it stops on their next request); how many were revoked.
 * @example const n = await revokeUserSessions(scope, userId)
 */
export async function revokeUserSessions(scope: Scope, userId: string): Promise<number> {
  return revokeUserSessionRows(scope.db, userId, scope.now())
}

/**
 * Revokes every live session of a user but `keepSid` (or all of them without one); how many.
 * @example const n = await revokeOtherSessions(scope, userId, caller.sid)
 */
export async function revokeOtherSessions(
  scope: Scope,
  userId: string,
  keepSid: string | undefined,
): Promise<number> {
  if (keepSid === undefined) return revokeUserSessionRows(scope.db, userId, scope.now())
  return revokeOtherUserSessions(scope.db, userId, keepSid, scope.now())
}

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
 * `exp` at the latest. `InvalidCredentials` (the one answer a disabled user gets) when the user was
 * disabled after the sign-in checked them: the row is not written.
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
  if (!session) throw new InvalidCredentials()
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

/** What an IdP token proved: its user, when they signed in at the IdP, and until when the token holds. */
export interface IdpSignIn {
  userId: string
  /** The token's `auth_time` (epoch ms), 0 without one. */
  authenticatedAt: number
  /** The token's `exp` (epoch ms), `null` without one. */
  expiresAt: number | null
}

// A failure's reason is the error's stable code (a problem's, e.g. `unauthenticated`), else `error`.
function reasonOf(err: unknown): string {
  const code = err instanceof Error ? (err as Error & { code?: unknown }).code : undefined
  return typeof code === 'string' ? code : 'error'
}

/**
 * Trades an IdP token for a session row (no fresher than the token's sign-in, no longer-lived than the
 * token), audited as `auth.session`: a success names the signed-in user as actor; a failure of `signIn`
 * (no token, a bad one, a missing scope, a disabled user) or of the session write is recorded with the
 * error's code as reason and rethrown.
 * @example const { userId, session, maxAgeSeconds } = await openIdpSession(scope, () => verify(token))
 */
export async function openIdpSession(
  scope: Scope,
  signIn: () => Promise<IdpSignIn>,
): Promise<{ userId: string; session: ActiveSession; maxAgeSeconds: number }> {
  let opened: { userId: string; session: ActiveSession; maxAgeSeconds: number }
  try {
    const { userId, authenticatedAt, expiresAt } = await signIn()
    const proof = { authenticatedAt, notAfter: expiresAt }
    opened = { userId, ...(await openSession(scope, userId, 'oidc', proof)) }
  } catch (err) {
    await scope.audit.record({ action: 'auth.session', outcome: 'failure', reason: reasonOf(err) })
    throw err
  }
  await scope.audit.record({
    action: 'auth.session',
    outcome: 'success',
    actor: { type: 'user', id: opened.userId },
  })
  return opened
}
