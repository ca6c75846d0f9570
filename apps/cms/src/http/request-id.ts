/**
 * The request id an error page shows and a log line carries, so a user's report can be matched with the
 * operator's logs: Cloudflare's `cf-ray` when the request came through Cloudflare (it is in their logs too),
 * else a random id made once per request. Only a value of the ray's shape is taken from the header, so
 * nothing a client sends reaches a page or a log line as is.
 */
import { encodeBase64url } from '@alokai/internal'
import type { Context } from 'hono'
import type { CmsHono } from './hono-types'

const RAY = /^[0-9a-f]{16}(-[A-Z]{3})?$/

/**
 * This request's id: the ray when there is one, else a random id made on first use and kept on the
 * context (`c.var.requestId`), so the error page and the log line of one request show the same id.
 * @example console.error(JSON.stringify({ event: 'unhandled_error', requestId: requestId(c) }))
 */
export function requestId(c: Context<CmsHono>): string {
  const ray = c.req.header('cf-ray')
  if (ray !== undefined && RAY.test(ray)) return ray
  const known = c.get('requestId')
  if (known) return known
  const id = encodeBase64url(crypto.getRandomValues(new Uint8Array(12)))
  c.set('requestId', id)
  return id
}
