/**
 * Against a real OpenID Provider (oidc-provider on 127.0.0.1): real tokens over HTTP, real discovery and
 * JWKS, fetch counts taken on the server side.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type OidcVerifierOptions, requireScopes } from '../src/index.ts'
import { backends, verifierOn } from './backends.ts'
import { b64url, mapStore } from './local-idp.ts'
import { ES_AUDIENCE, OidcServer, privateJwk, RS_AUDIENCE } from './oidc-server.ts'

let server: OidcServer
let rsToken: string
let esToken: string

function options(extra: Partial<OidcVerifierOptions> = {}): OidcVerifierOptions {
  return { issuer: server.issuer, audience: [RS_AUDIENCE, ES_AUDIENCE], ...extra }
}

function withKid(token: string, kid: string): string {
  const [h, p, s] = token.split('.')
  const header = JSON.parse(atob(h!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>
  return `${b64url({ ...header, kid })}.${p}.${s}`
}

describe.each(backends)('tokens from a real OpenID Provider on the $name path', (backend) => {
  const createOidcVerifier = (o: OidcVerifierOptions) => verifierOn(backend, o)

  beforeAll(async () => {
    server = new OidcServer()
    await server.start([await privateJwk('RS256', 'rsa-1'), await privateJwk('ES256', 'ec-1')])
    rsToken = await server.token(RS_AUDIENCE)
    esToken = await server.token(ES_AUDIENCE)
  })
  afterEach(() => {
    vi.useRealTimers()
  })
  afterAll(async () => {
    await server.stop()
  })

  it('verifies RS256 and ES256 access tokens issued over HTTP', async () => {
    const verifier = createOidcVerifier(options({ typ: 'at+jwt' }))
    const rs = await verifier.verify(rsToken)
    expect(rs.header).toMatchObject({ alg: 'RS256', kid: 'rsa-1', typ: 'at+jwt' })
    expect(rs.payload).toMatchObject({ iss: server.issuer, aud: RS_AUDIENCE, client_id: 'cms-tests' })
    requireScopes(rs.payload, ['read'])
    expect(() => requireScopes(rs.payload, ['write'])).toThrow(
      expect.objectContaining({ code: 'ERR_JWT_SCOPE' }),
    )
    const es = await verifier.verify(esToken)
    expect(es.header).toMatchObject({ alg: 'ES256', kid: 'ec-1' })
    expect(es.payload.aud).toBe(ES_AUDIENCE)
  })

  it('refuses a token for another audience', async () => {
    const verifier = createOidcVerifier(options({ audience: ES_AUDIENCE }))
    await expect(verifier.verify(rsToken)).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      claim: 'aud',
    })
  })

  it('refuses another issuer: in discovery, and in the token when discovery is skipped', async () => {
    const localhost = server.issuer.replace('127.0.0.1', 'localhost')
    const viaDiscovery = createOidcVerifier(options({ issuer: localhost }))
    await expect(viaDiscovery.verify(rsToken)).rejects.toMatchObject({ code: 'ERR_OIDC_DISCOVERY' })
    const direct = createOidcVerifier(options({ issuer: localhost, jwksUri: `${server.issuer}/jwks` }))
    await expect(direct.verify(rsToken)).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      claim: 'iss',
    })
  })

  it('refuses an expired token (clock advanced past exp + tolerance)', async () => {
    const verifier = createOidcVerifier(options())
    const { payload } = await verifier.verify(rsToken)
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime((payload.exp! + 4) * 1000)
    await verifier.verify(rsToken) // inside the 5 s tolerance
    vi.setSystemTime((payload.exp! + 6) * 1000)
    await expect(verifier.verify(rsToken)).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' })
  })

  it('turns 1,000 unknown kids into at most one JWKS fetch while a good token verifies mid-flood', async () => {
    const verifier = createOidcVerifier(options())
    await verifier.verify(rsToken)
    const before = server.jwksHits
    const results = await Promise.allSettled(
      Array.from({ length: 1000 }, (_, i) =>
        verifier.verify(i === 500 ? esToken : withKid(rsToken, crypto.randomUUID())),
      ),
    )
    expect(server.jwksHits - before).toBeLessThanOrEqual(1)
    expect(results[500]?.status).toBe('fulfilled')
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
  })

  it('100 fresh verifiers sharing one store fetch discovery and the JWKS once', async () => {
    const store = mapStore()
    const before = { jwks: server.jwksHits, discovery: server.count('/.well-known/openid-configuration') }
    for (let i = 0; i < 100; i++) await createOidcVerifier(options({ cache: store })).verify(rsToken)
    expect(server.jwksHits - before.jwks).toBe(1)
    expect(server.count('/.well-known/openid-configuration') - before.discovery).toBe(1)
  })

  it('verifies a token signed with a rotated-in key after exactly one refresh', async () => {
    const verifier = createOidcVerifier(options())
    await verifier.verify(rsToken)
    server.restart([
      await privateJwk('RS256', 'rsa-2'),
      await privateJwk('RS256', 'rsa-1'),
      await privateJwk('ES256', 'ec-1'),
    ])
    const rotated = await server.token(RS_AUDIENCE)
    const before = server.jwksHits
    const { header } = await verifier.verify(rotated)
    expect(header.kid).toBe('rsa-2')
    expect(server.jwksHits - before).toBe(1)
    await verifier.verify(rotated)
    expect(server.jwksHits - before).toBe(1)
    rsToken = rotated
  })

  it('keeps verifying with cached keys while the IdP is down, until maxStaleSeconds', async () => {
    const verifier = createOidcVerifier(options({ maxStaleSeconds: 1200 }))
    const { payload } = await verifier.verify(rsToken)
    await server.stop()
    const cold = createOidcVerifier(options())
    await expect(cold.verify(rsToken)).rejects.toMatchObject({ code: 'ERR_JWKS_FETCH' })

    vi.useFakeTimers({ toFake: ['Date'] })
    const start = Date.now()
    vi.setSystemTime(start + 6 * 60_000) // past the 5 min freshness: a refetch fails, the stale keys serve
    await expect(verifier.verify(rsToken)).resolves.toMatchObject({ payload: { jti: payload.jti } })
    vi.setSystemTime(start + 19 * 60_000)
    await verifier.verify(rsToken)
    vi.setSystemTime(start + 21 * 60_000)
    await expect(verifier.verify(rsToken)).rejects.toMatchObject({ code: 'ERR_JWKS_FETCH' })
  })
})
