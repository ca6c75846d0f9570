/**
 * The Hono app: security headers on everything, the env gate (an invalid env answers every request with a
 * generic 500), body limits and CSRF on `/api/*`, the routes, and one error handler that renders
 * `HttpProblem`s and hides everything else behind a logged, generic 500.
 */
import { Hono } from 'hono'
import { loadEnv } from './config/load-config'
import { apiTokensApi } from './features/api-tokens/api'
import { globalAuditLogApi, spaceAuditLogApi } from './features/audit-log/api'
import { notFound } from './features/dashboard/error-pages'
import { dashboardPages } from './features/dashboard/routes'
import { entriesApi } from './features/entries/api'
import { healthApi } from './features/health/api'
import { keyRotationApi } from './features/key-rotation/api'
import { mcpIntegrationsApi } from './features/mcp-integrations/api'
import { previewUrlsApi } from './features/preview-urls/api'
import { sessionsApi } from './features/sessions/api'
import { spacesApi } from './features/spaces/api'
import { usersApi } from './features/users/api'
import { invitationsApi } from './features/users/api-invitations'
import { membersApi } from './features/users/api-members'
import { passwordApi } from './features/users/api-password'
import { limitBody } from './http/body'
import { csrfProtection } from './http/csrf'
import type { AppDeps, CmsHono } from './http/hono-types'
import { serveOpenApi } from './http/openapi/serve'
import { handleError, internalError } from './http/problem'
import { requestScope } from './http/scope'
import { securityHeaders } from './http/security-headers'

/**
 * Builds the app; `deps` replace clocks and observers in tests.
 * @example export default { fetch: createApp().fetch } satisfies ExportedHandler<Env>
 */
export function createApp(deps: AppDeps = {}): Hono<CmsHono> {
  const app = new Hono<CmsHono>()
  app.use(securityHeaders())
  app.use(async (c, next) => {
    const loaded = loadEnv(c.env)
    if (!loaded.ok) return internalError()
    c.set('config', loaded.config)
    c.set('deps', deps)
    return next()
  })
  app.use(requestScope())
  app.use('/api/*', limitBody())
  app.use('/api/*', csrfProtection())
  app.route('/healthz', healthApi)
  app.get('/api/openapi.json', serveOpenApi(app))
  app.route('/api/auth/password', passwordApi)
  app.route('/api/auth', sessionsApi)
  app.route('/api/spaces/:spaceId/entries', entriesApi)
  app.route('/api/spaces/:spaceId/tokens', apiTokensApi)
  app.route('/api/spaces/:spaceId/mcp', mcpIntegrationsApi)
  app.route('/api/spaces/:spaceId/preview-urls', previewUrlsApi)
  app.route('/api/spaces/:spaceId/audit', spaceAuditLogApi)
  app.route('/api/spaces/:spaceId/members', membersApi)
  app.route('/api/spaces', spacesApi)
  app.route('/api/admin/users', usersApi)
  app.route('/api/admin/invitations', invitationsApi)
  app.route('/api/admin/keys', keyRotationApi)
  app.route('/api/admin/audit', globalAuditLogApi)
  // The dashboard's pages (HTML); its own guards and error pages, see features/dashboard/routes.tsx.
  app.route('/', dashboardPages)
  // A browser asking for an unknown page gets the HTML error page; API clients get problem+json.
  app.notFound(notFound)
  app.onError(handleError)
  return app
}
