/**
 * The dashboard: server-rendered pages mounted at `/` beside the JSON API. Every page group gets the body
 * limit of `/api/*` and a stricter CSRF guard (same origin, form bodies only, always the form token); errors render as pages
 * (a missing session redirects to sign-in) instead of problem JSON. Pages answer `Cache-Control: no-store`
 * (set by `securityHeaders` for every response without one) and the page CSP allows only our own
 * `/assets/*`, which this file serves.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { getCaller } from '../auth/identify'
import { HttpProblem } from '../http/problem'
import { APP_CSS, APP_JS } from '../views/assets'
import { ErrorPage } from '../views/error-page'
import { dashboardAdminRoutes } from './dashboard-admin'
import { dashboardAuditRoutes } from './dashboard-audit'
import { dashboardLoginRoutes, dashboardLogoutRoutes } from './dashboard-auth'
import { dashboardMcpRoutes } from './dashboard-mcp'
import { viewerOf } from './dashboard-page'
import { dashboardPreviewRoutes } from './dashboard-preview'
import { dashboardSpaceRoutes } from './dashboard-spaces'
import { dashboardTokenRoutes } from './dashboard-tokens'

const TITLES: Record<number, string> = {
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  415: 'Only forms can be sent to these pages',
}

/** The dashboard routes, mounted at `/`. */
export const dashboardRoutes: Hono<AppEnv> = new Hono<AppEnv>()

dashboardRoutes.onError(async (err, c) => {
  if (!(err instanceof HttpProblem)) {
    console.error(JSON.stringify({ level: 'error', event: 'unhandled_error', error: err.name }))
    return c.html(<ErrorPage status={500} title="Something went wrong" />, 500)
  }
  if (err.status === 401) {
    const next = c.req.method === 'GET' ? new URL(c.req.url).pathname : '/spaces'
    return c.redirect(`/login?next=${encodeURIComponent(next)}`, 303)
  }
  const caller = await getCaller(c).catch(() => null)
  const viewer = caller && caller.via !== 'api_token' ? await viewerOf(c, caller) : undefined
  const title =
    err.code === 'csrf_failed'
      ? 'This form expired: reload the page and try again'
      : (TITLES[err.status] ?? 'Error')
  return c.html(<ErrorPage status={err.status} title={title} viewer={viewer} />, err.status)
})

dashboardRoutes.get('/assets/app.css', (c) =>
  c.body(APP_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=300' }),
)
dashboardRoutes.get('/assets/app.js', (c) =>
  c.body(APP_JS, 200, {
    'content-type': 'text/javascript; charset=utf-8',
    'cache-control': 'public, max-age=300',
  }),
)
dashboardRoutes.get('/', (c) => c.redirect('/spaces', 303))
dashboardRoutes.route('/login', dashboardLoginRoutes)
dashboardRoutes.route('/logout', dashboardLogoutRoutes)
dashboardRoutes.route('/spaces/:spaceId/settings/tokens', dashboardTokenRoutes)
dashboardRoutes.route('/spaces/:spaceId/settings/mcp', dashboardMcpRoutes)
dashboardRoutes.route('/spaces/:spaceId/settings/preview-urls', dashboardPreviewRoutes)
dashboardRoutes.route('/spaces/:spaceId/audit', dashboardAuditRoutes)
dashboardRoutes.route('/spaces', dashboardSpaceRoutes)
dashboardRoutes.route('/admin', dashboardAdminRoutes)
