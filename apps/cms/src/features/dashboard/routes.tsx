/**
 * The dashboard: server-rendered pages mounted at `/` beside the JSON API. Every page group gets the body
 * limit of `/api/*` and a stricter CSRF guard (same origin, form bodies only, always the form token); errors render as pages
 * (a missing session redirects to sign-in) instead of problem JSON (`dashboard-errors.tsx`). Pages answer `Cache-Control: no-store`
 * (set by `securityHeaders` for every response without one) and the page CSP allows only our own
 * `/assets/*`, which this file serves.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../../http/app-env'
import { APP_CSS, APP_JS } from '../../views/assets'
import { dashboardTokenRoutes } from '../api-tokens/page'
import { dashboardAuditRoutes } from '../audit-log/page'
import { dashboardMcpRoutes } from '../mcp-integrations/page'
import { dashboardPreviewRoutes } from '../preview-urls/page'
import { dashboardLoginRoutes, dashboardLogoutRoutes } from '../sessions/page'
import { dashboardSpaceRoutes } from '../spaces/page'
import { dashboardAdminRoutes } from '../users/page'
import { dashboardError } from './error-pages'

/** The dashboard routes, mounted at `/`. */
export const dashboardRoutes: Hono<AppEnv> = new Hono<AppEnv>()

dashboardRoutes.onError(dashboardError)

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
