import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { createFakeMcp } from '../node/fixtures/fake-mcp'
import type { Client } from './helpers'
import { auditOf, plaintextHits, routedFetch, spaceWithRoles } from './outbound-helpers'

const BEARER = 'mcp-bearer-Zq81LmX0pT4kW9vR'
const OTHER_BEARER = 'mcp-bearer-other-Yt62NbC3sQ7j'
const json = { mode: 'json' as const, bearer: BEARER }
const sse = { mode: 'sse' as const, bearer: BEARER }
const jsonMcp = createFakeMcp(json)
const sseMcp = createFakeMcp(sse)
const upstream = routedFetch({
  'mcp.example': jsonMcp.handler,
  'sse.example': sseMcp.handler,
  'bounce.example': () => new Response(null, { status: 302, headers: { location: 'http://127.0.0.1/' } }),
})

let s: Awaited<ReturnType<typeof spaceWithRoles>>
beforeAll(async () => {
  s = await spaceWithRoles({ deps: { outboundFetch: upstream.fetch, outboundTimeoutMs: 500 } })
})

const base = (): string => `/api/spaces/${s.spaceId}/mcp`

async function create(
  c: Client,
  body: Record<string, unknown>,
): Promise<{ id: string; [k: string]: unknown }> {
  const res = await c.fetch(base(), { json: body })
  expect(res.status).toBe(201)
  return (await res.json()) as { id: string }
}

describe('MCP integrations: CRUD and masking', () => {
  it('creates, lists, reads, updates and deletes; the secret shows only as ••••last4', async () => {
    const created = await create(s.admin, { name: 'Stitch', url: 'https://mcp.example/mcp', secret: BEARER })
    expect(created).toMatchObject({
      name: 'Stitch',
      url: 'https://mcp.example/mcp',
      hasSecret: true,
      secretHint: '••••W9vR',
    })
    const list = await (await s.editor.fetch(base())).json()
    expect(JSON.stringify(list)).not.toContain(BEARER)
    expect(JSON.stringify(list)).toContain(created.id)
    const renamed = await s.admin.fetch(`${base()}/${created.id}`, {
      method: 'PATCH',
      json: { name: 'Stitch 2' },
    })
    expect(await renamed.json()).toMatchObject({ name: 'Stitch 2', hasSecret: true, secretHint: '••••W9vR' })
    const row = await env.DB.prepare('SELECT bearer_sealed FROM mcp_integrations WHERE id = ?1')
      .bind(created.id)
      .first<{ bearer_sealed: string }>()
    expect(row?.bearer_sealed).toMatch(/^v1\.[A-Za-z0-9_-]{8}\./)
    expect((await s.admin.fetch(`${base()}/${created.id}`, { method: 'DELETE' })).status).toBe(204)
    expect((await s.admin.fetch(`${base()}/${created.id}`)).status).toBe(404)
    expect((await auditOf(created.id)).map((e) => e.action)).toEqual([
      'mcp.create',
      'mcp.update',
      'mcp.delete',
    ])
  })

  it('validates bodies without echoing them, and refuses short secrets', async () => {
    const res = await s.admin.fetch(base(), {
      json: { name: 'x', url: 'https://mcp.example/', secret: 'short' },
    })
    expect(res.status).toBe(400)
    expect(await res.text()).not.toContain('short')
    expect(
      (await s.admin.fetch(base(), { json: { name: 'x', url: 'https://mcp.example/', extra: 1 } })).status,
    ).toBe(400)
  })

  it('a blank secret on update keeps it; null removes it', async () => {
    const { id } = await create(s.admin, { name: 'keep', url: 'https://mcp.example/a', secret: BEARER })
    const kept = await s.admin.fetch(`${base()}/${id}`, {
      method: 'PATCH',
      json: { url: 'https://mcp.example/b', secret: '' },
    })
    expect(await kept.json()).toMatchObject({
      url: 'https://mcp.example/b',
      hasSecret: true,
      secretDiscarded: false,
    })
    const removed = await s.admin.fetch(`${base()}/${id}`, { method: 'PATCH', json: { secret: null } })
    expect(await removed.json()).toMatchObject({ hasSecret: false, secretHint: null })
  })
})

describe('MCP integrations: the origin-change rule', () => {
  it('discards the stored secret when the URL moves to another origin without a new one (and audits it)', async () => {
    const { id } = await create(s.admin, { name: 'move', url: 'https://mcp.example/mcp', secret: BEARER })
    const moved = await s.admin.fetch(`${base()}/${id}`, {
      method: 'PATCH',
      json: { url: 'https://evil.example/mcp' },
    })
    expect(await moved.json()).toMatchObject({ hasSecret: false, secretHint: null, secretDiscarded: true })
    const row = await env.DB.prepare('SELECT bearer_sealed, bearer_last4 FROM mcp_integrations WHERE id = ?1')
      .bind(id)
      .first()
    expect(row).toEqual({ bearer_sealed: null, bearer_last4: null })
    expect(await auditOf(id)).toContainEqual({
      action: 'mcp.secret_discarded',
      outcome: 'success',
      reason: 'origin_changed',
    })
    // Moving back does not bring it back.
    const back = await s.admin.fetch(`${base()}/${id}`, {
      method: 'PATCH',
      json: { url: 'https://mcp.example/mcp' },
    })
    expect(await back.json()).toMatchObject({ hasSecret: false })
  })

  it('keeps a new secret sent with the origin change, and a port change is an origin change', async () => {
    const { id } = await create(s.admin, { name: 'move2', url: 'https://mcp.example/mcp', secret: BEARER })
    const moved = await s.admin.fetch(`${base()}/${id}`, {
      method: 'PATCH',
      json: { url: 'https://other.example/mcp', secret: OTHER_BEARER },
    })
    expect(await moved.json()).toMatchObject({
      hasSecret: true,
      secretHint: '••••sQ7j',
      secretDiscarded: false,
    })
    const port = await s.admin.fetch(`${base()}/${id}`, {
      method: 'PATCH',
      json: { url: 'https://other.example:8443/mcp' },
    })
    expect(await port.json()).toMatchObject({ hasSecret: false, secretDiscarded: true })
  })
})

describe('MCP integrations: test connection and rpc', () => {
  it.each([
    ['JSON', 'https://mcp.example/mcp'],
    ['SSE', 'https://sse.example/mcp'],
  ])('tests a %s server: initialize, initialized, tools/list with the session id carried', async (_, url) => {
    const { id } = await create(s.admin, { name: 'test', url, secret: BEARER })
    const log = url.includes('sse') ? sseMcp.log : jsonMcp.log
    const before = log.methods.length
    const res = await s.editor.fetch(`${base()}/${id}/test`, { method: 'POST' })
    expect(await res.json()).toMatchObject({ result: 'ok', toolCount: 2, serverName: 'fake-mcp' })
    expect(log.methods.slice(before)).toEqual(['initialize', 'notifications/initialized', 'tools/list'])
    const sessions = log.sessionHeaders.slice(before)
    expect(sessions[0]).toBeNull()
    expect(sessions[1]).toMatch(/^[0-9a-f-]{36}$/)
    expect(sessions[2]).toBe(sessions[1])
    expect(log.authorizations.slice(before).every((a) => a === `Bearer ${BEARER}`)).toBe(true)
    const listed = (await (await s.editor.fetch(`${base()}/${id}`)).json()) as { lastTest: unknown }
    expect(listed.lastTest).toMatchObject({ result: 'ok', reason: null })
    expect(await auditOf(id)).toContainEqual({ action: 'mcp.test', outcome: 'success', reason: null })
  })

  it('stores and audits failures with fixed reasons: wrong bearer, redirect, refused', async () => {
    const cases: [string, string | undefined, string][] = [
      ['https://mcp.example/mcp', OTHER_BEARER, 'unauthorized'],
      ['https://mcp.example/mcp', undefined, 'unauthorized'],
      ['https://bounce.example/mcp', BEARER, 'redirect'],
      ['https://down.example/mcp', BEARER, 'refused'],
    ]
    for (const [url, secret, reason] of cases) {
      const { id } = await create(s.admin, secret ? { name: 'f', url, secret } : { name: 'f', url })
      const res = await s.admin.fetch(`${base()}/${id}/test`, { method: 'POST' })
      const body = await res.text()
      expect(JSON.parse(body)).toMatchObject({ result: 'failed', reason })
      expect(body).not.toContain('upstream-secret-detail')
      expect(await auditOf(id)).toContainEqual({ action: 'mcp.test', outcome: 'failure', reason })
    }
  })

  it.each([
    ['JSON', 'https://mcp.example/mcp'],
    ['SSE', 'https://sse.example/mcp'],
  ])('forwards tools/call to a %s server and returns the matching JSON-RPC response', async (_, url) => {
    const { id } = await create(s.admin, { name: 'rpc', url, secret: BEARER })
    const call = {
      jsonrpc: '2.0',
      id: 'call-7',
      method: 'tools/call',
      params: { name: 'echo', arguments: { text: 'hi' } },
    }
    const res = await s.editor.fetch(`${base()}/${id}/rpc`, { json: call })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      jsonrpc: '2.0',
      id: 'call-7',
      result: { content: [{ type: 'text', text: 'hi' }] },
    })
    const unknown = await s.editor.fetch(`${base()}/${id}/rpc`, {
      json: { jsonrpc: '2.0', id: 8, method: 'nope' },
    })
    expect(await unknown.json()).toEqual({
      jsonrpc: '2.0',
      id: 8,
      error: { code: -32601, message: 'Method not found' },
    })
  })

  it('refuses malformed rpc bodies and answers upstream failures as 502 with a reason only', async () => {
    const { id } = await create(s.admin, {
      name: 'rpc2',
      url: 'https://mcp.example/mcp',
      secret: OTHER_BEARER,
    })
    for (const bad of [
      { jsonrpc: '1.0', id: 1, method: 'x' },
      { jsonrpc: '2.0', method: 'x' },
      [1, 2],
      { jsonrpc: '2.0', id: 1, method: 'a b' },
    ]) {
      expect((await s.editor.fetch(`${base()}/${id}/rpc`, { json: bad })).status).toBe(400)
    }
    const big = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { blob: 'x'.repeat(20_000) } }
    expect((await s.editor.fetch(`${base()}/${id}/rpc`, { json: big })).status).toBe(413)
    const res = await s.editor.fetch(`${base()}/${id}/rpc`, {
      json: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
    })
    expect(res.status).toBe(502)
    expect(await res.json()).toMatchObject({ code: 'upstream_failed', reason: 'unauthorized' })
  })
})

describe('MCP integrations: the role matrix', () => {
  it('editors list, test and call; only admins create, change and delete; others get 403, anonymous 401', async () => {
    const { id } = await create(s.admin, { name: 'roles', url: 'https://mcp.example/mcp', secret: BEARER })
    const item = `${base()}/${id}`
    const rpc = { json: { jsonrpc: '2.0', id: 1, method: 'tools/list' } }
    const cells: [string, (c: Client) => Promise<Response>, boolean][] = [
      ['mcp.list', (c) => c.fetch(base()), true],
      ['mcp.test', (c) => c.fetch(`${item}/test`, { method: 'POST' }), true],
      ['mcp.rpc', (c) => c.fetch(`${item}/rpc`, rpc), true],
      ['mcp.create', (c) => c.fetch(base(), { json: { name: 'n', url: 'https://mcp.example/' } }), false],
      ['mcp.update', (c) => c.fetch(item, { method: 'PATCH', json: { name: 'n' } }), false],
    ]
    for (const [action, call, editorMay] of cells) {
      expect((await call(s.editor)).status, `editor ${action}`).toBe(editorMay ? 200 : 403)
      expect((await call(s.outsider)).status, `outsider ${action}`).toBe(403)
      expect((await call(s.anonymous)).status, `anonymous ${action}`).toBe(401)
      expect((await call(s.globalAdmin)).status, `global admin ${action}`).toBeLessThan(300)
      expect((await call(s.admin)).status, `space admin ${action}`).toBeLessThan(300)
    }
    expect((await s.editor.fetch(item, { method: 'DELETE' })).status).toBe(403)
    expect((await s.outsider.fetch(item, { method: 'DELETE' })).status).toBe(403)
    const denied = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM audit_log WHERE outcome = 'denied' AND space_id = ?1 AND action LIKE 'mcp.%'",
    )
      .bind(s.spaceId)
      .first<{ n: number }>()
    expect(denied?.n).toBeGreaterThanOrEqual(7)
    expect((await s.globalAdmin.fetch(item, { method: 'DELETE' })).status).toBe(204)
  })

  it('an id from another space is not found there', async () => {
    const { id } = await create(s.admin, { name: 'mine', url: 'https://mcp.example/mcp' })
    const otherSpace = (await (await s.globalAdmin.fetch('/api/spaces', { json: { name: 'o' } })).json()) as {
      id: string
    }
    expect((await s.globalAdmin.fetch(`/api/spaces/${otherSpace.id}/mcp/${id}`)).status).toBe(404)
  })
})

describe('MCP integrations: at rest', () => {
  it('no D1 table or column holds a bearer in plaintext, and the audit log holds none', async () => {
    expect(await plaintextHits([BEARER, OTHER_BEARER])).toEqual([])
  })
})
