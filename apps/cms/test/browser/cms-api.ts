/**
 * The CMS's own HTTP routes called from a browser test with the page's cookies (`page.request`), each call
 * on a connection of its own.
 *
 * Why not a kept-alive socket: playwright's request context keeps sockets alive with no idle limit of its
 * own, while `wrangler dev` closes a socket idle for 5 s (Node's `keepAliveTimeout`). A call written into a
 * socket the server is closing at that moment dies with `socket hang up` (ECONNRESET), which a CI run hit on
 * a POST that had waited about 5 s. Retrying a POST could create twice; `connection: close` means a socket is
 * never reused, so the race cannot happen.
 */
import type { APIResponse, Page } from 'playwright-core'

/** What a call may carry besides the method and path. */
interface CmsCallOptions {
  /** A JSON body. */
  data?: unknown
  /** A form body (`application/x-www-form-urlencoded`). */
  form?: Record<string, string>
  /** 0 to see a redirect itself instead of following it. */
  maxRedirects?: number
}

/** The CMS's routes for one page and one CMS origin. */
export interface CmsApi {
  get(path: string): Promise<APIResponse>
  post(path: string, options?: CmsCallOptions): Promise<APIResponse>
}

/**
 * Calls to the CMS at `base` with `page`'s cookies; a POST carries the CMS's own `origin`, as the dashboard's
 * do (the CMS refuses a cookie-authenticated write from another origin).
 * @example const res = await cmsApi(page, cms.base).post('/api/admin/users', { data: { email, password } })
 */
export function cmsApi(page: Page, base: string): CmsApi {
  const fresh = { connection: 'close' }
  return {
    get: (path) => page.request.get(`${base}${path}`, { headers: fresh }),
    post: (path, options = {}) =>
      page.request.post(`${base}${path}`, { ...options, headers: { ...fresh, origin: base } }),
  }
}
