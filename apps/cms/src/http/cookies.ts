/**
 * Reading one cookie from the request, with the same strict rules as the session cookie
 * (`readSessionCookie` of @alokai/auth-jwt): a cookie sent twice with different values reads as absent,
 * so a cookie planted from a sibling subdomain can never stand in for ours.
 */
import { readSessionCookie } from '@alokai/auth-jwt'
import type { Context } from 'hono'

/**
 * The value of cookie `name` on this request, or `undefined`.
 * @example const flow = readCookie(c, '__Host-cms_oidc')
 */
export function readCookie(c: Context, name: string): string | undefined {
  return readSessionCookie(c.req.header('cookie'), name)
}
