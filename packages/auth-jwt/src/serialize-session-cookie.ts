/**
 * Builds the `Set-Cookie` header that carries a session token: HttpOnly (no script can read it), Secure,
 * SameSite=Lax (not sent on cross-site subresource requests or POSTs) and Path=/, under a `__Host-` name by
 * default. A `__Host-` or `__Secure-` name without Secure is a TypeError, because browsers silently drop
 * such a cookie and the user would simply never stay signed in.
 */
import { COOKIE_NAME, COOKIE_VALUE, DEFAULT_COOKIE_NAME } from './internal/cookie-syntax.ts'

/**
 * Options of {@link serializeSessionCookie}.
 *
 * @example
 * ```ts
 * const options: SessionCookieOptions = { maxAge: 8 * 3600 }
 * ```
 */
export interface SessionCookieOptions {
  /** Lifetime in seconds; match the issuer's `ttlSeconds`. */
  maxAge: number
  /** Add `Secure`. Only turn off for plain-http local development with a non-prefixed name. @default true */
  secure?: boolean
  /** The cookie name. @default '__Host-session' */
  name?: string
  /** The SameSite attribute. @default 'Lax' */
  sameSite?: 'Lax' | 'Strict'
}

/**
 * Options of {@link clearSessionCookie}: those of the cookie being cleared, without `maxAge`.
 *
 * @example
 * ```ts
 * const options: ClearSessionCookieOptions = { name: 'cms_session', secure: false } // local http only
 * ```
 */
export type ClearSessionCookieOptions = Omit<SessionCookieOptions, 'maxAge'>

function attributes(name: string, secure: boolean, sameSite: string): string {
  if (!COOKIE_NAME.test(name)) throw new TypeError('cookie name must be an RFC 6265 token')
  if (!secure && (name.startsWith('__Host-') || name.startsWith('__Secure-'))) {
    throw new TypeError('a __Host- or __Secure- cookie must be Secure: browsers drop it otherwise')
  }
  if (sameSite !== 'Lax' && sameSite !== 'Strict') throw new TypeError('sameSite must be "Lax" or "Strict"')
  return `Path=/; HttpOnly${secure ? '; Secure' : ''}; SameSite=${sameSite}`
}

/**
 * Serializes a session token as a `Set-Cookie` header value.
 *
 * @example
 * ```ts
 * const token = await sessions.sign({ sub: user.id, sid: session.id })
 * return new Response(null, {
 *   status: 303,
 *   headers: { location: '/', 'set-cookie': serializeSessionCookie(token, { maxAge: 8 * 3600 }) },
 * })
 * ```
 */
export function serializeSessionCookie(token: string, options: SessionCookieOptions): string {
  const { maxAge, secure = true, name = DEFAULT_COOKIE_NAME, sameSite = 'Lax' } = options
  if (typeof token !== 'string' || !COOKIE_VALUE.test(token)) {
    throw new TypeError('token must contain only cookie-safe characters')
  }
  if (!Number.isSafeInteger(maxAge) || maxAge < 0)
    throw new TypeError('maxAge must be a non-negative integer')
  return `${name}=${token}; Max-Age=${maxAge}; ${attributes(name, secure, sameSite)}`
}

/**
 * Serializes a `Set-Cookie` header value that deletes the session cookie (sign-out). Pass the same name
 * and `secure` the cookie was set with, or the browser keeps the original.
 *
 * @example
 * ```ts
 * return new Response(null, { status: 303, headers: { location: '/login', 'set-cookie': clearSessionCookie() } })
 * ```
 */
export function clearSessionCookie(options: ClearSessionCookieOptions = {}): string {
  const { secure = true, name = DEFAULT_COOKIE_NAME, sameSite = 'Lax' } = options
  return `${name}=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; ${attributes(name, secure, sameSite)}`
}
