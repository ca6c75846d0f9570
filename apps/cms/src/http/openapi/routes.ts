/**
 * The API routes as the app really runs them: a walk over `app.routes` (sub-apps included) that groups the
 * handlers registered for each method and path and reads what they declare — the body schema of
 * `requestBody(schema)`, the query schema of `requestQuery(schema)` and the policy action of
 * `authorize(action)`. `app.use` guards (`ALL` on a path
 * ending in `*`) are not routes.
 */
import type { RouterRoute } from 'hono/types'
import type * as z from 'zod'
import type { Action } from '../../domain/policy'
import { declaredBodyOf } from '../body'
import { handlerChain } from '../handler-chain'
import { declaredQueryOf } from '../query'
import { actionOf } from '../route-action'

/** One API operation: a method and path, with what its handlers declare. */
export interface ApiRoute {
  method: string
  /** The path as Hono registers it (`/api/spaces/:spaceId`). */
  path: string
  action: Action | undefined
  body: z.ZodType | undefined
  query: z.ZodObject | undefined
}

// The described API: `/api/*` and the health check.
function isApiPath(path: string): boolean {
  return path.startsWith('/api/') || path === '/healthz'
}

function isDeclaration(handler: unknown): boolean {
  return declaredBodyOf(handler) !== undefined || declaredQueryOf(handler) !== undefined
}

/**
 * The API operations of an app, in registration order. Throws for what the document could not describe
 * honestly: an `ALL` route, or a method and path whose every handler is a declaration (a declaration
 * registered under a mistyped path).
 * @example const routes = apiRoutes(createApp().routes)
 */
export function apiRoutes(routes: readonly RouterRoute[]): ApiRoute[] {
  const found = new Map<string, ApiRoute & { handlers: number }>()
  for (const route of routes) {
    if (route.method === 'ALL' && route.path.endsWith('*')) continue
    if (!isApiPath(route.path)) continue
    if (route.method === 'ALL') throw new Error(`openapi: ALL ${route.path} answers every method`)
    const key = `${route.method} ${route.path}`
    const entry = found.get(key) ?? {
      method: route.method,
      path: route.path,
      action: undefined,
      body: undefined,
      query: undefined,
      handlers: 0,
    }
    const handlers = handlerChain(route.handler)
    for (const handler of handlers) {
      entry.action ??= actionOf(handler)
      entry.body ??= declaredBodyOf(handler)
      entry.query ??= declaredQueryOf(handler)
    }
    if (!handlers.some(isDeclaration)) entry.handlers++
    found.set(key, entry)
  }
  const result: ApiRoute[] = []
  for (const [key, { handlers, ...route }] of found) {
    if (handlers === 0) throw new Error(`openapi: ${key} has declarations but no handler`)
    result.push(route)
  }
  return result
}
