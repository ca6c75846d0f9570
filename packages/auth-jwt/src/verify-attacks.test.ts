/**
 * Attack tokens against `verify`, each refused with the code of the check that stops it, on both HMAC
 * backends (node:crypto and Web Crypto). Tokens are forged with Web Crypto directly (test/forge.ts), not
 * with the package's signing path. Every refusal is also checked not to echo the token or a secret.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS, issuerWith } from '../test/backends.ts'
import { BASE_OPTIONS, expectRejected, OTHER, SECRET } from '../test/fixtures.ts'
import { b64url, forge } from '../test/forge.ts'
import type { AuthJwtErrorCode } from './errors.ts'
import { deriveKid } from './internal/keys.ts'

const now = (): number => Math.floor(Date.now() / 1000)
let kid = ''
let valid = ''

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const iat = now()
  const base: Record<string, unknown> = {
    iss: BASE_OPTIONS.issuer,
    sub: 'user_1',
    aud: BASE_OPTIONS.audience,
    sid: 'sess_1',
    iat,
    exp: iat + 600,
  }
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete base[name]
    else base[name] = value
  }
  return base
}

function header(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { alg: 'HS256', typ: 'session+jwt', kid, ...overrides }
}

beforeAll(async () => {
  kid = await deriveKid(new TextEncoder().encode(SECRET))
  valid = await forge({ key: SECRET, header: header(), payload: claims() })
})

describe.each(BACKENDS)('verify on %s refuses attack tokens', (_name, backend) => {
  const sessions = issuerWith(backend, BASE_OPTIONS)

  async function refused(token: string, code: AuthJwtErrorCode): Promise<void> {
    await expectRejected(sessions.verify(token), code, [token, SECRET])
  }

  it('accepts the well-formed forged control token (so each refusal below is for its one change)', async () => {
    expect((await sessions.verify(valid)).sub).toBe('user_1')
  })

  it.each(['none', 'None', 'NONE', 'nOnE'])('alg %s with and without a signature', async (alg) => {
    const unsigned = `${b64url(JSON.stringify(header({ alg })))}.${b64url(JSON.stringify(claims()))}.`
    await refused(unsigned, 'ERR_JOSE_ALG_NOT_ALLOWED')
    await refused(
      await forge({ key: SECRET, header: header({ alg }), payload: claims() }),
      'ERR_JOSE_ALG_NOT_ALLOWED',
    )
  })

  it.each([
    ['HS384', 'SHA-384'],
    ['HS512', 'SHA-512'],
  ] as const)('an %s header signed with the same secret', async (alg, hash) => {
    await refused(
      await forge({ key: SECRET, header: header({ alg }), payload: claims(), hash }),
      'ERR_JOSE_ALG_NOT_ALLOWED',
    )
  })

  it('an RS256 header (the RSA/HMAC key-confusion shape)', async () => {
    await refused(
      await forge({ key: SECRET, header: header({ alg: 'RS256' }), payload: claims() }),
      'ERR_JOSE_ALG_NOT_ALLOWED',
    )
  })

  it('an empty signature, and a signature of the wrong length', async () => {
    const [h, p, s] = valid.split('.')
    await refused(`${h}.${p}.`, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED')
    await refused(`${h}.${p}.${b64url(new Uint8Array(16))}`, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED')
    await refused(`${h}.${p}.${s}AAAA`, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED')
    await refused(`${h}.${p}.${b64url(new Uint8Array(32))}`, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED')
  })

  it('a token signed with another secret under our kid', async () => {
    await refused(
      await forge({ key: OTHER, header: header(), payload: claims() }),
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    )
  })

  it('a token signed with the empty secret, under our kid and under its own', async () => {
    await refused(
      await forge({ key: '', header: header(), payload: claims() }),
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    )
    const emptyKid = await deriveKid(new Uint8Array(0))
    await refused(
      await forge({ key: '', header: header({ kid: emptyKid }), payload: claims() }),
      'ERR_JWKS_NO_MATCHING_KEY',
    )
  })

  it.each([
    ['swapped to JWT', { typ: 'JWT' }],
    ['with a slash, so no application/ prefix is implied', { typ: 'application/application/session+jwt' }],
    ['that is not a string', { typ: ['session+jwt'] }],
    ['of another service', { typ: 'cms-session+jwt' }],
    ['missing', { typ: undefined }],
  ])('typ %s', async (_label, override) => {
    const h = header(override)
    if (override.typ === undefined) delete h.typ
    const token = await forge({ key: SECRET, header: h, payload: claims() })
    const error = await expectRejected(sessions.verify(token), 'ERR_JWT_CLAIM_VALIDATION_FAILED', [token])
    expect(error.claim).toBe('typ')
  })

  it.each(['exp', 'iss', 'aud', 'sub', 'sid', 'iat'])('a missing %s claim', async (claim) => {
    const token = await forge({ key: SECRET, header: header(), payload: claims({ [claim]: undefined }) })
    const error = await expectRejected(sessions.verify(token), 'ERR_JWT_CLAIM_VALIDATION_FAILED', [token])
    expect(error.claim).toBe(claim)
  })

  it('an expired token (beyond the 5 s tolerance)', async () => {
    const iat = now() - 700
    await refused(
      await forge({ key: SECRET, header: header(), payload: claims({ iat, exp: iat + 600 }) }),
      'ERR_JWT_EXPIRED',
    )
  })

  it('an nbf ahead beyond the tolerance', async () => {
    await refused(
      await forge({ key: SECRET, header: header(), payload: claims({ nbf: now() + 60 }) }),
      'ERR_JWT_NOT_YET_VALID',
    )
  })

  it.each([
    ['wrong iss', { iss: 'https://evil.example.com' }],
    ['wrong aud', { aud: 'other-service' }],
    ['aud array holding ours and another', { aud: [BASE_OPTIONS.audience, 'other-service'] }],
    ['non-string sub', { sub: 42 }],
    ['empty sid', { sid: '' }],
    ['string exp', { exp: '9999999999' }],
    ['a roles claim', { roles: ['admin'] }],
  ])('%s', async (_label, override) => {
    await refused(
      await forge({ key: SECRET, header: header(), payload: claims(override) }),
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
    )
  })

  it.each([
    ['an unknown extension', { crit: ['exp-ext'], 'exp-ext': 1 }],
    ['b64 false', { crit: ['b64'], b64: false }],
    ['an empty list', { crit: [] }],
  ])('crit with %s', async (_label, override) => {
    await refused(
      await forge({ key: SECRET, header: header(override), payload: claims() }),
      'ERR_JWT_INVALID',
    )
  })

  it.each([
    ['an embedded jwk', { jwk: { kty: 'oct', k: 'AAAA' } }],
    ['a jku URL', { jku: 'https://evil.example.com/jwks' }],
  ])('a header with %s', async (_label, override) => {
    await refused(
      await forge({ key: SECRET, header: header(override), payload: claims() }),
      'ERR_JWT_INVALID',
    )
  })

  it.each([
    ['unknown', 'AAAAAAAA'],
    ['path traversal', '../../../../etc/passwd'],
    ['SQL text', "x' OR '1'='1'; --"],
    ['__proto__', '__proto__'],
    ['empty', ''],
  ])('kid %s', async (_label, badKid) => {
    await refused(
      await forge({ key: SECRET, header: header({ kid: badKid }), payload: claims() }),
      'ERR_JWKS_NO_MATCHING_KEY',
    )
  })

  it('a missing or non-string kid', async () => {
    const noKid = header()
    delete noKid.kid
    await refused(await forge({ key: SECRET, header: noKid, payload: claims() }), 'ERR_JWT_INVALID')
    await refused(
      await forge({ key: SECRET, header: header({ kid: 7 }), payload: claims() }),
      'ERR_JWT_INVALID',
    )
  })

  it('an oversized token, before any decoding (even when it is not a JWT at all)', async () => {
    await refused('a'.repeat(8193), 'ERR_JWT_TOO_LARGE')
    const big = await forge({ key: SECRET, header: header(), payload: claims({ pad: 'x'.repeat(8200) }) })
    await refused(big, 'ERR_JWT_TOO_LARGE')
  })

  it.each([0, 1, 2])('padding, whitespace or stray characters in segment %i', async (index) => {
    const parts = valid.split('.')
    for (const mutate of [
      (s: string) => `${s}=`,
      (s: string) => `${s}==`,
      (s: string) => ` ${s}`,
      (s: string) => `${s.slice(0, 5)}+${s.slice(5)}`,
      (s: string) => `${s.slice(0, 5)}?${s.slice(5)}`,
      (s: string) => `${s}\n`,
    ]) {
      const copy = [...parts]
      copy[index] = mutate(copy[index]!)
      await refused(copy.join('.'), 'ERR_JWT_INVALID')
    }
  })

  it('non-canonical trailing bits in a segment', async () => {
    const [h, p, s] = valid.split('.')
    const last = s!.at(-1)!
    // 43 chars = 2 unused bits; flipping the lowest bit keeps the bytes identical under lenient decoders.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const sibling = alphabet[alphabet.indexOf(last) ^ 1]
    await refused(`${h}.${p}.${s!.slice(0, -1)}${sibling}`, 'ERR_JWT_INVALID')
  })

  it('four segments, two segments, and an empty header', async () => {
    await refused(`${valid}.e30`, 'ERR_JWT_INVALID')
    await refused(`${valid}.`, 'ERR_JWT_INVALID')
    await refused(valid.split('.').slice(0, 2).join('.'), 'ERR_JWT_INVALID')
    await refused(`.${valid.split('.').slice(1).join('.')}`, 'ERR_JWT_INVALID')
  })

  it('a header or payload that is not a JSON object', async () => {
    await refused(await forge({ key: SECRET, header: b64url('[1]'), payload: claims() }), 'ERR_JWT_INVALID')
    await refused(
      await forge({ key: SECRET, header: b64url('{"alg":'), payload: claims() }),
      'ERR_JWT_INVALID',
    )
    await refused(
      await forge({ key: SECRET, header: header(), payload: b64url('"just a string"') }),
      'ERR_JWT_INVALID',
    )
  })

  it('a non-string token is a TypeError', async () => {
    await expect(sessions.verify(undefined as never)).rejects.toThrow(TypeError)
  })
})
