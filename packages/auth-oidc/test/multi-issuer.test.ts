/**
 * The multi-issuer verifier in both runtimes, against two in-test IdPs reached through injected `fetch`
 * functions that count every request: routing by `iss`, each issuer's own audience, the strict peek at
 * `iss`, and that nothing is fetched for a token the peek refuses.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { createMultiIssuerVerifier, isOidcError, type MultiIssuerVerifier } from '../src/index.ts'
import { AUDIENCE, b64url, LocalIdp, makeKey } from './local-idp.ts'

const PARTNER_AUDIENCE = 'api://partner'
let a: LocalIdp
let b: LocalIdp

function requests(): number {
  let total = 0
  for (const idp of [a, b]) for (const n of idp.hits.values()) total += n
  return total
}

function verifier(): MultiIssuerVerifier {
  return createMultiIssuerVerifier([
    { issuer: a.issuer, audience: AUDIENCE, fetch: a.fetch, algorithms: ['RS256'] },
    { issuer: b.issuer, audience: PARTNER_AUDIENCE, fetch: b.fetch },
  ])
}

async function refusal(v: MultiIssuerVerifier, token: string): Promise<{ code: string; claim?: string }> {
  try {
    await v.verify(token)
  } catch (err) {
    if (!isOidcError(err)) throw err
    for (const part of token.split('.').filter((p) => p.length > 8)) {
      expect(err.message).not.toContain(part)
      expect(String(err.detail)).not.toContain(part)
    }
    return err.claim === undefined ? { code: err.code } : { code: err.code, claim: err.claim }
  }
  throw new Error('token was accepted')
}

beforeAll(async () => {
  a = new LocalIdp([await makeKey('RS256', 'a-1')], 'https://idp-a.test')
  b = new LocalIdp([await makeKey('ES256', 'b-1')], 'https://idp-b.test')
})

describe('createMultiIssuerVerifier', () => {
  it('verifies each issuer with its own audience and algorithms', async () => {
    const v = verifier()
    expect(v.issuers).toEqual([a.issuer, b.issuer])
    expect((await v.verify(await a.sign())).payload.iss).toBe(a.issuer)
    const partner = await b.sign({ aud: PARTNER_AUDIENCE })
    expect((await v.verify(partner)).payload.aud).toBe(PARTNER_AUDIENCE)
  })

  it("refuses one issuer's token carrying the other issuer's audience", async () => {
    const v = verifier()
    expect(await refusal(v, await a.sign({ aud: PARTNER_AUDIENCE }))).toEqual({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      claim: 'aud',
    })
    expect(await refusal(v, await b.sign({ aud: AUDIENCE }))).toEqual({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      claim: 'aud',
    })
  })

  it('refuses an issuer that is not configured, or a token without iss, without any request', async () => {
    const v = verifier()
    const stranger = new LocalIdp([await makeKey('RS256', 's-1')], 'https://idp-c.test')
    const before = requests()
    expect(await refusal(v, await stranger.sign())).toEqual({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      claim: 'iss',
    })
    // A look-alike of a configured issuer is another issuer: the match is exact.
    expect(await refusal(v, await a.sign({ iss: `${a.issuer}/` }))).toEqual({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      claim: 'iss',
    })
    expect(await refusal(v, await a.sign({ iss: 42 as unknown as string }))).toMatchObject({ claim: 'iss' })
    const [h, , s] = (await a.sign()).split('.')
    expect(await refusal(v, `${h}.${b64url({ sub: 'x', aud: AUDIENCE })}.${s}`)).toMatchObject({
      claim: 'iss',
    })
    expect(requests()).toBe(before)
    expect(stranger.hits.size).toBe(0)
  })

  it('refuses malformed tokens in the peek, before any request', async () => {
    const v = verifier()
    const [h, p, s] = (await a.sign()).split('.') as [string, string, string]
    const before = requests()
    const malformed = [
      `${h}.${p}`,
      `${h}.${p}.${s}.${s}`,
      `${h}..${s}`,
      `${h}.${p}=.${s}`, // padding is not base64url
      `${h}.${p.slice(0, -1)}+.${s}`,
      `${h}.${b64url('[1]')}.${s}`,
      `${h}.${b64url('null')}.${s}`,
      `${h}.${b64url('{"iss":')}.${s}`,
      `${b64url('"x"')}.${p}.${s}`,
    ]
    for (const token of malformed) expect((await refusal(v, token)).code, token).toBe('ERR_JWT_INVALID')
    expect((await refusal(v, `${h}.${'A'.repeat(20_000)}.${s}`)).code).toBe('ERR_JWT_TOO_LARGE')
    expect(requests()).toBe(before)
  })

  it('answers a token that is not a string with a TypeError, as the single verifier does', async () => {
    const v = verifier()
    for (const notAToken of [42, undefined, null]) {
      await expect(v.verify(notAToken as unknown as string)).rejects.toThrow(TypeError)
    }
  })

  it('still verifies strictly after routing: a bad signature and a disallowed algorithm are refused', async () => {
    const v = verifier()
    const [h, p, s] = (await a.sign()).split('.') as [string, string, string]
    const flipped = `${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`
    expect((await refusal(v, `${h}.${p}.${flipped}`)).code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED')
    // Issuer A allows RS256 only, so an ES256 token claiming A is refused whatever key it names.
    expect((await refusal(v, await b.sign({ iss: a.issuer }))).code).toBe('ERR_JOSE_ALG_NOT_ALLOWED')
  })

  it('builds one verifier per issuer, lazily, and applies shared options', async () => {
    const before = { a: a.count('/jwks'), b: b.count('/jwks') }
    const v = createMultiIssuerVerifier(
      [
        { issuer: a.issuer, audience: AUDIENCE, jwksUri: `${a.issuer}/jwks` },
        { issuer: b.issuer, audience: PARTNER_AUDIENCE, fetch: b.fetch },
      ],
      { fetch: a.fetch },
    )
    const token = await a.sign()
    await v.verify(token)
    await v.verify(token)
    expect(a.count('/jwks') - before.a).toBe(1)
    expect(b.count('/jwks') - before.b).toBe(0)
  })

  it('throws TypeError for an empty list or a repeated issuer', () => {
    expect(() => createMultiIssuerVerifier([])).toThrow(TypeError)
    expect(() =>
      createMultiIssuerVerifier([
        { issuer: 'https://idp-a.test', audience: 'x' },
        { issuer: 'https://idp-a.test', audience: 'y' },
      ]),
    ).toThrow(new TypeError('issuers must not repeat'))
  })
})
