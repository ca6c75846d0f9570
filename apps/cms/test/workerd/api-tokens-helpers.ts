/**
 * Helpers for the API token and content tests: a movable clock, a signed-in space admin, token issuing,
 * bearer requests without cookies, and a scan of every column of every D1 table for leaked tokens.
 */
import { env } from 'cloudflare:test'
import { expect } from 'vitest'
import type { SpaceRole } from '../../src/domain/roles'
import { type Client, client, loggedIn, makeSpace } from './helpers'

/** A clock the test moves by hand (epoch ms). */
export interface TestClock {
  now: () => number
  advance(ms: number): void
}

/** A clock starting at the real time. */
export function testClock(): TestClock {
  let t = Date.now()
  return {
    now: () => t,
    advance(ms) {
      t += ms
    },
  }
}

/** A signed-in user with `role` in a fresh space (or `spaceId`), on `clock`. */
export async function member(
  clock: TestClock,
  role: SpaceRole,
  spaceId?: string,
): Promise<Client & { spaceId: string; user: { id: string; email: string } }> {
  const space = spaceId ?? (await makeSpace())
  const c = await loggedIn({ spaces: [{ spaceId: space, role }] }, { deps: { now: clock.now } })
  return Object.assign(c, { spaceId: space })
}

/** What creating a token answers. */
export interface IssuedToken {
  id: string
  token: string
  scope: string
  last4: string
}

/** Creates a token through the API as `admin` and returns it. */
export async function issueToken(
  admin: Client,
  spaceId: string,
  scope: 'delivery' | 'preview' | 'management',
  name = `${scope} token`,
): Promise<IssuedToken> {
  const res = await admin.fetch(`/api/spaces/${spaceId}/tokens`, { json: { name, scope } })
  if (res.status !== 201) throw new Error(`token creation failed: ${res.status}`)
  return (await res.json()) as IssuedToken
}

/** A cookie-less client that sends `Authorization: Bearer <token>` (no Origin: not a browser). */
export function bearerClient(token: string, clock?: TestClock): Client {
  const c = client(clock ? { deps: { now: clock.now } } : {})
  const original = c.fetch.bind(c)
  c.fetch = (path, init = {}) => {
    const headers = new Headers(init.headers)
    headers.set('authorization', `Bearer ${token}`)
    return original(path, { sameOrigin: false, ...init, headers })
  }
  return c
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof ArrayBuffer) return new TextDecoder().decode(value)
  if (ArrayBuffer.isView(value)) return new TextDecoder().decode(value)
  if (Array.isArray(value)) return new TextDecoder().decode(new Uint8Array(value as number[]))
  return String(value)
}

/**
 * Reads every row of every table (D1's internal `_cf_*` tables are not readable by design) and fails if
 * any value contains any of `tokens` or the random body of one. Returns how many values it checked.
 */
export async function expectNoTokenInDatabase(tokens: string[]): Promise<number> {
  // The random body is the last 43 characters (it may itself contain `_`).
  const needles = tokens.flatMap((t) => [t, t.slice(-43)])
  expect(needles.every((n) => n.length >= 43)).toBe(true)
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, 4) <> '_cf_'",
  ).all<{ name: string }>()
  expect(tables.results.map((t) => t.name)).toEqual(
    expect.arrayContaining(['api_tokens', 'audit_log', 'entries']),
  )
  let checked = 0
  for (const { name } of tables.results) {
    const rows = await env.DB.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).all<
      Record<string, unknown>
    >()
    for (const row of rows.results) {
      for (const [column, value] of Object.entries(row)) {
        const text = asText(value)
        checked++
        for (const needle of needles) {
          if (text.includes(needle)) throw new Error(`token material found in ${name}.${column}`)
        }
      }
    }
  }
  return checked
}
