/**
 * The policy action a route is authorised for, carried by its `authorize(action)` middleware, so code that
 * walks `app.routes` (the OpenAPI document) reads who may call a route from the route itself, not from a
 * second list of paths. The audit declaration (`audit-declaration.ts`) names the audited action, which can
 * differ (`content.write` is audited as `content.create`, `content.update`, …).
 */
import type { Action } from '../domain/policy'

const actions = new WeakMap<object, Action>()

/**
 * Tags a middleware with the policy action it enforces, and returns it.
 * @example return declareAction(middleware, 'spaces.rename')
 */
export function declareAction<H extends object>(handler: H, action: Action): H {
  actions.set(handler, action)
  return handler
}

/**
 * The policy action a handler enforces, if it is an `authorize` middleware.
 * @example const action = actionOf(route.handler) // 'tokens.create'
 */
export function actionOf(handler: unknown): Action | undefined {
  return typeof handler === 'function' ? actions.get(handler) : undefined
}
