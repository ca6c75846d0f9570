/**
 * Auditing declared on the route, where it is authorised: `authorize(action, { audit })` (or `audited(…)`
 * for the few state-changing routes without `authorize`: sign-in, IdP session exchange, logout) names the
 * action the route's service records, so renaming or moving a route cannot drop its audit the way a table
 * of path strings could. Every declaring middleware is registered here, so a test can walk the app's
 * routes, fail for a state-changing route that declares nothing, and send each route a request to see its
 * service record what the route declares.
 *
 * A declaration writes nothing: services record every entry (the outcome, the target, the reason only
 * they know), so a route and a cron or a test calling the same service record the same entries, once.
 * Refusals are the one exception, audited as `denied` by `authorize` itself, since no service runs.
 */
import type { MiddlewareHandler } from 'hono'
import type { CmsHono } from './hono-types'

/** How a route is audited. */
export interface AuditDeclaration {
  /** The action the route's service records (its entries may carry any outcome). */
  action: string
}

const declarations = new WeakMap<object, AuditDeclaration>()

/**
 * Tags a middleware as the audit declaration of the routes it is mounted on, and returns it.
 * @example return declareAudit(async (c, next) => { await next() }, { action: 'content.create' })
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

/**
 * Middleware declaring the audit of a state-changing route that has no `authorize` (sign-in, logout).
 * @example sessionsApi.post('/logout', audited({ action: 'auth.logout' }), handler)
 */
export function audited(declaration: AuditDeclaration): MiddlewareHandler<CmsHono> {
  return declareAudit(async (_c, next) => {
    await next()
  }, declaration)
}
