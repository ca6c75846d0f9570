import { env } from 'cloudflare:test'
import { PROBE_HEADERS } from '@alokai/crypto/probe'
import { beforeEach, describe, expect, it } from 'vitest'
import { probeUrl } from '../../src/features/preview-urls/probe'
import { createFakeStorefront } from '../node/fixtures/fake-storefront'
import type { Client } from './helpers'
import { auditOf, plaintextHits, routedFetch, spaceWithRoles } from './outbound-helpers'

const SECRET = 'probe-secret-Hk29vLq7Xw3Zr8Tn'
const WRONG = 'probe-secret-wrong-Bq4mS1yD6'
const shop = createFakeStorefront({ secret: SECRET, host: 'shop.example' })
const shopPort = createFakeStorefront({ secret: SECRET, host: 'shop.example:8443' })
const skewed = createFakeStorefront({
  secret: SECRET,
  host: 'late.example',
  nowSeconds: () => Math.floor(Date.now() / 1000) + 3600,
})
const upstream = routedFetch({
  'shop.example': shop.handler,
  'shop.example:8443': shopPort.handler,
  'late.example': skewed.handler,
  'liar.example': () => Response.json({ ok: true, signature: `v1=${'0'.repeat(64)}` }),
  'open.example': () => new Response('hello'),
  'slow.example': (req) =>
    new Promise<Response>((_, reject) =>
      req.signal.addEventListener('abort', () => reject(new DOMException('x', 'AbortError'))),
    ),
})

let s: Awaited<ReturnType<typeof spaceWithRoles>>
// A space per test: a space holds one preview URL per address, and the tests reuse the fake hosts.
beforeEach(async () => {
  s = await spaceWithRoles({ deps: { outboundFetch: upstream.fetch, outboundTimeoutMs: 100 } })
})
const base = (): string => `/api/spaces/${s.spaceId}/preview-urls`

async function create(body: Record<string, unknown>): Promise<{ id: string; [k: string]: unknown }> {
  const res = await s.admin.fetch(base(), { json: body })
  expect(res.status).toBe(201)
  return (await res.json()) as { id: string }
}

async function probe(c: Client, id: string): Promise<{ status: string; reason: string | null }> {
  const res = await c.fetch(`${base()}/${id}/probe`, { method: 'POST' })
  expect(res.status).toBe(200)
  return (await res.json()) as { status: string; reason: string | null }
}

describe('probe URL and signed host', () => {
  it('appends /api/cms-probe to the configured path and signs the configured host with its port', async () => {
    expect(probeUrl('https://shop.example/de/?x=1#y').href).toBe('https://shop.example/de/api/cms-probe')
    const { id } = await create({ url: 'https://SHOP.example:8443/', secret: SECRET })
    const before = upstream.calls.length
    expect(await probe(s.editor, id)).toEqual(expect.objectContaining({ status: 'verified', reason: null }))
    const sent = upstream.calls[before]
    expect(sent?.url).toBe('https://shop.example:8443/api/cms-probe')
    expect(sent?.headers.get(PROBE_HEADERS.nonce)).toMatch(/^[0-9a-f]{32}$/)
    expect(sent?.headers.get(PROBE_HEADERS.signature)).toMatch(/^v1=[0-9a-f]{64}$/)
  })
})

describe('preview URL probes', () => {
  it('verified, then stored with its time and audited', async () => {
    const { id } = await create({ url: 'https://shop.example/', secret: SECRET })
    expect(await probe(s.editor, id)).toMatchObject({ status: 'verified', reason: null })
    const row = (await (await s.editor.fetch(`${base()}/${id}`)).json()) as {
      lastProbe: { status: string; at: number }
    }
    expect(row.lastProbe).toMatchObject({ status: 'verified', reason: null })
    expect(row.lastProbe.at).toBeGreaterThan(0)
    expect(await auditOf(id)).toContainEqual({
      action: 'preview.probe',
      outcome: 'success',
      reason: 'verified',
    })
  })

  it('fails with fixed reasons: wrong secret, skewed storefront clock, forged response, timeout, refused', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ url: 'https://shop.example/', secret: WRONG }, 'bad_signature'],
      [{ url: 'https://late.example/', secret: SECRET }, 'bad_signature'],
      [{ url: 'https://liar.example/', secret: SECRET }, 'bad_signature'],
      [{ url: 'https://open.example/', secret: SECRET }, 'bad_response'],
      [{ url: 'https://slow.example/', secret: SECRET }, 'timeout'],
      [{ url: 'https://down.example/', secret: SECRET }, 'refused'],
    ]
    for (const [body, reason] of cases) {
      const { id } = await create(body)
      expect(await probe(s.editor, id), String(body.url)).toMatchObject({ status: 'failed', reason })
      expect(await auditOf(id)).toContainEqual({ action: 'preview.probe', outcome: 'failure', reason })
    }
  })

  it('keeps the last probe through a label-only change, and clears it when the URL changes', async () => {
    const { id } = await create({ url: 'https://shop.example/', secret: SECRET })
    await probe(s.editor, id)
    const item = `${base()}/${id}`
    const renamed = await s.admin.fetch(item, {
      method: 'PATCH',
      json: { label: 'Shop', url: 'https://shop.example/' },
    })
    expect(await renamed.json()).toMatchObject({ label: 'Shop', lastProbe: { status: 'verified' } })
    const moved = await s.admin.fetch(item, { method: 'PATCH', json: { url: 'https://shop.example/en' } })
    expect(await moved.json()).toMatchObject({ label: 'Shop', lastProbe: null })
  })

  it('without a secret a 2xx is reachable_unverified; a 404 is http_4xx', async () => {
    const { id } = await create({ url: 'https://open.example/' })
    expect(await probe(s.editor, id)).toMatchObject({ status: 'reachable_unverified', reason: null })
    const missing = await create({ url: 'https://shop.example/nothing-here/x' })
    // The fake storefront only serves /api/cms-probe at its root.
    expect(await probe(s.editor, missing.id)).toMatchObject({ status: 'failed', reason: 'http_4xx' })
  })
})

describe('preview URLs: CRUD, secrets and roles', () => {
  it('never shows the secret; moving origin discards it unless a new one comes; null removes it', async () => {
    const created = await create({ url: 'https://shop.example/', secret: SECRET })
    expect(created).toMatchObject({ hasSecret: true })
    expect(JSON.stringify(created)).not.toContain(SECRET)
    const samePath = await s.admin.fetch(`${base()}/${created.id}`, {
      method: 'PATCH',
      json: { url: 'https://shop.example/en' },
    })
    expect(await samePath.json()).toMatchObject({ hasSecret: true, secretDiscarded: false })
    const moved = await s.admin.fetch(`${base()}/${created.id}`, {
      method: 'PATCH',
      json: { url: 'https://open.example/' },
    })
    expect(await moved.json()).toMatchObject({ hasSecret: false, secretDiscarded: true })
    const fresh = await s.admin.fetch(`${base()}/${created.id}`, {
      method: 'PATCH',
      json: { url: 'https://shop.example/', secret: SECRET },
    })
    expect(await fresh.json()).toMatchObject({ hasSecret: true, secretDiscarded: false })
    const cleared = await s.admin.fetch(`${base()}/${created.id}`, {
      method: 'PATCH',
      json: { secret: null },
    })
    expect(await cleared.json()).toMatchObject({ hasSecret: false })
    expect((await auditOf(created.id)).map((e) => e.action)).toContain('preview.secret_discarded')
  })

  it('editors list and probe; only admins create, change and delete; others 403, anonymous 401', async () => {
    const { id } = await create({ url: 'https://open.example/' })
    const item = `${base()}/${id}`
    const cells: [string, (c: Client) => Promise<Response>, boolean][] = [
      ['preview.list', (c) => c.fetch(base()), true],
      ['preview.probe', (c) => c.fetch(`${item}/probe`, { method: 'POST' }), true],
      // A new address per call: the space refuses a second preview URL at one address.
      [
        'preview.create',
        (c) => c.fetch(base(), { json: { url: `https://open.example/${crypto.randomUUID()}` } }),
        false,
      ],
      [
        'preview.update',
        (c) => c.fetch(item, { method: 'PATCH', json: { url: 'https://open.example/x' } }),
        false,
      ],
    ]
    for (const [action, call, editorMay] of cells) {
      expect((await call(s.editor)).status, `editor ${action}`).toBe(editorMay ? 200 : 403)
      expect((await call(s.outsider)).status, `outsider ${action}`).toBe(403)
      expect((await call(s.anonymous)).status, `anonymous ${action}`).toBe(401)
      expect((await call(s.globalAdmin)).status, `global admin ${action}`).toBeLessThan(300)
      expect((await call(s.admin)).status, `space admin ${action}`).toBeLessThan(300)
    }
    expect((await s.editor.fetch(item, { method: 'DELETE' })).status).toBe(403)
    expect((await s.admin.fetch(item, { method: 'DELETE' })).status).toBe(204)
    expect((await s.admin.fetch(item)).status).toBe(404)
    const denied = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM audit_log WHERE outcome = 'denied' AND space_id = ?1 AND action LIKE 'preview.%'",
    )
      .bind(s.spaceId)
      .first<{ n: number }>()
    expect(denied?.n).toBeGreaterThanOrEqual(6)
  })

  it('no D1 table or column holds a probe secret in plaintext', async () => {
    expect(await plaintextHits([SECRET, WRONG])).toEqual([])
  })
})
