/**
 * Starting and ending a session at the edge: the service opens or closes the `sessions` row (and audits
 * the logout), this sets or clears the cookie that names it.
 */
import type { Context } from 'hono'
import {
  type ActiveSession,
  type AuthMethod,
  closeSession,
  openSession,
  type SessionProof,
} from '../features/sessions/service'
import type { CmsHono } from './hono-types'
import { getCaller } from './identify'
import { clearSessionCookie, setSessionCookie } from './session-cookie'

/**
 * Starts a session (a new `sessions` row) and sets its cookie on the response.
 * @example await beginSession(c, userId, 'password')
 */
export async function beginSession(
  c: Context<CmsHono>,
  userId: string,
  authMethod: AuthMethod,
  proof: SessionProof = {},
): Promise<ActiveSession> {
  const { session, maxAgeSeconds } = await openSession(c.var.scope, userId, authMethod, proof)
  await setSessionCookie(c, { sub: userId, sid: session.sid }, maxAgeSeconds)
  return session
}

/**
 * Ends the caller's cookie session, if any (revoked in D1, so it stops on the next request), and clears
 * the cookie either way.
 * @example await endSession(c)
 */
export async function endSession(c: Context<CmsHono>): Promise<void> {
  const caller = await getCaller(c)
  if (caller?.via === 'session' && caller.sid) await closeSession(c.var.scope, caller.sid)
  clearSessionCookie(c)
}
