import { env } from 'cloudflare:test'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { bearerClient, expectNoTokenInDatabase, issueToken, member, testClock } from './api-tokens-helpers'

interface Answer {
  status: number
  body: string
  wwwAuthenticate: string | null
  contentType: string | null
}

async function answer(
  token: string,
  path: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<Answer> {
  const res = await bearerClient(token).fetch(path, init)
  return {
    status: res.status,
    body: await res.text(),
    wwwAuthenticate: res.headers.get('www-authenticate'),
    contentType: res.headers.get('content-type'),
  }
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const issued: string[] = []
let spaceA: string
let spaceB: string
let tokenA: string
let tokenB: string
let revokedB: string
let unknown: Answer

beforeAll(async () => {
  const clock = testClock()
  const adminA = await member(clock, 'admin')
  const adminB = await member(clock, 'admin')
  spaceA = adminA.spaceId
  spaceB = adminB.spaceId
  tokenA = (await issueToken(adminA, spaceA, 'management')).token
  tokenB = (await issueToken(adminB, spaceB, 'management')).token
  const revoked = await issueToken(adminB, spaceB, 'management', 'to be revoked')
  revokedB = revoked.token
  expect(
    (await adminB.fetch(`/api/spaces/${spaceB}/tokens/${revoked.id}`, { method: 'DELETE' })).status,
  ).toBe(200)
  issued.push(tokenA, tokenB, revokedB)
  unknown = await answer(`cms_management_${'A'.repeat(43)}`, `/api/spaces/${spaceB}/entries`)
})

describe('API token failures all look alike', () => {
  it('answers an unknown token with a 401 problem and a Bearer challenge', () => {
    expect(unknown.status).toBe(401)
    expect(JSON.parse(unknown.body)).toEqual({
      type: 'about:blank',
      title: 'Invalid API token',
      status: 401,
      code: 'unauthenticated',
    })
    expect(unknown.wwwAuthenticate).toBe('Bearer realm="cms", error="invalid_token"')
    expect(unknown.contentType).toBe('application/problem+json')
  })

  it('answers a space-A token on space B exactly like an unknown token, for reads and writes', async () => {
    expect(await answer(tokenA, `/api/spaces/${spaceB}/entries`)).toEqual(unknown)
    expect(await answer(tokenA, `/api/spaces/${spaceB}/entries`, { json: { body: {} } })).toEqual(
      await answer(`cms_management_${'B'.repeat(43)}`, `/api/spaces/${spaceB}/entries`, {
        json: { body: {} },
      }),
    )
    // The token itself works in its own space.
    expect((await answer(tokenA, `/api/spaces/${spaceA}/entries`)).status).toBe(200)
    const entries = await env.DB.prepare('SELECT COUNT(*) AS n FROM entries WHERE space_id = ?1')
      .bind(spaceB)
      .first<{ n: number }>()
    expect(entries?.n).toBe(0)
  })

  it('answers a revoked token exactly like an unknown token', async () => {
    expect(await answer(revokedB, `/api/spaces/${spaceB}/entries`)).toEqual(unknown)
  })

  it('refuses forged tokens with a valid prefix: one character changed, another scope, truncated, extended', async () => {
    const last = tokenB.slice(-1)
    const forged = [
      `${tokenB.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`,
      tokenB.replace('cms_management_', 'cms_delivery_'),
      tokenB.slice(0, -1),
      `${tokenB}A`,
      `cms_management_${tokenB.slice(-43).toUpperCase()}`,
      'cms_management_',
      'cms_',
    ]
    for (const token of forged) expect(await answer(token, `/api/spaces/${spaceB}/entries`)).toEqual(unknown)
  })

  it('audits each failure with a reason code and never the token', async () => {
    const rows = await env.DB.prepare(
      "SELECT actor_type, actor_id, outcome, reason, space_id FROM audit_log WHERE action = 'api_token.authenticate'",
    ).all<Record<string, string | null>>()
    const reasons = new Set(rows.results.map((r) => r.reason))
    for (const reason of ['unknown_token', 'wrong_space', 'revoked_token', 'malformed_token']) {
      expect(reasons).toContain(reason)
    }
    expect(rows.results.every((r) => r.outcome === 'failure')).toBe(true)
    expect(JSON.stringify(rows.results)).not.toContain(tokenA.slice(-43))
  })

  it('never authenticates a random token-shaped string (property)', async () => {
    const scope = fc.constantFrom('delivery', 'preview', 'management')
    const body = fc.string({ unit: fc.constantFrom(...B64URL), minLength: 43, maxLength: 43 })
    await fc.assert(
      fc.asyncProperty(scope, body, async (s, b) => {
        const token = `cms_${s}_${b}`
        if (issued.includes(token)) return
        expect(await answer(token, `/api/spaces/${spaceB}/entries`)).toEqual(unknown)
      }),
      { numRuns: 40 },
    )
  })

  it('never authenticates an arbitrary bearer string (property)', async () => {
    // Any printable ASCII, with or without the cms_ prefix: 401 every time, never content.
    const text = fc.string({
      unit: fc.integer({ min: 0x21, max: 0x7e }).map((n) => String.fromCharCode(n)),
      maxLength: 80,
    })
    await fc.assert(
      fc.asyncProperty(fc.boolean(), text, async (prefixed, t) => {
        const token = prefixed ? `cms_${t}` : t
        if (token === '' || issued.includes(token)) return
        const res = await answer(token, `/api/spaces/${spaceB}/entries`)
        expect(res.status).toBe(401)
        expect(res.body).not.toContain('"entries"')
      }),
      { numRuns: 40 },
    )
  })

  it('leaves no issued token in plaintext anywhere in D1', async () => {
    expect(await expectNoTokenInDatabase(issued)).toBeGreaterThan(0)
  })
})
