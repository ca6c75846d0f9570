/**
 * Helpers of the outbound tests (MCP, preview probes): an injected `fetch` that routes by host to
 * in-process fake upstreams and records every call, a space with one user per role, and a scan of every
 * D1 table and column for plaintext secrets.
 */
import { env } from 'cloudflare:test'
import type { AppDeps } from '../../src/http/hono-types'
import { type Client, client, loggedIn, makeSpace } from './helpers'

/** An upstream as a plain handler. */
export type Upstream = (request: Request) => Response | Promise<Response>

/** A fetch that sends each request to the upstream for its host (anything else: connection refused). */
export function routedFetch(routes: Record<string, Upstream>): { fetch: typeof fetch; calls: Request[] } {
  const calls: Request[] = []
  const routed = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    calls.push(request.clone())
    const upstream = routes[new URL(request.url).host]
    if (!upstream) throw new TypeError('Network connection lost.')
    return upstream(request)
  }
  return { fetch: routed as typeof fetch, calls }
}

/** A space and a logged-in client per role, all sharing the given deps/env. */
export async function spaceWithRoles(
  options: { deps?: AppDeps; env?: Record<string, unknown> } = {},
): Promise<{
  spaceId: string
  admin: Client
  editor: Client
  outsider: Client
  globalAdmin: Client
  anonymous: Client
}> {
  const spaceId = await makeSpace('Outbound space')
  const other = await makeSpace('Other space')
  const [admin, editor, outsider, globalAdmin] = await Promise.all([
    loggedIn({ label: 'admin', spaces: [{ spaceId, role: 'admin' }] }, options),
    loggedIn({ label: 'editor', spaces: [{ spaceId, role: 'editor' }] }, options),
    loggedIn({ label: 'outsider', spaces: [{ spaceId: other, role: 'admin' }] }, options),
    loggedIn({ label: 'root', globalAdmin: true }, options),
  ])
  return { spaceId, admin, editor, outsider, globalAdmin, anonymous: client(options) }
}

/** Every (table, column) of D1 whose value contains one of `secrets`. */
export async function plaintextHits(secrets: string[]): Promise<string[]> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>()
  const hits: string[] = []
  for (const { name } of tables.results) {
    const rows = await env.DB.prepare(`SELECT * FROM "${name}"`).all<Record<string, unknown>>()
    for (const row of rows.results) {
      for (const [column, value] of Object.entries(row)) {
        const text =
          typeof value === 'string'
            ? value
            : value instanceof ArrayBuffer
              ? new TextDecoder().decode(value)
              : ''
        if (secrets.some((s) => text.includes(s))) hits.push(`${name}.${column}`)
      }
    }
  }
  return hits
}

/** The audit entries of a target, oldest first. */
export async function auditOf(
  targetId: string,
): Promise<{ action: string; outcome: string; reason: string | null }[]> {
  const res = await env.DB.prepare(
    'SELECT action, outcome, reason FROM audit_log WHERE target_id = ?1 ORDER BY id',
  )
    .bind(targetId)
    .all<{ action: string; outcome: string; reason: string | null }>()
  return res.results
}
