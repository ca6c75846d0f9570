/**
 * Starting and ending a CMS session. Starting (after a password, IdP bearer or authorization-code
 * sign-in): a new `sessions` row with a fresh sid (never reused across logins) and the session cookie
 * naming it. Ending: the row revoked at once, the cookie cleared, the logout audited. Shared by
 * `/api/auth` and the dashboard so both do it one way.
 */
import type { Context } from 'hono'
import { type AppEnv, nowMs } from '../app-env'
import { recordAudit } from '../audit/record-audit'
import { getCaller } from '../auth/identify'
import { clearSessionCookie, SESSION_TTL_SECONDS, setSessionCookie } from '../auth/session'
import { type ActiveSession, type AuthMethod, createSession, revokeSession } from '../db/sessions'

/**
 * Creates the session and sets its cookie on the response.
 * @example const session = await beginSession(c, userId, 'password')
 */
export async function beginSession(
  c: Context<AppEnv>,
  userId: string,
  authMethod: AuthMethod,
): Promise<ActiveSession> {
  const session = await createSession(c.env.DB, {
    userId,
    authMethod,
    now: nowMs(c),
    ttlMs: SESSION_TTL_SECONDS * 1000,
  })
  await setSessionCookie(c, { sub: userId, sid: session.sid })
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
