/**
 * The Hono app: security headers on everything, the env gate (an invalid env answers every request with a
 * generic 500), body limits and CSRF on `/api/*`, the routes, and one error handler that renders
 * `HttpProblem`s and hides everything else behind a logged, generic 500.
 */
import { Hono } from 'hono'
import { loadEnv } from './config/load-config'
import { tokenRoutes } from './features/api-tokens/api'
import { adminAuditRoutes, spaceAuditRoutes } from './features/audit-log/api'
import { benchRoutes } from './features/bench/api'
import { notFound } from './features/dashboard/error-pages'
import { dashboardRoutes } from './features/dashboard/routes'
import { entryRoutes } from './features/entries/api'
import { healthRoutes } from './features/health/api'
import { adminKeyRoutes } from './features/key-rotation/api'
import { mcpRoutes } from './features/mcp-integrations/api'
import { previewUrlRoutes } from './features/preview-urls/api'
import { authRoutes } from './features/sessions/api'
import { spaceRoutes } from './features/spaces/api'
import { adminUserRoutes } from './features/users/api'
import type { AppDeps, AppEnv } from './http/app-env'
import { limitBody } from './http/body'
import { csrfProtection } from './http/csrf'
import { handleError, internalError } from './http/problem'
import { requestScope } from './http/scope'
import { securityHeaders } from './http/security-headers'

/**
 * Builds the app; `deps` replace clocks and observers in tests.
 * @example export default { fetch: createApp().fetch } satisfies ExportedHandler<Env>
 */
export function createApp(deps: AppDeps = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
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
  app.route('/healthz', healthRoutes)
  app.route('/api/auth', authRoutes)
  app.route('/api/spaces/:spaceId/entries', entryRoutes)
  app.route('/api/spaces/:spaceId/tokens', tokenRoutes)
  app.route('/api/spaces/:spaceId/mcp', mcpRoutes)
  app.route('/api/spaces/:spaceId/preview-urls', previewUrlRoutes)
  app.route('/api/spaces/:spaceId/audit', spaceAuditRoutes)
  app.route('/api/spaces', spaceRoutes)
  app.route('/api/admin/users', adminUserRoutes)
  app.route('/api/admin/keys', adminKeyRoutes)
  app.route('/api/admin/audit', adminAuditRoutes)
  app.route('/api/bench', benchRoutes)
  // The dashboard's pages (HTML); its own guards and error pages, see routes/dashboard.tsx.
  app.route('/', dashboardRoutes)
  // A browser asking for an unknown page gets the HTML error page; API clients get problem+json.
  app.notFound(notFound)
  app.onError(handleError)
  return app
}
