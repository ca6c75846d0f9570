import { describe, expect, it } from 'vitest'
import { createOidcVerifier, discoverOidc, type FetchLike } from '../src/index.ts'
import { AUDIENCE, ISSUER, LocalIdp, makeKey, mapStore } from './local-idp.ts'

function idpWith(doc: Record<string, unknown>): { fetch: FetchLike; hits: () => number } {
  let hits = 0
  const fetch: FetchLike = async () => {
    hits++
    return new Response(JSON.stringify(doc), { headers: { 'content-type': 'application/json' } })
  }
  return { fetch, hits: () => hits }
}

const full = {
  issuer: ISSUER,
  jwks_uri: `${ISSUER}/jwks`,
  authorization_endpoint: `${ISSUER}/authorize`,
  token_endpoint: `${ISSUER}/token`,
  userinfo_endpoint: 'http://idp.test/userinfo',
  code_challenge_methods_supported: ['S256'],
  client_secret_hint: 'never kept',
}

describe('discoverOidc', () => {
  it('returns the validated document and keeps only https endpoints', async () => {
    const idp = idpWith(full)
    const doc = await discoverOidc(ISSUER, { fetch: idp.fetch })
    expect(doc).toEqual({
      issuer: ISSUER,
      jwks_uri: `${ISSUER}/jwks`,
      authorization_endpoint: `${ISSUER}/authorize`,
      token_endpoint: `${ISSUER}/token`,
      code_challenge_methods_supported: ['S256'],
    })
    expect(Object.isFrozen(doc)).toBe(true)
  })

  it('fetches once per option set and serves from isolate memory afterwards', async () => {
    const idp = idpWith(full)
    for (let i = 0; i < 20; i++) await discoverOidc(ISSUER, { fetch: idp.fetch })
    expect(idp.hits()).toBe(1)
  })

  it('refuses a document naming another issuer with ERR_OIDC_DISCOVERY', async () => {
    const idp = idpWith({ ...full, issuer: 'https://evil.test' })
    await expect(discoverOidc(ISSUER, { fetch: idp.fetch })).rejects.toMatchObject({
      code: 'ERR_OIDC_DISCOVERY',
    })
  })

  it('reports an unreachable IdP as ERR_JWKS_FETCH with the bounded fetch detail', async () => {
    const fetch: FetchLike = async () => new Response('{}', { status: 503 })
    await expect(discoverOidc(ISSUER, { fetch })).rejects.toMatchObject({
      code: 'ERR_JWKS_FETCH',
      detail: 'unexpected response status',
    })
  })

  it('refuses a bad option with a TypeError that does not echo the issuer', async () => {
    const err = await discoverOidc('http://login.example.com/tenant-x').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(TypeError)
    expect(String(err)).not.toContain('tenant-x')
    await expect(discoverOidc(ISSUER, { timeoutMs: 0 })).rejects.toThrow(TypeError)
  })

  it('shares the discovery document with a verifier through the shared store', async () => {
    const idp = new LocalIdp([await makeKey('ES256', 'ec-1')])
    const store = mapStore()
    const verifier = createOidcVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      fetch: idp.fetch,
      cache: store,
    })
    await verifier.verify(await idp.sign())
    const doc = await discoverOidc(ISSUER, { fetch: idp.fetch, cache: store })
    expect(doc.jwks_uri).toBe(`${ISSUER}/jwks`)
    expect(idp.count('/.well-known/openid-configuration')).toBe(1)
  })
})
