/**
 * Reading one cookie from the request, with the same strict rules as the session cookie
 * (`readSessionCookie` of @alokai/auth-jwt): a cookie sent twice with different values reads as absent,
 * so a cookie planted from a sibling subdomain can never stand in for ours. Naming every cookie of ours
 * (`__Host-` and Secure, except in development over plain http) is decided here too.
 */
import { readSessionCookie } from '@alokai/auth-jwt'
import type { Context } from 'hono'
import type { CmsHono } from './hono-types'

/**
 * The name and Secure flag of our cookie `base`: `__Host-<base>` and Secure, except in development over
 * plain http, where browsers refuse both and the plain `<base>` is used.
 * @example const { name, secure } = cookieNaming(c, 'cms_session')
 */
export function cookieNaming(c: Context<CmsHono>, base: string): { name: string; secure: boolean } {
  const plain = c.var.config.environment === 'development' && new URL(c.req.url).protocol === 'http:'
  return plain ? { name: base, secure: false } : { name: `__Host-${base}`, secure: true }
}

/**
 * The value of cookie `name` on this request, or `undefined`.
 * @example const flow = readCookie(c, '__Host-cms_oidc')
 */
export function readCookie(c: Context, name: string): string | undefined {
  return readSessionCookie(c.req.header('cookie'), name)
}
