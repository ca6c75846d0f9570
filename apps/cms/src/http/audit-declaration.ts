/**
 * Auditing declared on the route, where it is authorised: `authorize(action, { audit })` (or `audited(…)`
 * for the few state-changing routes without `authorize`: sign-in, IdP session exchange, logout) names the
 * action a route is audited under, so renaming or moving a route cannot drop its audit the way a table of
 * path strings could. Every declaring middleware is registered here, so a test can walk the app's routes
 * and fail for a state-changing route that declares nothing.
 *
 * What the edge writes, after the handler, for a POST/PUT/PATCH/DELETE:
 * - a `success` entry when the answer is 2xx and the request has not written the action yet (in any
 *   outcome): services that audit themselves, with richer details or another outcome (a failed MCP test
 *   answers 200), keep their entry and get no second one. A redirect does not count as success: a dashboard
 *   form answers 303 both after the change and when it sends the form back with field errors, so page
 *   routes rely on their service's entry;
 * - a `failure` entry (reason: the problem code) only where declared (`failures: true`);
 * - nothing at all with `recordedBy: 'service'`, for routes where the service alone knows what happened
 *   (a role change is audited as `roles.grant` or `roles.revoke`; a logout without a session is no event).
 * Refusals are audited as `denied` inside `authorize`. Targets are ids from the path or the JSON answer,
 * never a body field, and only when they look like ids.
 */
import type { Context, MiddlewareHandler } from 'hono'
import type { AuditEvent, AuditOutcome } from '../domain/audit'
import type { CmsHono } from './hono-types'
import { HttpProblem } from './problem'

/** Where the id of the changed thing is: a path parameter, or a field of the JSON answer. */
export type AuditTarget = { type: string; param: string } | { type: string; answerField: string }

/** How a route is audited. */
export interface AuditDeclaration {
  /** The action the route's entries are written under. */
  action: string
  /** The changed thing (`type: 'space'` also sets the entry's space). @default none */
  target?: AuditTarget
  /** A JSON answer field holding the user id the success is attributed to (a sign-in has no caller yet). */
  actorField?: string
  /** Also record a failed attempt, with the problem code as reason. @default false */
  failures?: boolean
  /** `'service'`: the service writes every entry of this route and the edge writes none. */
  recordedBy?: 'service'
}

const declarations = new WeakMap<object, AuditDeclaration>()

/**
 * Tags a middleware as the audit declaration of the routes it is mounted on, and returns it.
 * @example return declareAudit(async (c, next) => { await next(); await recordDeclared(c, d) }, d)
 */
export function declareAudit<H extends MiddlewareHandler<CmsHono>>(
  handler: H,
  declaration: AuditDeclaration,
): H {
  declarations.set(handler, declaration)
  return handler
}

/**
 * The audit declaration a handler carries, if it is a declaring middleware.
 * @example if (!auditDeclarationOf(route.handler)) undeclared.push(route.path)
 */
export function auditDeclarationOf(handler: unknown): AuditDeclaration | undefined {
  return typeof handler === 'function' ? declarations.get(handler) : undefined
}

// Any prefixed id (`ent_…`, `usr_…`, `spc_…`): what reaches the log from a URL or an answer is an id or nothing.
const ID = /^[a-z]{3}_[A-Za-z0-9_-]{22}$/
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const OUTCOMES: readonly AuditOutcome[] = ['success', 'failure', 'denied']

async function answerField(res: Response, field: string): Promise<string | undefined> {
  if (!(res.headers.get('content-type') ?? '').includes('json')) return undefined
  const body = (await res.clone().json()) as Record<string, unknown>
  const value = body[field]
  return typeof value === 'string' && ID.test(value) ? value : undefined
}

/**
 * Writes what `declaration` asks for about the answered request (see the module comment); call after
 * `next()`.
 * @example await next(); await recordDeclared(c, { action: 'content.create' })
 */
export async function recordDeclared(c: Context<CmsHono>, declaration: AuditDeclaration): Promise<void> {
  if (declaration.recordedBy === 'service' || !STATE_CHANGING.has(c.req.method)) return
  const ok = c.res.status >= 200 && c.res.status < 300
  if (!ok && !declaration.failures) return
  const audit = c.var.scope.audit
  if (OUTCOMES.some((outcome) => audit.wrote(declaration.action, outcome))) return
  const spaceParam = c.req.param('spaceId')
  const event: AuditEvent = {
    action: declaration.action,
    outcome: ok ? 'success' : 'failure',
    ...(spaceParam && ID.test(spaceParam) ? { spaceId: spaceParam } : {}),
  }
  if (!ok) event.reason = c.error instanceof HttpProblem ? c.error.code : 'error'
  const target = declaration.target
  if (ok && target) {
    const id = 'param' in target ? c.req.param(target.param) : await answerField(c.res, target.answerField)
    if (id && ID.test(id)) {
      Object.assign(event, { targetType: target.type, targetId: id })
      if (target.type === 'space') event.spaceId = id
    }
  }
  if (ok && declaration.actorField) {
    const userId = await answerField(c.res, declaration.actorField)
    if (userId) event.actor = { type: 'user', id: userId }
  }
  await audit.record(event)
}

/**
 * Middleware declaring the audit of a state-changing route that has no `authorize` (sign-in, logout).
 * @example sessionsApi.post('/session', audited({ action: 'auth.session', failures: true, actorField: 'userId' }), handler)
 */
export function audited(declaration: AuditDeclaration): MiddlewareHandler<CmsHono> {
  return declareAudit(async (c, next) => {
    await next()
    await recordDeclared(c, declaration)
  }, declaration)
}
