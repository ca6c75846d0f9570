/**
 * Reads the session token from a `Cookie` request header. Tolerant of what real headers contain (extra
 * whitespace, pieces without `=`, quoted values, other cookies with odd values) and strict about
 * ambiguity: if the session cookie appears twice with different values (a cookie planted for a more
 * specific path or a parent domain), nothing is returned, so a planted cookie can at worst sign the user
 * out, never sign them into someone else's session.
 */
import { COOKIE_VALUE, DEFAULT_COOKIE_NAME } from './internal/cookie-syntax.ts'

/**
 * Returns the session cookie's value, or `undefined` when it is absent, empty, not cookie-safe, or present
 * more than once with different values.
 *
 * @example
 * ```ts
 * const token = readSessionCookie(request.headers.get('cookie'))
 * if (token === undefined) return Response.redirect(new URL('/login', request.url), 303)
 * const session = await sessions.verify(token)
 * ```
 */
export function readSessionCookie(
  cookieHeader: string | null | undefined,
  name: string = DEFAULT_COOKIE_NAME,
): string | undefined {
  if (typeof cookieHeader !== 'string' || cookieHeader.length === 0) return undefined
  let found: string | undefined
  for (const piece of cookieHeader.split(';')) {
    const eq = piece.indexOf('=')
    if (eq < 0 || piece.slice(0, eq).trim() !== name) continue
    let value = piece.slice(eq + 1).trim()
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1)
    if (value.length === 0 || !COOKIE_VALUE.test(value)) continue
    if (found !== undefined && found !== value) return undefined
    found = value
  }
  return found
}
