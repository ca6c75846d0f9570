/**
 * The multi-issuer verifier against three real OpenID Providers (oidc-provider on 127.0.0.1), requests
 * counted on the server side: two configured issuers, each with its own audience, and a third that is not
 * configured and must never be contacted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMultiIssuerVerifier, type MultiIssuerVerifier } from '../src/index.ts'
import { mapStore } from './local-idp.ts'
import { ES_AUDIENCE, OidcServer, privateJwk, RS_AUDIENCE } from './oidc-server.ts'

const a = new OidcServer()
const b = new OidcServer()
const stranger = new OidcServer()

function total(server: OidcServer): number {
  let n = 0
  for (const count of server.hits.values()) n += count
  return n
}

function twoIssuers(): MultiIssuerVerifier {
  // A's tokens are for the RS audience, B's for the ES one; both providers could mint either.
  return createMultiIssuerVerifier(
    [
      { issuer: a.issuer, audience: RS_AUDIENCE, typ: 'at+jwt' },
      { issuer: b.issuer, audience: ES_AUDIENCE, algorithms: ['ES256'] },
    ],
    { cache: mapStore(), requiredClaims: ['client_id'] },
  )
}

beforeAll(async () => {
  await a.start([await privateJwk('RS256', 'a-rsa'), await privateJwk('ES256', 'a-ec')])
  await b.start([await privateJwk('RS256', 'b-rsa'), await privateJwk('ES256', 'b-ec')])
  await stranger.start([await privateJwk('RS256', 'c-rsa'), await privateJwk('ES256', 'c-ec')])
})
afterAll(async () => {
  await Promise.all([a.stop(), b.stop(), stranger.stop()])
})

describe('createMultiIssuerVerifier with two real IdPs', () => {
  it('accepts each issuer’s token with its own audience', async () => {
    const verifier = twoIssuers()
    const fromA = await verifier.verify(await a.token(RS_AUDIENCE))
    expect(fromA.payload).toMatchObject({ iss: a.issuer, aud: RS_AUDIENCE })
    expect(fromA.header.kid).toBe('a-rsa')
    const fromB = await verifier.verify(await b.token(ES_AUDIENCE))
    expect(fromB.payload).toMatchObject({ iss: b.issuer, aud: ES_AUDIENCE })
    expect(fromB.header.kid).toBe('b-ec')
  })

  it('refuses A’s token carrying B’s audience, and B’s carrying A’s', async () => {
    const verifier = twoIssuers()
    await expect(verifier.verify(await a.token(ES_AUDIENCE))).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      claim: 'aud',
    })
    // B allows ES256 only, and its RS-audience tokens are RS256: refused before the audience is read.
    await expect(verifier.verify(await b.token(RS_AUDIENCE))).rejects.toMatchObject({
      code: 'ERR_JOSE_ALG_NOT_ALLOWED',
    })
  })

  it('refuses a third issuer’s genuine token without contacting any IdP', async () => {
    const verifier = twoIssuers()
    const token = await stranger.token(RS_AUDIENCE)
    const before = [total(a), total(b), total(stranger)]
    await expect(verifier.verify(token)).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      claim: 'iss',
    })
    expect([total(a), total(b), total(stranger)]).toEqual(before)
    expect(stranger.count('/.well-known/openid-configuration')).toBe(0)
    expect(stranger.jwksHits).toBe(0)
  })
})
