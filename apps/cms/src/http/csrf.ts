/**
 * CSRF defence. Every state-changing request that a browser could send with ambient credentials (cookie
 * authenticated, or login / session creation) must come from our own origin: `Origin` equal to the
 * request's origin, or, when a browser sends no `Origin`, `Sec-Fetch-Site: same-origin`. A request with
 * neither is refused (fail closed; scripts send `Origin` themselves). HTML forms must also carry a
 * `csrf_token` field: an HMAC of the session id (bound to the session), or, before login, the value of a
 * double-submit cookie. The dashboard's pages go further (`dashboardFormProtection`): their unsafe requests
 * must be forms (415 otherwise) and always carry the token, whatever other headers come with them.
 */
import { constantTimeEqual, encodeBase64url } from '@alokai/internal'
import type { Context, MiddlewareHandler } from 'hono'
import { derivedHmacKey } from '../crypto/derived-key'
import type { CmsConfig } from '../domain/config'
import { isFormRequest } from './body'
import { cookieNaming, readCookie } from './cookies'
import type { CmsHono } from './hono-types'
import { HttpProblem } from './problem'
import { sessionCookieSid } from './session-cookie'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
/** Routes that need same-origin even though they carry an `Authorization` header. */
const ALWAYS_CHECKED = new Set(['/api/auth/session'])
const PRE_SESSION_COOKIE = 'cms_csrf'

/**
 * Whether the request comes from the page's own origin.
 * @example if (!isSameOrigin(c)) throw new HttpProblem(403, 'csrf_failed', 'Cross-site request refused')
 */
function isSameOrigin(c: Context): boolean {
  const origin = c.req.header('origin')
  if (origin !== undefined) return origin === new URL(c.req.url).origin
  return c.req.header('sec-fetch-site') === 'same-origin'
}

/**
 * The form token bound to a session id.
 * @example const token = await csrfTokenForSession(config, sid)
 */
async function csrfTokenForSession(config: CmsConfig, sid: string): Promise<string> {
  const key = await derivedHmacKey(config, 'csrf')
  return encodeBase64url(
    new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`csrf.${sid}`))),
  )
}

/**
 * The form token for this request: bound to the session when there is a valid session cookie, else a
 * fresh double-submit value (also set as a cookie on `c`).
 * @example const token = await issueCsrfToken(c)
 */
export async function issueCsrfToken(c: Context<CmsHono>): Promise<string> {
  const sid = await sessionCookieSid(c)
  if (sid) return csrfTokenForSession(c.var.config, sid)
  const value = encodeBase64url(crypto.getRandomValues(new Uint8Array(32)))
  const { name, secure } = cookieNaming(c, PRE_SESSION_COOKIE)
  c.header('Set-Cookie', `${name}=${value}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`, {
    append: true,
  })
  return value
}

/**
 * What this request's form token is bound to, as a stable id safe to store: the session id with a valid
 * session cookie, else `pre_` and the SHA-256 of the pre-login double-submit cookie (never the cookie
 * itself, which is the token), else `undefined`. A pre-login result (a failed sign-in's flash) is bound to
 * it, so only the browser that sent the form reads it.
 * @example const owner = await formTokenBinding(c)
 */
export async function formTokenBinding(c: Context<CmsHono>): Promise<string | undefined> {
  const sid = await sessionCookieSid(c)
  if (sid) return sid
  const cookie = readCookie(c, cookieNaming(c, PRE_SESSION_COOKIE).name)
  if (cookie === undefined || cookie.length < 32) return undefined
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(cookie))
  return `pre_${encodeBase64url(new Uint8Array(digest))}`
}

async function formTokenValid(c: Context<CmsHono>): Promise<boolean> {
  const form = await c.req.parseBody().catch(() => undefined)
  const submitted = form?.csrf_token
  if (typeof submitted !== 'string' || submitted === '') return false
  const sid = await sessionCookieSid(c)
  if (sid) return constantTimeEqual(submitted, await csrfTokenForSession(c.var.config, sid))
  const cookie = readCookie(c, cookieNaming(c, PRE_SESSION_COOKIE).name)
  return cookie !== undefined && cookie.length >= 32 && constantTimeEqual(submitted, cookie)
}

/**
 * The CSRF middleware for `/api/*`.
 * @example app.use('/api/*', csrfProtection())
 */
export function csrfProtection(): MiddlewareHandler<CmsHono> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next()
    // A request with Authorization ignores cookies, so a forged one carries no ambient credential.
    const ambient = c.req.header('authorization') === undefined || ALWAYS_CHECKED.has(c.req.path)
    if (!ambient) return next()
    if (!isSameOrigin(c)) throw new HttpProblem(403, 'csrf_failed', 'Cross-site request refused')
    if (isFormRequest(c) && !(await formTokenValid(c))) {
      throw new HttpProblem(403, 'csrf_failed', 'Missing or invalid form token')
    }
    return next()
  }
}

/**
 * The CSRF middleware of the dashboard's HTML pages: an unsafe request must be same-origin, must be a form
 * (415 for JSON or anything else, so no body type can skip the token) and must carry a valid form token,
 * with or without an `Authorization` header (pages are for browsers; nothing scripted posts to them).
 * @example group.use('*', dashboardFormProtection())
 */
export function dashboardFormProtection(): MiddlewareHandler<CmsHono> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next()
    if (!isSameOrigin(c)) throw new HttpProblem(403, 'csrf_failed', 'Cross-site request refused')
    if (!isFormRequest(c)) throw new HttpProblem(415, 'unsupported_media_type', 'Send a form')
    if (!(await formTokenValid(c))) throw new HttpProblem(403, 'csrf_failed', 'Missing or invalid form token')
    return next()
  }
}
