/**
 * Audit entries for the state-changing API-only routes (IdP session exchange, content): one table of (method, path) → action, wrapped around the route as middleware,
 * so a route cannot be refactored out of the audit log by accident. Operations the dashboard shares with
 * the API (password sign-in, logout, users, roles, spaces, tokens, MCP, preview URLs, key rotation) audit
 * themselves in their feature's service, so both front ends record them the same way.
 * Success is recorded after the handler answered 2xx; a failed IdP session exchange with the problem code
 * as reason. Refusals by `authorize` are already recorded there. Targets are ids from the path or the
 * JSON answer, never a body field.
 */
import type { Hono, MiddlewareHandler } from 'hono'
import type { AuditEvent } from '../features/audit-log/recorder'
import type { AppEnv } from './app-env'
import { HttpProblem } from './problem'

/** One audited route. */
interface AuditedRoute {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  action: string
  /** Record failed attempts too (sign-in). */
  failures?: boolean
  /** Where the target id is: a path parameter, or the `id` of the JSON answer. */
  target?: { type: string; param?: string; answerField?: string }
}

/** Every API route that changes state without auditing itself. */
export const AUDITED_ROUTES: readonly AuditedRoute[] = [
  { method: 'POST', path: '/api/auth/session', action: 'auth.session', failures: true },
  {
    method: 'POST',
    path: '/api/spaces/:spaceId/entries',
    action: 'content.create',
    target: { type: 'entry', answerField: 'id' },
  },
  {
    method: 'PUT',
    path: '/api/spaces/:spaceId/entries/:entryId',
    action: 'content.update',
    target: { type: 'entry', param: 'entryId' },
  },
  {
    method: 'POST',
    path: '/api/spaces/:spaceId/entries/:entryId/publish',
    action: 'content.publish',
    target: { type: 'entry', param: 'entryId' },
  },
  {
    method: 'DELETE',
    path: '/api/spaces/:spaceId/entries/:entryId',
    action: 'content.delete',
    target: { type: 'entry', param: 'entryId' },
  },
]

const ID = /^[a-z]{3}_[A-Za-z0-9_-]{22}$/

async function answerField(res: Response, field: string): Promise<string | undefined> {
  if (!(res.headers.get('content-type') ?? '').includes('json')) return undefined
  const body = (await res.clone().json()) as Record<string, unknown>
  const value = body[field]
  return typeof value === 'string' && ID.test(value) ? value : undefined
}

function audit(route: AuditedRoute): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    const ok = c.res.status >= 200 && c.res.status < 300
    if (!ok && !route.failures) return
    const spaceParam = c.req.param('spaceId')
    const event: AuditEvent = {
      action: route.action,
      outcome: ok ? 'success' : 'failure',
      ...(spaceParam && ID.test(spaceParam) ? { spaceId: spaceParam } : {}),
    }
    if (!ok) event.reason = c.error instanceof HttpProblem ? c.error.code : 'error'
    if (ok && route.target) {
      const id = route.target.param
        ? c.req.param(route.target.param)
        : await answerField(c.res, route.target.answerField ?? 'id')
      if (id && ID.test(id)) Object.assign(event, { targetType: route.target.type, targetId: id })
      if (route.target.type === 'space' && id && ID.test(id)) event.spaceId = id
    }
    if (ok && route.action === 'auth.session') {
      const userId = await answerField(c.res, 'userId')
      if (userId) event.actor = { type: 'user', id: userId }
    }
    await c.var.scope.audit.record(event)
  }
}

/**
 * Registers the audit middleware of every route in {@link AUDITED_ROUTES}; call before mounting routes.
 * @example auditRoutes(app)
 */
export function auditRoutes(app: Hono<AppEnv>): void {
  for (const route of AUDITED_ROUTES) app.on(route.method, route.path, audit(route))
}
