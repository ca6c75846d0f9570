/**
 * Starting and ending a CMS session. Starting (after a password, IdP bearer or authorization-code
 * sign-in): a new `sessions` row with a fresh sid (never reused across logins) and the session cookie
 * naming it. Ending: the row revoked at once, the cookie cleared, the logout audited. Shared by
 * `/api/auth` and the dashboard so both do it one way.
 */
import type { Context } from 'hono'
import { type AppEnv, nowMs } from '../../http/app-env'
import { getCaller } from '../../http/identify'
import { recordAudit } from '../audit-log/record'
import { clearSessionCookie, SESSION_TTL_SECONDS, setSessionCookie } from './session-token'
import { type ActiveSession, type AuthMethod, createSession, revokeSession } from './store'

/** What the sign-in proved beyond the user: when they authenticated, and until when the proof holds. */
export interface SessionProof {
  /** When the user authenticated (epoch ms; 0 = unknown, i.e. not recent). @default now */
  authenticatedAt?: number
  /** The session never outlives this (epoch ms), e.g. the `exp` of the IdP token it was traded for. @default now + 8 h */
  notAfter?: number | null
}

/**
 * Creates the session and sets its cookie on the response. A password sign-in authenticates now; a
 * session traded for an IdP token carries that token's `auth_time` and ends at its `exp` at the latest.
 * @example const session = await beginSession(c, userId, 'oidc', { authenticatedAt, notAfter: exp })
 */
export async function beginSession(
  c: Context<AppEnv>,
  userId: string,
  authMethod: AuthMethod,
  proof: SessionProof = {},
): Promise<ActiveSession> {
  const now = nowMs(c)
  const expiresAt = Math.min(now + SESSION_TTL_SECONDS * 1000, proof.notAfter ?? Number.POSITIVE_INFINITY)
  const session = await createSession(c.env.DB, {
    userId,
    authMethod,
    now,
    authenticatedAt: proof.authenticatedAt ?? now,
    expiresAt,
  })
  await setSessionCookie(
    c,
    { sub: userId, sid: session.sid },
    Math.max(1, Math.floor((expiresAt - now) / 1000)),
  )
  return session
}

/**
 * Ends the caller's cookie session, if any (revoked in D1, so it stops on the next request), and clears
 * the cookie either way.
 * @example await endSession(c)
 */
export async function endSession(c: Context<AppEnv>): Promise<void> {
  const caller = await getCaller(c)
  if (caller?.via === 'session' && caller.sid) {
    await revokeSession(c.env.DB, caller.sid, nowMs(c))
    await recordAudit(c, {
      action: 'auth.logout',
      outcome: 'success',
      targetType: 'session',
      targetId: caller.sid,
    })
  }
  clearSessionCookie(c)
}
