/**
 * The handlers behind one entry of `app.routes`. A sub-app with its own `onError` is mounted with each
 * handler wrapped, the original hanging off the wrapper, so code that reads what a route's middleware
 * declares (its audit, its policy action, its body) must look through the wrappers.
 */
import { COMPOSED_HANDLER } from 'hono/utils/constants'

/**
 * The handler and every handler it wraps, outermost first.
 * @example handlerChain(route.handler).some((h) => auditDeclarationOf(h) !== undefined)
 */
export function handlerChain(handler: unknown): unknown[] {
  const found: unknown[] = []
  let current = handler
  while (typeof current === 'function') {
    found.push(current)
    current = (current as unknown as Record<string, unknown>)[COMPOSED_HANDLER]
  }
  return found
}
