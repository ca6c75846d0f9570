/**
 * The session cookie: `__Host-cms_session` (Secure, Path=/, no Domain), except in development over plain
 * http, where browsers refuse `__Host-`/Secure cookies and the plain name `cms_session` is used. It carries
 * the session token of `features/sessions/session-token.ts`; `session-lifecycle.ts` pairs it with the
 * `sessions` row.
 */
import {
  clearSessionCookie as clearCookie,
  readSessionCookie,
  serializeSessionCookie,
} from '@alokai/auth-jwt'
import type { Context } from 'hono'
import { SESSION_TTL_SECONDS, sessionIssuer } from '../features/sessions/session-token'
import { cookieNaming } from './cookies'
import type { CmsHono } from './hono-types'

/** `__Host-cms_session`, or `cms_session` in development over plain http. */
const COOKIE = 'cms_session'

/**
 * The session token from the request's cookie, if any.
 * @example const token = sessionToken(c)
 */
export function sessionToken(c: Context<CmsHono>): string | undefined {
  const header = c.req.header('cookie')
  if (!header) return undefined
  return readSessionCookie(header, cookieNaming(c, COOKIE).name) ?? undefined
}

/**
 * The `sid` of the request's session cookie when its JWT verifies (signature, claims, expiry), else
 * `undefined`. Whether the session is still active is D1's answer, not this one.
 * @example const sid = await sessionCookieSid(c)
 */
export function sessionCookieSid(c: Context<CmsHono>): Promise<string | undefined> {
  // The CSRF check, the caller lookup and the dashboard's form token all need it: the JWT is checked once
  // per request and the answer kept on the context, so nothing outlives the request.
  let sid = c.var.sessionSid
  if (!sid) {
    const token = sessionToken(c)
    sid = token
      ? sessionIssuer(c.var.config)
          .verify(token)
          .then(
            (payload) => payload.sid,
            () => undefined,
          )
      : Promise.resolve(undefined)
    c.set('sessionSid', sid)
  }
  return sid
}

/**
 * Sets the session cookie for a new session; `maxAgeSeconds` follows the session row's expiry.
 * @example await setSessionCookie(c, { sub: user.id, sid: session.sid })
 */
export async function setSessionCookie(
  c: Context<CmsHono>,
  claims: { sub: string; sid: string },
  maxAgeSeconds: number = SESSION_TTL_SECONDS,
): Promise<void> {
  const token = await sessionIssuer(c.var.config).sign(claims)
  const { name, secure } = cookieNaming(c, COOKIE)
  c.header('Set-Cookie', serializeSessionCookie(token, { maxAge: maxAgeSeconds, secure, name }), {
    append: true,
  })
}

/**
 * Expires the session cookie in the browser (the row is revoked separately).
 * @example clearSessionCookie(c)
 */
export function clearSessionCookie(c: Context<CmsHono>): void {
  const { name, secure } = cookieNaming(c, COOKIE)
  c.header('Set-Cookie', clearCookie({ secure, name }), { append: true })
}
