import { beforeAll, describe, expect, it } from 'vitest'
import type { OutboundPolicy } from '../../src/domain/outbound-policy'
import { outboundFetch } from '../../src/outbound/outbound-fetch'
import { OUTBOUND_FAILURE_REASONS } from '../../src/outbound/reasons'
import { checkOutboundUrl } from '../../src/outbound/url-policy'
import { routedFetch, spaceWithRoles } from './outbound-helpers'

const prod = { allowPrivate: false }
const dev = { allowPrivate: true }

// The SSRF table: every URL here is refused outside development, with a fixed reason.
const REFUSED: [string, 'invalid_url' | 'blocked_address'][] = [
  ['http://example.com/mcp', 'invalid_url'],
  ['http://127.0.0.1/', 'invalid_url'],
  ['https://user:pw@example.com/', 'invalid_url'],
  ['https://user@example.com/', 'invalid_url'],
  ['ftp://example.com/', 'invalid_url'],
  ['javascript:alert(1)', 'invalid_url'],
  ['not a url', 'invalid_url'],
  ['https://127.0.0.1/', 'blocked_address'],
  ['https://127.1.2.3:8443/', 'blocked_address'],
  ['https://10.0.0.1/', 'blocked_address'],
  ['https://172.16.5.4/', 'blocked_address'],
  ['https://172.31.255.255/', 'blocked_address'],
  ['https://192.168.1.1/', 'blocked_address'],
  ['https://169.254.169.254/latest/meta-data/', 'blocked_address'],
  ['https://100.64.0.1/', 'blocked_address'],
  ['https://0.0.0.0/', 'blocked_address'],
  ['https://224.0.0.1/', 'blocked_address'],
  ['https://255.255.255.255/', 'blocked_address'],
  ['https://2130706433/', 'blocked_address'],
  ['https://0x7f.1/', 'blocked_address'],
  ['https://0x7f000001/', 'blocked_address'],
  ['https://0177.0.0.1/', 'blocked_address'],
  ['https://127.1/', 'blocked_address'],
  ['https://167772161/', 'blocked_address'],
  ['https://localhost/', 'blocked_address'],
  ['https://LOCALHOST./', 'blocked_address'],
  ['https://api.localhost/', 'blocked_address'],
  ['https://[::1]/', 'blocked_address'],
  ['https://[::]/', 'blocked_address'],
  ['https://[fc00::1]/', 'blocked_address'],
  ['https://[fd12:3456::1]/', 'blocked_address'],
  ['https://[fe80::1]/', 'blocked_address'],
  ['https://[ff02::1]/', 'blocked_address'],
  ['https://[::ffff:127.0.0.1]/', 'blocked_address'],
  ['https://[::ffff:10.0.0.1]/', 'blocked_address'],
  ['https://[::ffff:a9fe:a9fe]/', 'blocked_address'],
  ['https://[::127.0.0.1]/', 'blocked_address'],
  ['https://[64:ff9b::7f00:1]/', 'blocked_address'],
  ['https://[2002:7f00:1::]/', 'blocked_address'],
]

const ALLOWED = [
  'https://example.com/mcp',
  'https://8.8.8.8/',
  'https://172.32.0.1/',
  'https://100.128.0.1/',
  'https://[2606:4700::1111]/',
  'https://[::ffff:8.8.8.8]/',
  'https://shop.example.com:8443/preview',
]

describe('the outbound URL policy', () => {
  it.each(REFUSED)('refuses %s outside development as %s', (url, reason) => {
    expect(checkOutboundUrl(url, prod)).toMatchObject({ ok: false, reason })
  })

  it.each([
    ['not a url', 'not_a_url'],
    ['', 'not_a_url'],
    ['shop.example.com', 'no_scheme'],
    ['shop.example.com/preview', 'no_scheme'],
    ['ftp://example.com/', 'scheme'],
    ['http://example.com/', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['https://user:pw@example.com/', 'userinfo'],
    [`https://example.com/${'a'.repeat(2048)}`, 'too_long'],
    ['https://10.0.0.1/', 'private'],
  ])('names what is wrong with %j: %s', (url, problem) => {
    expect(checkOutboundUrl(url, prod)).toMatchObject({ ok: false, problem })
  })

  it.each(ALLOWED)('allows the public URL %s', (url) => {
    expect(checkOutboundUrl(url, prod).ok).toBe(true)
  })

  it('allows http and loopback in development, never userinfo', () => {
    expect(checkOutboundUrl('http://127.0.0.1:8787/mcp', dev).ok).toBe(true)
    expect(checkOutboundUrl('https://[::1]/', dev).ok).toBe(true)
    expect(checkOutboundUrl('http://localhost:3000/', dev).ok).toBe(true)
    expect(checkOutboundUrl('http://u:p@127.0.0.1/', dev)).toMatchObject({ ok: false, reason: 'invalid_url' })
    expect(checkOutboundUrl('file:///etc/passwd', dev)).toMatchObject({ ok: false, reason: 'invalid_url' })
  })

  it('refuses over-long URLs', () => {
    expect(checkOutboundUrl(`https://example.com/${'a'.repeat(2100)}`, prod)).toMatchObject({
      ok: false,
      reason: 'invalid_url',
    })
  })
})

function policy(fetchImpl: typeof fetch, overrides: Partial<OutboundPolicy> = {}): OutboundPolicy {
  return { allowPrivate: false, timeoutMs: 2_000, maxBytes: 1024 * 1024, fetch: fetchImpl, ...overrides }
}

describe('outboundFetch', () => {
  it('never follows a redirect: a 302 to loopback fails as redirect after one call', async () => {
    const { fetch, calls } = routedFetch({
      'public.example': () =>
        new Response(null, { status: 302, headers: { location: 'http://127.0.0.1/admin' } }),
    })
    expect(await outboundFetch(policy(fetch), { url: 'https://public.example/' })).toEqual({
      ok: false,
      reason: 'redirect',
    })
    expect(calls).toHaveLength(1)
    expect(calls[0]?.redirect).toBe('manual')
  })

  it('does not call out at all for a refused URL', async () => {
    const { fetch, calls } = routedFetch({})
    expect(await outboundFetch(policy(fetch), { url: 'https://169.254.169.254/' })).toEqual({
      ok: false,
      reason: 'blocked_address',
    })
    expect(calls).toHaveLength(0)
  })

  it('maps statuses to fixed reasons and drops the upstream body', async () => {
    const statuses: [number, string][] = [
      [401, 'unauthorized'],
      [403, 'unauthorized'],
      [404, 'http_4xx'],
      [500, 'http_5xx'],
      [503, 'http_5xx'],
      [307, 'redirect'],
    ]
    for (const [status, reason] of statuses) {
      const { fetch } = routedFetch({ 'x.example': () => new Response('secret upstream detail', { status }) })
      const res = await outboundFetch(policy(fetch), { url: 'https://x.example/' })
      expect(res).toMatchObject({ ok: false, reason })
      expect(JSON.stringify(res)).not.toContain('upstream detail')
    }
  })

  it('caps the body at 1 MiB while streaming and by Content-Length', async () => {
    const chunk = new Uint8Array(64 * 1024)
    const { fetch } = routedFetch({
      'big.example': () => {
        let sent = 0
        const stream = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent > 2 * 1024 * 1024) return controller.close()
            sent += chunk.byteLength
            controller.enqueue(chunk)
          },
        })
        return new Response(stream)
      },
      'declared.example': () => new Response('x', { headers: { 'content-length': String(2 * 1024 * 1024) } }),
      'exact.example': () => new Response(new Uint8Array(1024 * 1024)),
    })
    expect(await outboundFetch(policy(fetch), { url: 'https://big.example/' })).toEqual({
      ok: false,
      reason: 'too_large',
    })
    expect(await outboundFetch(policy(fetch), { url: 'https://declared.example/' })).toEqual({
      ok: false,
      reason: 'too_large',
    })
    const exact = await outboundFetch(policy(fetch), { url: 'https://exact.example/' })
    expect(exact.ok && exact.body.byteLength).toBe(1024 * 1024)
  })

  it('times out a server that never answers, and one that stalls mid-body', async () => {
    const { fetch } = routedFetch({
      'hang.example': (req) =>
        new Promise<Response>((_, reject) =>
          req.signal.addEventListener('abort', () => reject(new DOMException('x', 'AbortError'))),
        ),
      'stall.example': () => new Response(new ReadableStream({ start: (c) => c.enqueue(new Uint8Array(3)) })),
    })
    const started = Date.now()
    expect(await outboundFetch(policy(fetch, { timeoutMs: 50 }), { url: 'https://hang.example/' })).toEqual({
      ok: false,
      reason: 'timeout',
    })
    expect(await outboundFetch(policy(fetch, { timeoutMs: 50 }), { url: 'https://stall.example/' })).toEqual({
      ok: false,
      reason: 'timeout',
    })
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('maps thrown errors by kind: refused, tls', async () => {
    const refusing = (async () => {
      throw new TypeError('Network connection lost.')
    }) as typeof fetch
    const tls = (async () => {
      throw new Error('TLS handshake failed: certificate has expired')
    }) as typeof fetch
    expect(await outboundFetch(policy(refusing), { url: 'https://a.example/' })).toEqual({
      ok: false,
      reason: 'refused',
    })
    expect(await outboundFetch(policy(tls), { url: 'https://a.example/' })).toEqual({
      ok: false,
      reason: 'tls',
    })
  })

  it('really refuses a closed local port in development (workerd fetch)', async () => {
    const res = await outboundFetch(
      policy((i, init) => fetch(i, init), { allowPrivate: true }),
      {
        url: 'http://127.0.0.1:9/',
      },
    )
    expect(res.ok).toBe(false)
    expect(OUTBOUND_FAILURE_REASONS).toContain(!res.ok && res.reason)
  })
})

describe('saving URLs through the API', () => {
  let setup: Awaited<ReturnType<typeof spaceWithRoles>>
  beforeAll(async () => {
    setup = await spaceWithRoles()
  })

  it.each(REFUSED)('refuses to save %s in production with 422 %s', async (url, reason) => {
    const { spaceId, admin } = setup
    for (const [path, body] of [
      [`/api/spaces/${spaceId}/mcp`, { name: 'x', url }],
      [`/api/spaces/${spaceId}/preview-urls`, { url }],
    ] as const) {
      const res = await admin.fetch(path, { json: body })
      expect(res.status).toBe(422)
      expect(await res.json()).toMatchObject({ code: 'url_not_allowed', reason })
    }
  })

  it('stores the canonical form of an allowed URL in development', async () => {
    const { spaceId, admin } = await spaceWithRoles({ env: { ENVIRONMENT: 'development' } })
    const res = await admin.fetch(`/api/spaces/${spaceId}/mcp`, {
      json: { name: 'local', url: 'http://0x7f.1:9000/mcp' },
    })
    expect(res.status).toBe(201)
    expect(((await res.json()) as { url: string }).url).toBe('http://127.0.0.1:9000/mcp')
  })
})
