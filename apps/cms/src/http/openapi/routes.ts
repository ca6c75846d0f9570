/**
 * The API routes as the app really runs them: a walk over `app.routes` (sub-apps included) that groups the
 * handlers registered for each method and path and reads what they declare — the body schema of
 * `requestBody(schema)` and the policy action of `authorize(action)`. `app.use` guards (`ALL` on a path
 * ending in `*`) are not routes. Development-only routes are left out: they answer 404 in production.
 */
import type { RouterRoute } from 'hono/types'
import { COMPOSED_HANDLER } from 'hono/utils/constants'
import type { z } from 'zod'
import type { Action } from '../../domain/policy'
import { declaredBodyOf } from '../body'
import { actionOf } from '../route-action'

/** Path prefixes of development-only routes (the worker benchmark), which no client may rely on. */
const DEVELOPMENT_ONLY: readonly string[] = ['/api/bench']

/** One API operation: a method and path, with what its handlers declare. */
export interface ApiRoute {
  method: string
  /** The path as Hono registers it (`/api/spaces/:spaceId`). */
  path: string
  action: Action | undefined
  body: z.ZodType | undefined
}

// The described API: `/api/*` and the health check.
function isApiPath(path: string): boolean {
  if (DEVELOPMENT_ONLY.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return false
  return path.startsWith('/api/') || path === '/healthz'
}

// A sub-app with its own `onError` is mounted with each handler wrapped; the original hangs off the wrapper.
function chain(handler: unknown): unknown[] {
  const found: unknown[] = []
  let current = handler
  while (typeof current === 'function') {
    found.push(current)
    current = (current as unknown as Record<string, unknown>)[COMPOSED_HANDLER]
  }
  return found
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
      handlers: 0,
    }
    const handlers = chain(route.handler)
    for (const handler of handlers) {
      entry.action ??= actionOf(handler)
      entry.body ??= declaredBodyOf(handler)
    }
    if (!handlers.some((handler) => declaredBodyOf(handler) !== undefined)) entry.handlers++
    found.set(key, entry)
  }
  const result: ApiRoute[] = []
  for (const [key, { handlers, ...route }] of found) {
    if (handlers === 0) throw new Error(`openapi: ${key} declares a body but has no handler`)
    result.push(route)
  }
  return result
}
