import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createOidcVerifier, type OidcVerifierOptions } from '../src/index.ts'
import { AUDIENCE, b64url, ISSUER, LocalIdp, type LocalKey, makeKey, mapStore } from './local-idp.ts'

const T0 = Date.UTC(2030, 0, 1)
let rsa: LocalKey
let idp: LocalIdp

function options(extra: Partial<OidcVerifierOptions> = {}): OidcVerifierOptions {
  return { issuer: ISSUER, audience: AUDIENCE, fetch: idp.fetch, ...extra }
}

/** A token whose kid no key has; the verifier never gets as far as the (fake) signature. */
function unknownKidToken(): string {
  const header = b64url({ alg: 'RS256', kid: crypto.randomUUID(), typ: 'at+jwt' })
  return `${header}.${b64url({ iss: ISSUER, aud: AUDIENCE, exp: 2e9 })}.${b64url('not a signature')}`
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(T0)
  rsa ??= await makeKey('RS256', 'rsa-1')
  idp = new LocalIdp([rsa])
})
afterEach(() => {
  vi.useRealTimers()
})

describe('caching in isolate memory', () => {
  it('fetches discovery and the JWKS once, then verifies from memory', async () => {
    const verifier = createOidcVerifier(options())
    const token = await idp.sign()
    for (let i = 0; i < 50; i++) await verifier.verify(token)
    expect(idp.count('/.well-known/openid-configuration')).toBe(1)
    expect(idp.count('/jwks')).toBe(1)
  })

  it('takes freshness from Cache-Control max-age, clamped to [5 min, 1 h]', async () => {
    idp.cacheControl = 'max-age=60'
    const verifier = createOidcVerifier(options({ jwksUri: 'https://idp.test/jwks' }))
    const token = await idp.sign({ exp: T0 / 1000 + 86_400 })
    await verifier.verify(token)
    vi.setSystemTime(T0 + 299_000)
    await verifier.verify(token)
    expect(idp.count('/jwks')).toBe(1)
    vi.setSystemTime(T0 + 301_000)
    idp.cacheControl = 'max-age=999999'
    await verifier.verify(token)
    expect(idp.count('/jwks')).toBe(2)
    vi.setSystemTime(T0 + 301_000 + 3_599_000)
    await verifier.verify(token)
    expect(idp.count('/jwks')).toBe(2)
    vi.setSystemTime(T0 + 301_000 + 3_601_000)
    await verifier.verify(token)
    expect(idp.count('/jwks')).toBe(3)
  })
})

describe('unknown kids and rotation', () => {
  it('turns a flood of 1,000 unknown kids into at most one JWKS fetch per cooldown window', async () => {
    const verifier = createOidcVerifier(options({ cooldownSeconds: 30 }))
    const good = await idp.sign({ exp: T0 / 1000 + 3600 })
    await verifier.verify(good)
    const before = idp.count('/jwks')
    const results = await Promise.allSettled(
      Array.from({ length: 1000 }, (_, i) =>
        i === 500 ? verifier.verify(good) : verifier.verify(unknownKidToken()),
      ),
    )
    expect(idp.count('/jwks') - before).toBeLessThanOrEqual(1)
    expect(results[500]?.status).toBe('fulfilled')
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(999)
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason.code).toBe('ERR_JWKS_NO_MATCHING_KEY')

    // The next window allows exactly one more refresh, however many bad kids arrive.
    vi.setSystemTime(T0 + 31_000)
    for (let i = 0; i < 200; i++) await verifier.verify(unknownKidToken()).catch(() => undefined)
    expect(idp.count('/jwks') - before).toBeLessThanOrEqual(2)
    await verifier.verify(good)
  })

  it('picks up a key the IdP rotated in with one refresh', async () => {
    const verifier = createOidcVerifier(options())
    await verifier.verify(await idp.sign())
    const next = await makeKey('ES256', 'ec-2')
    idp.keys = [next, rsa]
    await expect(verifier.verify(await idp.sign({}, next))).resolves.toBeTruthy()
    expect(idp.count('/jwks')).toBe(2)
    await verifier.verify(await idp.sign({}, next))
    await verifier.verify(await idp.sign({}, rsa))
    expect(idp.count('/jwks')).toBe(2)
  })

  it('never refreshes for a known kid with an unfit algorithm', async () => {
    const verifier = createOidcVerifier(options())
    const token = await idp.sign()
    await verifier.verify(token)
    const [, p, s] = token.split('.')
    const confused = `${b64url({ alg: 'ES256', kid: 'rsa-1' })}.${p}.${s}`
    for (let i = 0; i < 20; i++)
      await expect(verifier.verify(confused)).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' })
    expect(idp.count('/jwks')).toBe(1)
  })
})

describe('IdP outages', () => {
  it('keeps verifying with cached keys until maxStaleSeconds, then fails with ERR_JWKS_FETCH', async () => {
    const verifier = createOidcVerifier(options({ maxStaleSeconds: 3600, cooldownSeconds: 30 }))
    const token = await idp.sign({ exp: T0 / 1000 + 86_400 })
    await verifier.verify(token)
    idp.down = true
    vi.setSystemTime(T0 + 11 * 60_000) // past the 10 min freshness
    await verifier.verify(token)
    const attempts = idp.count('/.well-known/openid-configuration') + idp.count('/jwks')
    for (let i = 0; i < 20; i++) await verifier.verify(token) // within the cooldown: no new attempts
    expect(idp.count('/.well-known/openid-configuration') + idp.count('/jwks')).toBe(attempts)
    vi.setSystemTime(T0 + 59 * 60_000)
    await verifier.verify(token)
    vi.setSystemTime(T0 + 61 * 60_000)
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'ERR_JWKS_FETCH' })
    idp.down = false
    vi.setSystemTime(T0 + 62 * 60_000)
    await verifier.verify(token)
  })

  it('fails a cold verifier with ERR_JWKS_FETCH and retries at most once per cooldown', async () => {
    idp.down = true
    const verifier = createOidcVerifier(options({ cooldownSeconds: 30 }))
    const token = await idp.sign()
    for (let i = 0; i < 10; i++)
      await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'ERR_JWKS_FETCH' })
    expect(idp.count('/.well-known/openid-configuration')).toBe(1)
    idp.down = false
    vi.setSystemTime(T0 + 31_000)
    await verifier.verify(token)
  })
})

describe('sharing across isolates', () => {
  it('100 fresh verifiers sharing one store cause one discovery and one JWKS fetch', async () => {
    const store = mapStore()
    const token = await idp.sign()
    for (let i = 0; i < 100; i++) await createOidcVerifier(options({ cache: store })).verify(token)
    expect(idp.count('/.well-known/openid-configuration')).toBe(1)
    expect(idp.count('/jwks')).toBe(1)
    expect([...store.map.values()].join()).not.toContain('"d"') // public members only reach the store
  })

  it('lets a fresh isolate verify from a stale shared entry while the IdP is down', async () => {
    const store = mapStore()
    const token = await idp.sign({ exp: T0 / 1000 + 86_400 })
    await createOidcVerifier(options({ cache: store })).verify(token)
    idp.down = true
    vi.setSystemTime(T0 + 2 * 3600_000)
    await createOidcVerifier(options({ cache: store })).verify(token)
    vi.setSystemTime(T0 + 25 * 3600_000)
    await expect(createOidcVerifier(options({ cache: store })).verify(token)).rejects.toMatchObject({
      code: 'ERR_JWKS_FETCH',
    })
  })

  it('ignores a corrupt or tampered store entry and fetches instead', async () => {
    const store = mapStore()
    const token = await idp.sign()
    await createOidcVerifier(options({ cache: store })).verify(token)
    for (const key of store.map.keys())
      store.map.set(key, '{"v":1,"json":{"keys":"x"},"fetchedAt":1e15,"freshUntil":1e15}')
    await createOidcVerifier(options({ cache: store })).verify(token)
    for (const key of store.map.keys()) store.map.set(key, 'not json')
    await createOidcVerifier(options({ cache: store })).verify(token)
    expect(idp.count('/jwks')).toBe(3)
  })
})

describe('no promise outlives its request', () => {
  it('concurrent cold verifications each fetch for themselves instead of sharing an in-flight fetch', async () => {
    const verifier = createOidcVerifier(options())
    const token = await idp.sign()
    await Promise.all([verifier.verify(token), verifier.verify(token)])
    expect(idp.count('/.well-known/openid-configuration')).toBe(2)
  })

  it('a hanging refresh blocks neither good tokens nor other unknown kids', async () => {
    let release: () => void = () => undefined
    const hold = new Promise<void>((resolve) => {
      release = resolve
    })
    let holding = false
    const verifier = createOidcVerifier(
      options({
        fetch: async (url, init) => {
          if (holding && url.endsWith('/jwks')) await hold
          return idp.fetch(url, init)
        },
      }),
    )
    const good = await idp.sign()
    await verifier.verify(good)
    holding = true
    const stuck = verifier.verify(unknownKidToken()).then(
      () => 'accepted',
      (err: { code: string }) => err.code,
    )
    await expect(verifier.verify(good)).resolves.toBeTruthy()
    await expect(verifier.verify(unknownKidToken())).rejects.toMatchObject({
      code: 'ERR_JWKS_NO_MATCHING_KEY',
    })
    release()
    expect(await stuck).toBe('ERR_JWKS_NO_MATCHING_KEY')
    expect(idp.count('/jwks')).toBe(2)
  })
})
