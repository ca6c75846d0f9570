/**
 * Starting a CMS session after a successful sign-in (password, IdP bearer, or the dashboard's
 * authorization-code flow): a new `sessions` row with a fresh sid (never reused across logins) and the
 * session cookie naming it. Shared by `/api/auth` and the dashboard so both create sessions one way.
 */
import type { Context } from 'hono'
import { type AppEnv, nowMs } from '../app-env'
import { SESSION_TTL_SECONDS, setSessionCookie } from '../auth/session'
import { type ActiveSession, type AuthMethod, createSession } from '../db/sessions'

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
