/**
 * The shared stores inside workerd, on the real Cache API (`caches.default`) and a real KV namespace. The
 * IdP is served through the verifier's `fetch` option (workerd tests cannot reach a server the test
 * process starts); its request counts are the fetch counts.
 */
import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { type CacheStore, cacheApiStore, createOidcVerifier, kvStore } from '../src/index.ts'
import { AUDIENCE, ISSUER, LocalIdp, makeKey } from './local-idp.ts'

declare global {
  namespace Cloudflare {
    interface Env {
      KV: KVNamespace
    }
  }
}

let idp: LocalIdp
let token: string

beforeAll(async () => {
  idp = new LocalIdp([await makeKey('ES256', 'ec-1')])
  token = await idp.sign()
})

async function hundredIsolates(store: CacheStore): Promise<{ discovery: number; jwks: number }> {
  const before = { discovery: idp.count('/.well-known/openid-configuration'), jwks: idp.count('/jwks') }
  for (let i = 0; i < 100; i++) {
    const verifier = createOidcVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      fetch: idp.fetch,
      cache: store,
    })
    await verifier.verify(token)
  }
  return {
    discovery: idp.count('/.well-known/openid-configuration') - before.discovery,
    jwks: idp.count('/jwks') - before.jwks,
  }
}

describe('cacheApiStore(caches.default)', () => {
  it('lets 100 fresh verifiers share one discovery and one JWKS fetch', async () => {
    const store = cacheApiStore(caches.default, { prefix: `https://auth-oidc.test/${crypto.randomUUID()}/` })
    expect(await hundredIsolates(store)).toEqual({ discovery: 1, jwks: 1 })
  })

  it('round-trips values and misses cleanly', async () => {
    const store = cacheApiStore(caches.default, { prefix: `https://auth-oidc.test/${crypto.randomUUID()}/` })
    expect(await store.get('missing')).toBeUndefined()
    await store.put('https://idp.test/jwks', '{"a":1}', 600)
    expect(await store.get('https://idp.test/jwks')).toBe('{"a":1}')
  })
})

describe('kvStore(env.KV)', () => {
  it('lets 100 fresh verifiers share one discovery and one JWKS fetch', async () => {
    const store = kvStore(env.KV, { prefix: `${crypto.randomUUID()}:` })
    expect(await hundredIsolates(store)).toEqual({ discovery: 1, jwks: 1 })
  })

  it('round-trips values, misses cleanly and raises a TTL under KV minimum to 60 s', async () => {
    const store = kvStore(env.KV, { prefix: `${crypto.randomUUID()}:` })
    expect(await store.get('missing')).toBeUndefined()
    await store.put('k', 'v', 5)
    expect(await store.get('k')).toBe('v')
  })

  it('serves a fresh isolate from the stored keys while the IdP is down', async () => {
    const store = kvStore(env.KV, { prefix: `${crypto.randomUUID()}:` })
    await createOidcVerifier({ issuer: ISSUER, audience: AUDIENCE, fetch: idp.fetch, cache: store }).verify(
      token,
    )
    idp.down = true
    try {
      const fresh = createOidcVerifier({ issuer: ISSUER, audience: AUDIENCE, fetch: idp.fetch, cache: store })
      await expect(fresh.verify(token)).resolves.toBeTruthy()
    } finally {
      idp.down = false
    }
  })
})
