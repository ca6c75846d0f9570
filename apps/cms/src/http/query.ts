/**
 * The query string a route reads, declared on the route for the OpenAPI document: `requestQuery(schema)`
 * names the very zod object the handler parses `c.req.query()` with, so the document lists the
 * parameters the route validates. It only declares; the handler's own parse stays the one check (and its
 * 400 problem the one answer).
 */
import type { MiddlewareHandler } from 'hono'
import type * as z from 'zod'

const querySchemas = new WeakMap<object, z.ZodObject>()

/**
 * Middleware declaring the query parameters a route reads, on a line of its own before the route.
 * @example entriesApi.get('/', requestQuery(pageQuery))
 */
export function requestQuery(schema: z.ZodObject): MiddlewareHandler {
  const declare: MiddlewareHandler = async (_c, next) => {
    await next()
  }
  querySchemas.set(declare, schema)
  return declare
}

/**
 * The query schema a handler declares, if it is a `requestQuery(schema)` middleware.
 * @example const schema = declaredQueryOf(route.handler)
 */
export function declaredQueryOf(handler: unknown): z.ZodObject | undefined {
  return typeof handler === 'function' ? querySchemas.get(handler) : undefined
}
