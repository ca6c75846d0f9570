/**
 * The lifecycle of an API token beyond create and revoke: a description and an expiry given at creation,
 * listed with who created it; a bearer past its expiry refused exactly like an unknown token; a roll that
 * answers a new token once and ends the old one when the overlap is over; the list's paging and filters.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { bearerClient, issueToken, member, testClock } from './api-tokens-helpers'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

interface Listed {
  id: string
  name: string
  description: string | null
  expiresAt: number | null
  createdBy: string | null
  revokedAt: number | null
}

async function auditReasons(action: string, spaceId: string): Promise<(string | null)[]> {
  const res = await env.DB.prepare(
    'SELECT reason FROM audit_log WHERE action = ?1 AND space_id = ?2 ORDER BY id',
  )
    .bind(action, spaceId)
    .all<{ reason: string | null }>()
  return res.results.map((r) => r.reason)
}

describe('API token description and expiry', () => {
  it('a token created with a description and a future expiry lists both, and who created it', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const expiresAt = new Date(clock.now() + 30 * DAY).toISOString()
    const res = await admin.fetch(`/api/spaces/${admin.spaceId}/tokens`, {
      json: { name: 'storefront', scope: 'delivery', description: 'Next.js storefront, EU', expiresAt },
    })
    expect(res.status).toBe(201)
    const created = (await res.json()) as Listed & { token: string }
    expect(created).toMatchObject({
      description: 'Next.js storefront, EU',
      expiresAt: Date.parse(expiresAt),
      createdBy: admin.user.id,
    })
    const list = (await (await admin.fetch(`/api/spaces/${admin.spaceId}/tokens`)).json()) as {
      tokens: Listed[]
    }
    expect(list.tokens[0]).toMatchObject({
      id: created.id,
      description: 'Next.js storefront, EU',
      expiresAt: Date.parse(expiresAt),
      createdBy: admin.user.id,
    })
  })

  it('refuses an expiry in the past or not in ISO 8601, and stores nothing', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const url = `/api/spaces/${admin.spaceId}/tokens`
    for (const expiresAt of [new Date(clock.now() - 1000).toISOString(), 'next tuesday', '1700000000']) {
      const res = await admin.fetch(url, { json: { name: 'late', scope: 'delivery', expiresAt } })
      expect(res.status).toBe(400)
      const problem = (await res.json()) as { code: string; issues: { path: string }[] }
      expect(problem.code).toBe('validation_failed')
      expect(problem.issues.map((i) => i.path)).toEqual(['expiresAt'])
    }
    const rows = await env.DB.prepare('SELECT count(*) AS n FROM api_tokens WHERE space_id = ?1')
      .bind(admin.spaceId)
      .first<number>('n')
    expect(rows).toBe(0)
  })

  it('a bearer past its expiry gets the same 401 as an unknown token, and the audit log says expired', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const expiresAt = new Date(clock.now() + HOUR).toISOString()
    const res = await admin.fetch(`/api/spaces/${admin.spaceId}/tokens`, {
      json: { name: 'short', scope: 'delivery', expiresAt },
    })
    const { token } = (await res.json()) as { token: string }
    const entries = `/api/spaces/${admin.spaceId}/entries`
    expect((await bearerClient(token, clock).fetch(entries)).status).toBe(200)
    clock.advance(HOUR)
    const expired = await bearerClient(token, clock).fetch(entries)
    const unknown = await bearerClient(`${token.slice(0, -4)}AAAA`, clock).fetch(entries)
    expect(expired.status).toBe(401)
    expect(await expired.json()).toEqual(await unknown.json())
    expect(expired.headers.get('www-authenticate')).toBe(unknown.headers.get('www-authenticate'))
    expect(await auditReasons('api_token.authenticate', admin.spaceId)).toContain('expired_token')
  })
})

describe('rolling an API token', () => {
  it('answers a new token once, keeps the old one working through the overlap, then refuses it', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const old = await issueToken(admin, admin.spaceId, 'delivery', 'storefront')
    const res = await admin.fetch(`/api/spaces/${admin.spaceId}/tokens/${old.id}/roll`, {
      json: { overlapSeconds: 600 },
    })
    expect(res.status).toBe(201)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const rolled = (await res.json()) as Listed & { token: string }
    expect(rolled.name).toBe('storefront')
    expect(rolled.id).not.toBe(old.id)
    expect(rolled.token).not.toBe(old.token)
    const sealed = await env.DB.prepare('SELECT token_sealed FROM api_tokens WHERE id = ?1')
      .bind(rolled.id)
      .first<string>('token_sealed')
    expect(sealed?.startsWith('v1.')).toBe(true)

    const entries = `/api/spaces/${admin.spaceId}/entries`
    expect((await bearerClient(old.token, clock).fetch(entries)).status).toBe(200)
    clock.advance(600_000)
    expect((await bearerClient(old.token, clock).fetch(entries)).status).toBe(401)
    expect((await bearerClient(rolled.token, clock).fetch(entries)).status).toBe(200)
    expect(await auditReasons('tokens.roll', admin.spaceId)).toEqual([null])
  })

  it('refuses an overlap out of bounds and a second roll of the same token', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const old = await issueToken(admin, admin.spaceId, 'preview')
    const url = `/api/spaces/${admin.spaceId}/tokens/${old.id}/roll`
    for (const overlapSeconds of [-1, 7 * 24 * 3600 + 1, 1.5]) {
      const res = await admin.fetch(url, { json: { overlapSeconds } })
      expect(res.status).toBe(400)
    }
    expect((await admin.fetch(url, { json: {} })).status).toBe(201)
    const again = await admin.fetch(url, { json: {} })
    expect(again.status).toBe(409)
  })
})

describe('the JSON token list pages and filters like the dashboard', () => {
  it('searches by name, separates live from revoked, and pages by 20', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const base = `/api/spaces/${admin.spaceId}/tokens`
    for (let i = 0; i < 22; i++) await issueToken(admin, admin.spaceId, 'delivery', `web ${i}`)
    const app = await issueToken(admin, admin.spaceId, 'delivery', 'mobile app')
    await admin.fetch(`${base}/${app.id}`, { method: 'DELETE' })

    const page2 = (await (await admin.fetch(`${base}?q=web&state=live&page=2`)).json()) as {
      tokens: Listed[]
      total: number
      pages: number
    }
    expect(page2.total).toBe(22)
    expect(page2.pages).toBe(2)
    expect(page2.tokens).toHaveLength(2)
    const revoked = (await (await admin.fetch(`${base}?state=revoked`)).json()) as { tokens: Listed[] }
    expect(revoked.tokens.map((t) => t.name)).toEqual(['mobile app'])
    expect((await admin.fetch(`${base}?state=gone`)).status).toBe(400)
  })
})
