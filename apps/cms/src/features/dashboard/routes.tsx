/**
 * The dashboard: server-rendered pages mounted at `/` beside the JSON API. Every page group gets the body
 * limit of `/api/*` and a stricter CSRF guard (same origin, form bodies only, always the form token); errors render as pages
 * (a missing session redirects to sign-in) instead of problem JSON (`error-pages.tsx`). Pages answer `Cache-Control: no-store`
 * (set by `securityHeaders` for every response without one) and the page CSP allows only our own
 * `/assets/*`, which this file serves.
 */
import { Hono } from 'hono'
import type { CmsHono } from '../../http/hono-types'
import { APP_CSS, APP_JS } from '../../views/assets'
import { apiTokensPages } from '../api-tokens/page'
import { globalAuditLogPages, spaceAuditLogPages } from '../audit-log/page'
import { keyRotationPages } from '../key-rotation/page'
import { mcpIntegrationsPages } from '../mcp-integrations/page'
import { previewUrlsPages } from '../preview-urls/page'
import { signInPages, signOutPages } from '../sessions/page'
import { spacesPages } from '../spaces/page'
import { usersPages } from '../users/page'
import { membersPages } from '../users/page-members'
import { accountPages } from '../users/page-password'
import { dashboardError } from './error-pages'

/** The dashboard routes, mounted at `/`. */
export const dashboardPages: Hono<CmsHono> = new Hono<CmsHono>()

dashboardPages.onError(dashboardError)

dashboardPages.get('/assets/app.css', (c) =>
  c.body(APP_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=300' }),
)
dashboardPages.get('/assets/app.js', (c) =>
  c.body(APP_JS, 200, {
    'content-type': 'text/javascript; charset=utf-8',
    'cache-control': 'public, max-age=300',
  }),
)
dashboardPages.get('/', (c) => c.redirect('/spaces', 303))
dashboardPages.route('/login', signInPages)
dashboardPages.route('/logout', signOutPages)
dashboardPages.route('/spaces/:spaceId/settings/tokens', apiTokensPages)
dashboardPages.route('/spaces/:spaceId/settings/mcp', mcpIntegrationsPages)
dashboardPages.route('/spaces/:spaceId/settings/preview-urls', previewUrlsPages)
dashboardPages.route('/spaces/:spaceId/audit', spaceAuditLogPages)
dashboardPages.route('/spaces/:spaceId/members', membersPages)
dashboardPages.route('/spaces', spacesPages)
dashboardPages.route('/admin/audit', globalAuditLogPages)
dashboardPages.route('/admin/keys', keyRotationPages)
dashboardPages.route('/admin', usersPages)
dashboardPages.route('/account', accountPages)
