import { describe, expect, it } from 'vitest'
import { createOidcVerifier, getOidcVerifier, type OidcVerifierOptions, requireScopes } from '../src/index.ts'
import { tokenScopes } from '../src/require-scopes.ts'
import { AUDIENCE, ISSUER, LocalIdp, makeKey } from './local-idp.ts'

const base: OidcVerifierOptions = { issuer: ISSUER, audience: AUDIENCE }

describe('options', () => {
  it('refuses a bad option at construction without echoing its value', () => {
    const bad: Partial<OidcVerifierOptions>[] = [
      { issuer: 'http://login.example.com/secret-tenant' },
      { issuer: 'not a url' },
      { jwksUri: 'http://keys.example.com/jwks' },
      { audience: [] },
      { audience: '' },
      { algorithms: [] },
      { algorithms: ['none' as 'RS256'] },
      { timeoutMs: 0 },
      { cooldownSeconds: -1 },
      { maxStaleSeconds: Number.NaN },
    ]
    for (const extra of bad) {
      expect(() => createOidcVerifier({ ...base, ...extra })).toThrow(TypeError)
    }
    try {
      createOidcVerifier({ ...base, issuer: 'http://login.example.com/secret-tenant' })
    } catch (err) {
      expect((err as Error).message).not.toContain('secret-tenant')
    }
  })

  it('getOidcVerifier returns one verifier per full option set', () => {
    const fetch = async () => new Response('{}')
    const a = getOidcVerifier({ ...base, fetch })
    expect(getOidcVerifier({ audience: AUDIENCE, fetch, issuer: ISSUER })).toBe(a)
    expect(getOidcVerifier({ ...base, fetch, audience: 'https://other.test' })).not.toBe(a)
    expect(getOidcVerifier({ ...base, fetch: async () => new Response('{}') })).not.toBe(a)
    expect(getOidcVerifier({ ...base, fetch, cooldownSeconds: 60 })).not.toBe(a)
  })

  it('accepts a token whose aud list contains one of several configured audiences', async () => {
    const idp = new LocalIdp([await makeKey('EdDSA', 'ed-1')])
    const verifier = createOidcVerifier({ ...base, audience: ['https://a.test', AUDIENCE], fetch: idp.fetch })
    const { header } = await verifier.verify(await idp.sign({ aud: ['https://x.test', AUDIENCE] }))
    expect(header.alg).toBe('EdDSA')
    await expect(verifier.verify(await idp.sign({ aud: 'https://x.test' }))).rejects.toMatchObject({
      claim: 'aud',
    })
  })

  it('requires configured claims besides exp', async () => {
    const idp = new LocalIdp([await makeKey('ES384', 'ec-384')])
    const verifier = createOidcVerifier({ ...base, requiredClaims: ['client_id'], fetch: idp.fetch })
    await expect(verifier.verify(await idp.sign())).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      claim: 'client_id',
    })
    await verifier.verify(await idp.sign({ client_id: 'svc' }))
    const inherited = createOidcVerifier({ ...base, requiredClaims: ['toString'], fetch: idp.fetch })
    await expect(inherited.verify(await idp.sign())).rejects.toMatchObject({ claim: 'toString' })
  })

  it('refuses a discovery document for another issuer or with a non-https jwks_uri', async () => {
    const serve = (doc: unknown) => async () => new Response(JSON.stringify(doc))
    const other = createOidcVerifier({
      ...base,
      fetch: serve({ issuer: 'https://evil.test', jwks_uri: 'https://evil.test/jwks' }),
    })
    await expect(other.verify('a.b.c')).rejects.toMatchObject({ code: 'ERR_JWT_INVALID' })
    const idp = new LocalIdp([await makeKey('RS256', 'r')])
    const token = await idp.sign()
    await expect(other.verify(token)).rejects.toMatchObject({ code: 'ERR_OIDC_DISCOVERY' })
    const plain = createOidcVerifier({
      ...base,
      fetch: serve({ issuer: ISSUER, jwks_uri: 'http://idp.test/jwks' }),
    })
    await expect(plain.verify(token)).rejects.toMatchObject({ code: 'ERR_OIDC_DISCOVERY' })
  })
})

describe('maxTokenAgeSeconds and requiredScopes', () => {
  it('refuses a token older than the maximum age, or without iat, and one issued in the future', async () => {
    const idp = new LocalIdp([await makeKey('ES256', 'ec-1')])
    const verifier = createOidcVerifier({ ...base, maxTokenAgeSeconds: 60, fetch: idp.fetch })
    const now = Math.floor(Date.now() / 1000)
    await verifier.verify(await idp.sign({ iat: now - 30 }))
    await expect(verifier.verify(await idp.sign({ iat: now - 600 }))).rejects.toMatchObject({
      code: 'ERR_JWT_EXPIRED',
      claim: 'iat',
    })
    await expect(verifier.verify(await idp.sign({ iat: now + 600 }))).rejects.toMatchObject({
      code: 'ERR_JWT_NOT_YET_VALID',
      claim: 'iat',
    })
    await expect(verifier.verify(await idp.sign({ iat: undefined }))).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      claim: 'iat',
    })
    expect(() => createOidcVerifier({ ...base, maxTokenAgeSeconds: -1 })).toThrow(TypeError)
  })

  it('refuses a token lacking a required scope with ERR_JWT_SCOPE after every other check', async () => {
    const idp = new LocalIdp([await makeKey('RS256', 'rsa-1')])
    const verifier = createOidcVerifier({ ...base, requiredScopes: ['content:read'], fetch: idp.fetch })
    await verifier.verify(await idp.sign({ scope: 'openid content:read' }))
    await verifier.verify(await idp.sign({ scp: ['content:read'] }))
    await expect(verifier.verify(await idp.sign({ scope: 'openid' }))).rejects.toMatchObject({
      code: 'ERR_JWT_SCOPE',
    })
    await expect(
      verifier.verify(await idp.sign({ scope: 'openid', aud: 'https://x.test' })),
    ).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
    })
  })
})

describe('requireScopes', () => {
  it('reads space-separated scope and scp arrays or strings', () => {
    expect([...tokenScopes({ scope: 'a b  c' })]).toEqual(['a', 'b', 'c'])
    expect([...tokenScopes({ scp: ['x', 'y'] })]).toEqual(['x', 'y'])
    expect([...tokenScopes({ scp: 'x y', scope: 'z' })].sort()).toEqual(['x', 'y', 'z'])
    requireScopes({ scope: 'content:read content:write' }, ['content:write'])
    expect(() => requireScopes({ scp: ['content:read'] }, ['content:write'])).toThrow(
      expect.objectContaining({ code: 'ERR_JWT_SCOPE' }),
    )
    expect(() => requireScopes({}, ['a'])).toThrow(expect.objectContaining({ code: 'ERR_JWT_SCOPE' }))
  })
})
