/**
 * The route walker of the audit test: lists the state-changing routes of a Hono app (every method but
 * GET, HEAD and OPTIONS, sub-apps mounted with `app.route` included), the action each declares
 * (`src/http/audit-declaration.ts`), and those whose handler chain declares none. Used on the real app and on a small app that proves it
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
  /** The action each declared route names, by route. */
  declared: Record<string, string>
}

function declaredAction(handler: unknown): string | undefined {
  for (const inner of handlerChain(handler)) {
    const declaration = auditDeclarationOf(inner)
    if (declaration) return declaration.action
  }
  return undefined
}

/**
 * Walks `app.routes`: each (method, path) is one route, and its chain is every handler registered for it.
 * `ALL` entries on a path ending in `*` are `app.use` guards (body limit, CSRF), not routes; any other `ALL`
 * entry answers every method and is checked like a route.
 * @example expect(walkRoutes(createApp()).undeclared).toEqual([])
 */
export function walkRoutes<E extends HonoEnv>(app: Hono<E>): RouteWalk {
  const declared = new Map<string, string | undefined>()
  for (const route of app.routes) {
    if (READ_ONLY.has(route.method)) continue
    if (route.method === 'ALL' && route.path.endsWith('*')) continue
    const key = `${route.method} ${route.path}`
    declared.set(key, declared.get(key) ?? declaredAction(route.handler))
  }
  const actions = [...declared].filter((pair): pair is [string, string] => pair[1] !== undefined)
  return {
    checked: [...declared.keys()],
    undeclared: [...declared].filter(([, action]) => action === undefined).map(([key]) => key),
    declared: Object.fromEntries(actions),
  }
}
