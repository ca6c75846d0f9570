/**
 * End to end on `wrangler dev` (ENVIRONMENT=development, OUTBOUND_TIMEOUT_MS=1000) with real local
 * upstreams on 127.0.0.1: a fake MCP server (JSON and SSE) that answers only the right bearer, and fake
 * storefronts implementing `/api/cms-probe` with `@alokai/crypto/probe`. Afterwards every D1 table and
 * column is scanned for the plaintext secrets.
 */
import { createProbeNonce, PROBE_HEADERS, signProbe } from '@alokai/crypto/probe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeMcp } from './fixtures/fake-mcp'
import { type Served, serve } from './fixtures/serve'
import { serveFakeStorefront } from './fixtures/serve-storefront'
import { freePort, startWranglerDev, type WranglerDev } from './fixtures/wrangler-dev'

const BEARER = 'e2e-mcp-bearer-Vb7Hq2Lm9Xc4'
const PROBE_SECRET = 'e2e-probe-secret-Ns3Kd8Wq1Ty6'
const WRONG_SECRET = 'e2e-probe-wrong-Pz5Jf0Ge7Ru2'

let cms: WranglerDev
let cookie = ''
let spaceId = ''
const servers: Served[] = []
let mcpJson: Served
let mcpSse: Served
let shop: Served
let slowShop: Served
let lateShop: Served
let openSite: Served
let downPort = 0

async function api(path: string, init: { method?: string; json?: unknown } = {}): Promise<Response> {
  const headers: Record<string, string> = { cookie, origin: cms.base }
  if (init.json !== undefined) headers['content-type'] = 'application/json'
  return fetch(`${cms.base}${path}`, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  })
}

beforeAll(async () => {
  mcpJson = await serve(createFakeMcp({ bearer: BEARER, mode: 'json' }).handler)
  mcpSse = await serve(createFakeMcp({ bearer: BEARER, mode: 'sse' }).handler)
  servers.push(mcpJson, mcpSse)
  const storefront = async (options: { delayMs?: number; skewSeconds?: number }): Promise<Served> => {
    const served = await serveFakeStorefront({
      secret: PROBE_SECRET,
      nowSeconds: () => Math.floor(Date.now() / 1000) + (options.skewSeconds ?? 0),
      ...(options.delayMs ? { delayMs: options.delayMs } : {}),
    })
    servers.push(served)
    return served
  }
  shop = await storefront({})
  slowShop = await storefront({ delayMs: 3_000 })
  lateShop = await storefront({ skewSeconds: 3_600 })
  // A site that answers anything with 200 and verifies nothing.
  openSite = await serve(async () => new Response('ok'))
  servers.push(openSite)
  downPort = await freePort()
  cms = await startWranglerDev({ OUTBOUND_TIMEOUT_MS: '1000' })
  const login = await fetch(`${cms.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: cms.base },
    body: JSON.stringify({ email: cms.admin.email, password: cms.admin.password }),
  })
  expect(login.status).toBe(200)
  cookie = login.headers.getSetCookie()[0]?.split(';')[0] ?? ''
  const space = await api('/api/spaces', { json: { name: 'E2E' } })
  spaceId = ((await space.json()) as { id: string }).id
})

afterAll(async () => {
  cms?.stop()
  await Promise.all(servers.map((s) => s.close()))
})

async function createMcp(url: string, secret?: string): Promise<string> {
  const res = await api(`/api/spaces/${spaceId}/mcp`, {
    json: { name: 'e2e', url, ...(secret ? { secret } : {}) },
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as { id: string }).id
}

async function createPreview(url: string, secret?: string, space = spaceId): Promise<string> {
  const res = await api(`/api/spaces/${space}/preview-urls`, {
    json: { url, ...(secret ? { secret } : {}) },
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as { id: string }).id
}

describe('MCP over real HTTP', () => {
  it.each([
    ['JSON', () => mcpJson],
    ['SSE', () => mcpSse],
  ])('tests a %s server and forwards tools/call with the bearer', async (_, server) => {
    const id = await createMcp(`${server().origin}/mcp`, BEARER)
    const test = await api(`/api/spaces/${spaceId}/mcp/${id}/test`, { method: 'POST' })
    expect(await test.json()).toMatchObject({ result: 'ok', toolCount: 2, serverName: 'fake-mcp' })
    const call = {
      jsonrpc: '2.0',
      id: 42,
      method: 'tools/call',
      params: { name: 'echo', arguments: { text: 'über' } },
    }
    const rpc = await api(`/api/spaces/${spaceId}/mcp/${id}/rpc`, { json: call })
    expect(await rpc.json()).toEqual({
      jsonrpc: '2.0',
      id: 42,
      result: { content: [{ type: 'text', text: 'über' }] },
    })
  })

  it('a wrong bearer is unauthorized; a server that is down is refused', async () => {
    const wrong = await createMcp(`${mcpJson.origin}/mcp`, 'not-the-right-bearer-123')
    const res = await api(`/api/spaces/${spaceId}/mcp/${wrong}/test`, { method: 'POST' })
    expect(await res.json()).toMatchObject({ result: 'failed', reason: 'unauthorized' })
    const down = await createMcp(`http://127.0.0.1:${downPort}/mcp`, BEARER)
    const res2 = await api(`/api/spaces/${spaceId}/mcp/${down}/test`, { method: 'POST' })
    expect(await res2.json()).toMatchObject({ result: 'failed', reason: 'refused' })
  })
})

describe('preview probes over real HTTP', () => {
  it('the fake storefront itself refuses a stale timestamp and accepts a fresh one', async () => {
    const host = `127.0.0.1:${shop.port}`
    const probeAt = async (timestamp: number): Promise<number> => {
      const nonce = createProbeNonce()
      const signature = await signProbe(PROBE_SECRET, { timestamp, nonce, host })
      const res = await fetch(`${shop.origin}/api/cms-probe`, {
        headers: {
          [PROBE_HEADERS.timestamp]: String(timestamp),
          [PROBE_HEADERS.nonce]: nonce,
          [PROBE_HEADERS.signature]: signature,
        },
      })
      return res.status
    }
    const now = Math.floor(Date.now() / 1000)
    expect(await probeAt(now - 301)).toBe(401)
    // +305, not +301: the storefront reads its own clock a moment later, and a second boundary crossed in
    // between would make +301 look like +300, which is (rightly) accepted.
    expect(await probeAt(now + 305)).toBe(401)
    expect(await probeAt(now)).toBe(200)
  })

  it.each([
    ['verified', () => `${shop.origin}/`, PROBE_SECRET, { status: 'verified', reason: null }],
    [
      'reachable_unverified without a secret',
      () => openSite.origin,
      undefined,
      { status: 'reachable_unverified' },
    ],
    [
      'unauthorized without a secret at a verifying storefront',
      () => shop.origin,
      undefined,
      { status: 'failed', reason: 'unauthorized' },
    ],
    [
      'bad_response from a site that answers 200 to anything',
      () => openSite.origin,
      PROBE_SECRET,
      { status: 'failed', reason: 'bad_response' },
    ],
    [
      'bad_signature with the wrong secret',
      () => `${shop.origin}/`,
      WRONG_SECRET,
      { status: 'failed', reason: 'bad_signature' },
    ],
    [
      'bad_signature when the storefront finds our timestamp stale',
      () => lateShop.origin,
      PROBE_SECRET,
      { status: 'failed', reason: 'bad_signature' },
    ],
    [
      'refused when the server is down',
      () => `http://127.0.0.1:${downPort}`,
      PROBE_SECRET,
      { status: 'failed', reason: 'refused' },
    ],
    [
      'timeout when the server is slow',
      () => slowShop.origin,
      PROBE_SECRET,
      { status: 'failed', reason: 'timeout' },
    ],
  ])('probe: %s', async (name, url, secret, expected) => {
    // A space per case: a space holds one preview URL per address, and several cases probe one server.
    const created = await api('/api/spaces', { json: { name: `Probe: ${name}` } })
    const space = ((await created.json()) as { id: string }).id
    const id = await createPreview(url(), secret, space)
    const started = Date.now()
    const res = await api(`/api/spaces/${space}/preview-urls/${id}/probe`, { method: 'POST' })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject(expected)
    // The development timeout (OUTBOUND_TIMEOUT_MS=1000) bounds even the slow server.
    expect(Date.now() - started).toBeLessThan(2_900)
  })
})

describe('at rest', () => {
  it('no D1 table or column holds a bearer or probe secret in plaintext', async () => {
    const [tables] = await cms.d1(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
    )
    const names = (tables ?? []).map((t) => String(t.name))
    expect(names).toEqual(expect.arrayContaining(['mcp_integrations', 'preview_urls', 'audit_log']))
    const dumps = await cms.d1(names.map((n) => `SELECT * FROM "${n}"`).join('; '))
    const text = JSON.stringify(dumps)
    expect(text).toContain('v1.') // the sealed values are there…
    for (const secret of [BEARER, PROBE_SECRET, WRONG_SECRET]) expect(text).not.toContain(secret) // …the plaintexts are not
    const sealedRows = dumps
      .flat()
      .filter((r) => typeof r.bearer_sealed === 'string' || typeof r.probe_secret_sealed === 'string')
    expect(sealedRows.length).toBeGreaterThanOrEqual(5)
  })
})
