/**
 * Security headers on every response, errors included. The API answers JSON only, so its CSP allows
 * nothing at all; pages (the dashboard's HTML) get a CSP that allows their own origin and nothing
 * inline. Frames are denied twice (CSP `frame-ancestors` and `X-Frame-Options` for old browsers).
 */
import type { MiddlewareHandler } from 'hono'

const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

/**
 * Sets the headers after the handler ran (also on problem responses produced by `onError`).
 * @example app.use(securityHeaders())
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const h = c.res.headers
    const isPage = (h.get('content-type') ?? '').startsWith('text/html')
    h.set('Content-Security-Policy', isPage ? PAGE_CSP : API_CSP)
    h.set('X-Content-Type-Options', 'nosniff')
    // Pages send a referrer to themselves only: with `no-referrer`, browsers send `Origin: null` on form
    // POSTs, which the CSRF check (rightly) refuses.
    h.set('Referrer-Policy', isPage ? 'same-origin' : 'no-referrer')
    h.set('X-Frame-Options', 'DENY')
    h.set('Cross-Origin-Opener-Policy', 'same-origin')
    h.set('Cross-Origin-Resource-Policy', 'same-origin')
    if (new URL(c.req.url).protocol === 'https:') {
      h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
    }
    // Auth answers depend on cookies: never let a shared cache keep them.
    if (!h.has('Cache-Control')) h.set('Cache-Control', 'no-store')
  }
}
