import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { API_TOKEN_PATTERN, apiTokenDigest } from '../../src/features/api-tokens/bearer'
import { bearerClient, expectNoTokenInDatabase, issueToken, member, testClock } from './api-tokens-helpers'
import { client, loggedIn, makeSpace } from './helpers'
import { auditOf } from './outbound-helpers'

const MINUTE = 60_000
const issued: string[] = []

describe('API token lifecycle', () => {
  it('creates, uses, reveals, revokes, and then refuses a token', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const created = await admin.fetch(`/api/spaces/${admin.spaceId}/tokens`, {
      json: { name: 'storefront', scope: 'delivery' },
    })
    expect(created.status).toBe(201)
    expect(created.headers.get('cache-control')).toBe('no-store')
    const body = (await created.json()) as Record<string, unknown>
    const token = body.token as string
    issued.push(token)
    expect(token).toMatch(API_TOKEN_PATTERN)
    expect(token.startsWith('cms_delivery_')).toBe(true)
    expect(body.last4).toBe(token.slice(-4))
    expect(Object.keys(body).sort()).toEqual(
      [
        'createdAt',
        'createdBy',
        'description',
        'expiresAt',
        'replacedBy',
        'id',
        'last4',
        'lastUsedAt',
        'name',
        'revokedAt',
        'scope',
        'spaceId',
        'token',
      ].sort(),
    )

    // Stored sealed + digest, never in the clear.
    const row = await env.DB.prepare('SELECT token_sealed, token_digest FROM api_tokens WHERE id = ?1')
      .bind(body.id)
      .first<{ token_sealed: string; token_digest: string }>()
    expect(row?.token_sealed.startsWith('v1.')).toBe(true)
    expect(row?.token_digest).toBe(await apiTokenDigest(token))

    const api = bearerClient(token, clock)
    expect((await api.fetch(`/api/spaces/${admin.spaceId}/entries`)).status).toBe(200)

    const list = await admin.fetch(`/api/spaces/${admin.spaceId}/tokens`)
    const listed = ((await list.json()) as { tokens: Record<string, unknown>[] }).tokens
    expect(listed).toHaveLength(1)
    expect(listed[0]).toMatchObject({
      id: body.id,
      name: 'storefront',
      scope: 'delivery',
      last4: token.slice(-4),
    })
    expect(listed[0]?.lastUsedAt).toBe(clock.now())
    expect(JSON.stringify(listed)).not.toContain(token.slice(-43))
    expect(JSON.stringify(listed)).not.toMatch(/v1\.|digest|sealed/)

    const reveal = await admin.fetch(`/api/spaces/${admin.spaceId}/tokens/${body.id}/reveal`, {
      method: 'POST',
    })
    expect(reveal.status).toBe(200)
    expect(reveal.headers.get('cache-control')).toBe('no-store')
    expect(await reveal.json()).toEqual({ id: body.id, token })

    const revoke = await admin.fetch(`/api/spaces/${admin.spaceId}/tokens/${body.id}`, { method: 'DELETE' })
    expect(revoke.status).toBe(200)
    expect(((await revoke.json()) as { revokedAt: number }).revokedAt).toBe(clock.now())

    const refused = await api.fetch(`/api/spaces/${admin.spaceId}/entries`)
    expect(refused.status).toBe(401)
    expect(((await refused.json()) as { code: string }).code).toBe('unauthenticated')
    // Nothing left to reveal after revocation.
    const after = await env.DB.prepare('SELECT token_sealed FROM api_tokens WHERE id = ?1')
      .bind(body.id)
      .first()
    expect(after?.token_sealed).toBeNull()
    expect(
      (await admin.fetch(`/api/spaces/${admin.spaceId}/tokens/${body.id}/reveal`, { method: 'POST' })).status,
    ).toBe(409)

    const audit = await auditOf(body.id as string)
    expect(audit).toEqual([
      { action: 'tokens.create', outcome: 'success', reason: null },
      { action: 'tokens.reveal', outcome: 'success', reason: null },
      { action: 'tokens.revoke', outcome: 'success', reason: null },
      { action: 'tokens.reveal', outcome: 'failure', reason: 'revoked' },
    ])
    const failure = await env.DB.prepare(
      "SELECT actor_type, actor_id, reason, space_id FROM audit_log WHERE action = 'api_token.authenticate' AND actor_id = ?1",
    )
      .bind(body.id)
      .first()
    expect(failure).toEqual({
      actor_type: 'api_token',
      actor_id: body.id,
      reason: 'revoked_token',
      space_id: admin.spaceId,
    })
  })

  it('refuses a reveal without a login in the last 5 minutes, and audits the denial', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const { id, token } = await issueToken(admin, admin.spaceId, 'preview')
    issued.push(token)
    clock.advance(5 * MINUTE + 1)
    const res = await admin.fetch(`/api/spaces/${admin.spaceId}/tokens/${id}/reveal`, { method: 'POST' })
    expect(res.status).toBe(403)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const text = await res.text()
    expect(JSON.parse(text).code).toBe('reauth_required')
    expect(text).not.toContain(token.slice(-43))
    expect(await auditOf(id)).toContainEqual({
      action: 'tokens.reveal',
      outcome: 'denied',
      reason: 'reauth_required',
    })

    // Signing in again makes it possible (same user, fresh authenticatedAt).
    const again = client({ deps: { now: clock.now } })
    const login = await again.fetch('/api/auth/login', {
      json: { email: admin.user.email, password: 'correct horse battery staple' },
    })
    expect(login.status).toBe(200)
    expect(
      (await again.fetch(`/api/spaces/${admin.spaceId}/tokens/${id}/reveal`, { method: 'POST' })).status,
    ).toBe(200)
  })

  it('writes last_used_at at most every 5 minutes', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const { id, token } = await issueToken(admin, admin.spaceId, 'delivery')
    issued.push(token)
    const lastUsed = async () =>
      (
        await env.DB.prepare('SELECT last_used_at FROM api_tokens WHERE id = ?1')
          .bind(id)
          .first<{ last_used_at: number | null }>()
      )?.last_used_at
    const api = bearerClient(token, clock)
    expect(await lastUsed()).toBeNull()
    const first = clock.now()
    await api.fetch(`/api/spaces/${admin.spaceId}/entries`)
    expect(await lastUsed()).toBe(first)
    clock.advance(4 * MINUTE)
    await api.fetch(`/api/spaces/${admin.spaceId}/entries`)
    expect(await lastUsed()).toBe(first)
    clock.advance(MINUTE)
    await api.fetch(`/api/spaces/${admin.spaceId}/entries`)
    expect(await lastUsed()).toBe(first + 5 * MINUTE)
  })
})

describe('who manages tokens', () => {
  // The role matrix cells (docs/design.md) for token actions, through the real routes.
  it.each([
    ['space editor', 'editor', 403],
    ['space admin', 'admin', 201],
  ] as const)('a %s creating a token gets %i', async (_label, role, status) => {
    const spaceId = await makeSpace()
    const c = await loggedIn({ spaces: [{ spaceId, role }] })
    const res = await c.fetch(`/api/spaces/${spaceId}/tokens`, { json: { name: 'x', scope: 'delivery' } })
    expect(res.status).toBe(status)
    if (res.status === 201) issued.push(((await res.json()) as { token: string }).token)
  })

  it('lets a global admin and a space admin list, reveal and revoke; refuses editors and other spaces', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const { id, token } = await issueToken(admin, admin.spaceId, 'management')
    issued.push(token)
    const editor = await member(clock, 'editor', admin.spaceId)
    const otherAdmin = await member(clock, 'admin')
    const global = await loggedIn({ globalAdmin: true }, { deps: { now: clock.now } })
    const base = `/api/spaces/${admin.spaceId}/tokens`
    for (const outsider of [editor, otherAdmin]) {
      expect((await outsider.fetch(base)).status).toBe(403)
      expect((await outsider.fetch(base, { json: { name: 'x', scope: 'delivery' } })).status).toBe(403)
      expect((await outsider.fetch(`${base}/${id}/reveal`, { method: 'POST' })).status).toBe(403)
      expect((await outsider.fetch(`${base}/${id}`, { method: 'DELETE' })).status).toBe(403)
    }
    const denied = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM audit_log WHERE actor_id = ?1 AND outcome = 'denied' AND space_id = ?2",
    )
      .bind(editor.user.id, admin.spaceId)
      .first<{ n: number }>()
    expect(denied?.n).toBe(4)
    expect((await global.fetch(base)).status).toBe(200)
    expect((await global.fetch(`${base}/${id}/reveal`, { method: 'POST' })).status).toBe(200)
    expect((await global.fetch(`${base}/${id}`, { method: 'DELETE' })).status).toBe(200)
  })

  it('never lets an API token manage tokens, even a management token in its own space', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const { id, token } = await issueToken(admin, admin.spaceId, 'management')
    issued.push(token)
    const api = bearerClient(token, clock)
    const base = `/api/spaces/${admin.spaceId}/tokens`
    expect((await api.fetch(base)).status).toBe(403)
    expect((await api.fetch(base, { json: { name: 'x', scope: 'management' } })).status).toBe(403)
    expect((await api.fetch(`${base}/${id}/reveal`, { method: 'POST' })).status).toBe(403)
    expect((await api.fetch(`${base}/${id}`, { method: 'DELETE' })).status).toBe(403)
    expect((await api.fetch('/api/spaces')).status).toBe(403)
    expect((await api.fetch('/api/auth/me')).status).toBe(403)
    const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM api_tokens WHERE space_id = ?1')
      .bind(admin.spaceId)
      .first<{ n: number }>()
    expect(count?.n).toBe(1)
    const denials = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM audit_log WHERE actor_type = 'api_token' AND actor_id = ?1 AND outcome = 'denied'",
    )
      .bind(id)
      .first<{ n: number }>()
    expect(denials?.n).toBeGreaterThanOrEqual(5)
  })

  it('requires same origin for cookie-authenticated token changes', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const res = await admin.fetch(`/api/spaces/${admin.spaceId}/tokens`, {
      json: { name: 'x', scope: 'delivery' },
      headers: { origin: 'https://evil.test' },
    })
    expect(res.status).toBe(403)
    expect(((await res.json()) as { code: string }).code).toBe('csrf_failed')
  })

  it('validates the body and answers 404 for unknown ids', async () => {
    const clock = testClock()
    const admin = await member(clock, 'admin')
    const base = `/api/spaces/${admin.spaceId}/tokens`
    expect((await admin.fetch(base, { json: { name: 'x', scope: 'root' } })).status).toBe(400)
    expect((await admin.fetch(base, { json: { name: '', scope: 'delivery' } })).status).toBe(400)
    expect((await admin.fetch(`${base}/tok_AAAAAAAAAAAAAAAAAAAAAA/reveal`, { method: 'POST' })).status).toBe(
      404,
    )
    expect((await admin.fetch(`${base}/nope`, { method: 'DELETE' })).status).toBe(404)
  })
})

describe('storage', () => {
  it('holds no issued token in plaintext in any column of any table', async () => {
    expect(issued.length).toBeGreaterThanOrEqual(5)
    expect(await expectNoTokenInDatabase(issued)).toBeGreaterThan(0)
  })
})
