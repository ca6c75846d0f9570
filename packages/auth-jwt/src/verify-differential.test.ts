/**
 * Differential test: the package's verdicts against jose's `jwtVerify` (with the options the package used
 * to hand it) on generated tokens: valid, expired, not yet valid, too old, wrong `iss`/`aud`, wrong key,
 * tampered bytes, and boundaries within the clock tolerance. Any disagreement fails, on both HMAC
 * backends. For untouched tokens the codes must agree too; a tampered token must be refused by both. The
 * places where the package is deliberately stricter than jose are listed (and asserted) at the end.
 */
import { decodeBase64url, encodeBase64url } from '@alokai/internal'
import fc from 'fast-check'
import { type JWTVerifyOptions, jwtVerify, SignJWT } from 'jose'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { BACKENDS, issuerWith } from '../test/backends.ts'
import { AUDIENCE, BASE_OPTIONS, ISSUER, OTHER, SECRET, TTL } from '../test/fixtures.ts'
import { mapJoseError } from '../test/jose-verdict.ts'
import { isAuthJwtError } from './errors.ts'
import { deriveKid } from './internal/keys.ts'

const NOW = 1_800_000_000
const TYP = 'session+jwt'
const encoder = new TextEncoder()
const joseOptions: JWTVerifyOptions = {
  algorithms: ['HS256'],
  issuer: ISSUER,
  audience: AUDIENCE,
  typ: TYP,
  requiredClaims: ['exp', 'iss', 'aud', 'sub', 'sid', 'iat'],
  clockTolerance: 5,
  maxTokenAge: TTL,
}
let kid = ''
let joseKey: CryptoKey

beforeAll(async () => {
  kid = await deriveKid(encoder.encode(SECRET))
  joseKey = await crypto.subtle.importKey(
    'raw',
    encoder.encode(SECRET),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  )
})

afterEach(() => {
  vi.useRealTimers()
})

/** `ok`, or the code of the refusal. */
async function verdict(run: () => Promise<unknown>, map: (e: unknown) => string): Promise<string> {
  return run().then(
    () => 'ok',
    (e: unknown) => map(e),
  )
}

/** Flips one bit of one decoded segment and re-encodes it canonically (a byte-level tamper). */
function tamper(token: string, segment: number, index: number, bit: number): string {
  const parts = token.split('.')
  const bytes = decodeBase64url(parts[segment]!)!
  if (bytes.length === 0) return token
  const copy = bytes.slice()
  copy[index % copy.length]! ^= 1 << bit
  parts[segment] = encodeBase64url(copy)
  return parts.join('.')
}

const tokenCase = fc.record({
  iat: fc.integer({ min: -TTL - 60, max: 60 }),
  lifetime: fc.integer({ min: -60, max: TTL + 60 }),
  nbf: fc.option(fc.integer({ min: -60, max: 60 }), { nil: undefined }),
  // Weighted towards the right values so that acceptance is exercised as well as each refusal.
  iss: fc.constantFrom(ISSUER, ISSUER, ISSUER, 'https://evil.example.com'),
  aud: fc.constantFrom(AUDIENCE, AUDIENCE, AUDIENCE, 'other-service'),
  wrongKey: fc.nat({ max: 5 }).map((n) => n === 0),
  tamper: fc.option(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.nat(), fc.integer({ min: 0, max: 7 })), {
    nil: undefined,
    freq: 3,
  }),
})

describe.each(BACKENDS)('verify on %s agrees with jose', (_name, backend) => {
  const sessions = issuerWith(backend, BASE_OPTIONS)

  it('on generated tokens (valid, expired, not yet valid, wrong iss/aud, wrong key, tampered)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW * 1000)
    let accepted = 0
    await fc.assert(
      fc.asyncProperty(tokenCase, async (c) => {
        const iat = NOW + c.iat
        const payload = {
          iss: c.iss,
          aud: c.aud,
          sub: 'user_1',
          sid: 'sess_1',
          iat,
          exp: iat + c.lifetime,
          ...(c.nbf === undefined ? {} : { nbf: NOW + c.nbf }),
        }
        let token = await new SignJWT(payload)
          .setProtectedHeader({ alg: 'HS256', typ: TYP, kid })
          .sign(encoder.encode(c.wrongKey ? OTHER : SECRET))
        if (c.tamper !== undefined) token = tamper(token, ...c.tamper)
        const ours = await verdict(
          () => sessions.verify(token),
          (e) => (isAuthJwtError(e) ? e.code : 'not an AuthJwtError'),
        )
        const theirs = await verdict(
          () => jwtVerify(token, joseKey, joseOptions),
          (e) => mapJoseError(e).code,
        )
        if (ours === 'ok') accepted++
        if (c.tamper === undefined) expect(ours).toBe(theirs)
        else expect(ours === 'ok').toBe(theirs === 'ok')
      }),
      { numRuns: 300, seed: 20_260_420 },
    )
    // The generator must exercise acceptance too, not only refusals.
    expect(accepted).toBeGreaterThan(10)
  })
})

describe.each(BACKENDS)('verify on %s is stricter than jose where it means to be', (_name, backend) => {
  const sessions = issuerWith(backend, BASE_OPTIONS)

  async function signed(
    header: Record<string, unknown>,
    claims: Record<string, unknown> = {},
  ): Promise<string> {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW * 1000)
    const payload = {
      iss: ISSUER,
      aud: AUDIENCE,
      sub: 'user_1',
      sid: 'sess_1',
      iat: NOW,
      exp: NOW + 60,
      ...claims,
    }
    const token = await new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', typ: TYP, kid, ...header })
      .sign(encoder.encode(SECRET))
    return token
  }

  async function expectOnlyJoseAccepts(token: string, code: string): Promise<void> {
    await expect(jwtVerify(token, joseKey, joseOptions)).resolves.toBeDefined()
    await expect(sessions.verify(token)).rejects.toMatchObject({ code })
  }

  it('refuses non-canonical trailing bits in the signature, which jose decodes to the same MAC', async () => {
    const token = await signed({})
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const sibling = alphabet[alphabet.indexOf(token.at(-1)!) ^ 1]
    await expectOnlyJoseAccepts(`${token.slice(0, -1)}${sibling}`, 'ERR_JWT_INVALID')
  })

  it('refuses an aud array even when it holds ours', async () => {
    await expectOnlyJoseAccepts(
      await signed({}, { aud: [AUDIENCE, 'other'] }),
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
    )
  })

  it('compares typ as jose does (RFC 7515 §4.1.9): an application/ prefix and another case are the same type', async () => {
    for (const typ of ['application/session+jwt', 'SESSION+JWT', 'Application/Session+JWT']) {
      const token = await signed({ typ })
      await expect(jwtVerify(token, joseKey, joseOptions)).resolves.toBeDefined()
      await expect(sessions.verify(token)).resolves.toMatchObject({ sub: 'user_1' })
    }
  })

  it('refuses a header member it does not write, and an empty sub or a roles claim', async () => {
    await expectOnlyJoseAccepts(await signed({ jku: 'https://evil.example.com/jwks' }), 'ERR_JWT_INVALID')
    await expectOnlyJoseAccepts(await signed({}, { sub: '' }), 'ERR_JWT_CLAIM_VALIDATION_FAILED')
    await expectOnlyJoseAccepts(await signed({}, { roles: ['admin'] }), 'ERR_JWT_CLAIM_VALIDATION_FAILED')
  })
})
