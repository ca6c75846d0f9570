/**
 * Session cookies: an @alokai/auth-jwt HS256 token naming the `sid` of a `sessions` row. The cookie is
 * `__Host-cms_session` (Secure, Path=/, no Domain), except in development over plain http, where browsers
 * refuse `__Host-`/Secure cookies and the plain name `cms_session` is used.
 */
import {
  clearSessionCookie as clearCookie,
  createSessionIssuer,
  readSessionCookie,
  type SessionIssuer,
  serializeSessionCookie,
} from '@alokai/auth-jwt'
import type { Context } from 'hono'
import { DEV_PLACEHOLDERS } from '../../config/env-definition'
import type { CmsConfig } from '../../config/load-config'
import type { AppEnv } from '../../http/app-env'
import { cookieNaming } from '../../http/cookies'

/** Session lifetime: a working day. */
export const SESSION_TTL_SECONDS: number = 8 * 60 * 60
const ISSUER = 'alokai-cms'
const AUDIENCE = 'alokai-cms-dashboard'
/** The CMS's own token type (RFC 8725 §3.11), so no other HS256 token of the same secret passes as a session. */
const SESSION_TYP = 'cms-session+jwt'
/** `__Host-cms_session`, or `cms_session` in development over plain http. */
const COOKIE = 'cms_session'

const issuers = new WeakMap<CmsConfig, SessionIssuer>()

/**
 * The session issuer for this config (one per isolate: the key is imported once).
 * @example const token = await sessionIssuer(config).sign({ sub: userId, sid })
 */
export function sessionIssuer(config: CmsConfig): SessionIssuer {
  let issuer = issuers.get(config)
  if (!issuer) {
    issuer = createSessionIssuer({
      secret: config.jwtSecret,
      previousSecrets: config.jwtPreviousSecrets,
      issuer: ISSUER,
      audience: AUDIENCE,
      ttlSeconds: SESSION_TTL_SECONDS,
      typ: SESSION_TYP,
      environment: config.environment,
      // The published .dev.vars.example secret: refused outside development.
      devPlaceholderSecret: DEV_PLACEHOLDERS.AUTH_JWT_SECRET,
    })
    issuers.set(config, issuer)
  }
  return issuer
}

/**
 * The session token from the request's cookie, if any.
 * @example const token = sessionToken(c)
 */
export function sessionToken(c: Context<AppEnv>): string | undefined {
  const header = c.req.header('cookie')
  if (!header) return undefined
  return readSessionCookie(header, cookieNaming(c, COOKIE).name) ?? undefined
}

// The cookie's verified sid, per request: the CSRF check, the caller lookup and the dashboard's form
// token all need it, and the JWT is checked once. Keyed by the request object, so nothing outlives it.
const verifiedSids = new WeakMap<Request, Promise<string | undefined>>()

/**
 * The `sid` of the request's session cookie when its JWT verifies (signature, claims, expiry), else
 * `undefined`. Whether the session is still active is D1's answer, not this one.
 * @example const sid = await sessionCookieSid(c)
 */
export function sessionCookieSid(c: Context<AppEnv>): Promise<string | undefined> {
  let sid = verifiedSids.get(c.req.raw)
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
    verifiedSids.set(c.req.raw, sid)
  }
  return sid
}

/**
 * Sets the session cookie for a new session; `maxAgeSeconds` follows the session row's expiry.
 * @example await setSessionCookie(c, { sub: user.id, sid: session.sid })
 */
export async function setSessionCookie(
  c: Context<AppEnv>,
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
export function clearSessionCookie(c: Context<AppEnv>): void {
  const { name, secure } = cookieNaming(c, COOKIE)
  c.header('Set-Cookie', clearCookie({ secure, name }), { append: true })
}
