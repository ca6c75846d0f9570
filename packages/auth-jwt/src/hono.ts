/**
 * `@alokai/auth-jwt/hono`: the session cookie as Hono middleware. It reads the session cookie, verifies it
 * with the issuer, and puts the verified payload on the context as `session`; a missing, tampered or
 * expired cookie gets a 401 `application/problem+json` answer that never echoes the cookie. Errors that are
 * not about the token (a misconfigured issuer) are rethrown for the app's `onError`: they are a 500, not
 * the user's fault. Hono is an optional peer dependency: this module imports only its types.
 */
import { isJwtErrorCode } from '@alokai/internal'
import type { Context, MiddlewareHandler } from 'hono'
import { isAuthJwtError } from './errors.ts'
import { DEFAULT_COOKIE_NAME } from './internal/cookie-syntax.ts'
import { readSessionCookie } from './read-session-cookie.ts'
import type { CustomClaims, SessionIssuer, SessionPayload } from './types.ts'

/**
 * The Hono environment `sessionAuth` provides: `c.get('session')` is the verified payload.
 *
 * @example
 * ```ts
 * const app = new Hono<SessionAuthEnv>()
 * app.use('/dashboard/*', sessionAuth({ issuer: sessions }))
 * app.get('/dashboard/me', (c) => c.json({ sub: c.get('session').sub }))
 * ```
 */
export interface SessionAuthEnv<C extends CustomClaims = Record<never, never>> {
  Variables: { session: SessionPayload<C> }
}

/**
 * Options of {@link sessionAuth}.
 *
 * @example
 * ```ts
 * const options: SessionAuthOptions = { issuer: sessions, cookieName: '__Host-cms_session' }
 * ```
 */
export interface SessionAuthOptions<C extends CustomClaims = Record<never, never>> {
  /** The issuer that signed the cookie's token (`createSessionIssuer`). */
  issuer: SessionIssuer<C>
  /** The session cookie's name. @default '__Host-session' */
  cookieName?: string
}

// RFC 9457 problem details; fixed texts, so nothing from the request can be reflected.
function unauthorized(c: Context, detail: string): Response {
  c.header('Cache-Control', 'no-store')
  return c.body(JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: 401, detail }), 401, {
    'Content-Type': 'application/problem+json',
  })
}

/**
 * Hono middleware that requires a valid session cookie and sets `c.get('session')`.
 *
 * @example
 * ```ts
 * import { createSessionIssuer } from '@alokai/auth-jwt'
 * import { type SessionAuthEnv, sessionAuth } from '@alokai/auth-jwt/hono'
 * import { Hono } from 'hono'
 *
 * const sessions = createSessionIssuer({ secret, issuer: 'https://app.example.com', audience: 'app', ttlSeconds: 3600 })
 * const app = new Hono<SessionAuthEnv>()
 * app.use('/api/*', sessionAuth({ issuer: sessions }))
 * app.get('/api/me', (c) => c.json({ user: c.get('session').sub }))
 * ```
 */
// Generic in the app's env too (which must include `SessionAuthEnv<C>`), so a wrapper that builds the
// issuer from `c.env` per request can pass its own context, as with `oidcAuth` of `@alokai/auth-oidc/hono`.
export function sessionAuth<
  C extends CustomClaims = Record<never, never>,
  E extends SessionAuthEnv<C> = SessionAuthEnv<C>,
>(options: SessionAuthOptions<C>): MiddlewareHandler<E> {
  const { issuer, cookieName = DEFAULT_COOKIE_NAME } = options ?? {}
  if (typeof issuer?.verify !== 'function') throw new TypeError('issuer must be a session issuer')
  if (typeof cookieName !== 'string' || cookieName.length === 0) {
    throw new TypeError('cookieName must be a non-empty string')
  }
  return async (c, next) => {
    const token = readSessionCookie(c.req.header('cookie'), cookieName)
    if (token === undefined) return unauthorized(c, 'a session cookie is required')
    let session: SessionPayload<C>
    try {
      session = await issuer.verify(token)
    } catch (error) {
      if (isAuthJwtError(error) && isJwtErrorCode(error.code)) {
        return unauthorized(c, 'the session cookie is invalid or expired')
      }
      throw error
    }
    c.set('session', session)
    await next()
    return undefined
  }
}
