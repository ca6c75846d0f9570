/**
 * The route walker of the audit test: lists the state-changing routes of a Hono app (every method but
 * GET, HEAD and OPTIONS, sub-apps mounted with `app.route` included) whose handler chain carries no audit
 * declaration (`src/http/audit-declaration.ts`). Used on the real app and on a small app that proves it
 * reports what it should.
 */
import type { Hono } from 'hono'
import type { Env as HonoEnv } from 'hono/types'
import { auditDeclarationOf } from '../../src/http/audit-declaration'
import { handlerChain } from '../../src/http/handler-chain'

const READ_ONLY = new Set(['GET', 'HEAD', 'OPTIONS'])

/** What the walk found. */
export interface RouteWalk {
  /** Every state-changing route, as `METHOD /path`. */
  checked: string[]
  /** Those whose handlers carry no audit declaration. */
  undeclared: string[]
}

function isDeclared(handler: unknown): boolean {
  return handlerChain(handler).some((inner) => auditDeclarationOf(inner) !== undefined)
}

/**
 * Walks `app.routes`: each (method, path) is one route, and its chain is every handler registered for it.
 * `ALL` entries on a path ending in `*` are `app.use` guards (body limit, CSRF), not routes; any other `ALL`
 * entry answers every method and is checked like a route.
 * @example expect(walkRoutes(createApp()).undeclared).toEqual([])
 */
export function walkRoutes<E extends HonoEnv>(app: Hono<E>): RouteWalk {
  const declared = new Map<string, boolean>()
  for (const route of app.routes) {
    if (READ_ONLY.has(route.method)) continue
    if (route.method === 'ALL' && route.path.endsWith('*')) continue
    const key = `${route.method} ${route.path}`
    declared.set(key, (declared.get(key) ?? false) || isDeclared(route.handler))
  }
  return {
    checked: [...declared.keys()],
    undeclared: [...declared].filter(([, ok]) => !ok).map(([key]) => key),
  }
}
