/**
 * The package's verdicts against jose's `jwtVerify` + `createLocalJWKSet` on generated tokens, on both
 * signature paths: valid, expired, not yet valid, wrong audience or issuer, tampered payload or signature
 * bytes, signed by the wrong key, for RS256 and ES256. The verdict (accepted or refused) and, when refused,
 * the code must agree; any disagreement fails.
 */
import fc from 'fast-check'
import { createLocalJWKSet, type JWK, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { isOidcError } from '../src/index.ts'
import { backends, verifierOn } from './backends.ts'
import { AUDIENCE, ISSUER, LocalIdp, type LocalKey, makeKey } from './local-idp.ts'

const T0 = Date.UTC(2030, 0, 1)
const NOW = Math.floor(T0 / 1000)
const TOLERANCE = 5

// jose's codes for the same failures, in this package's vocabulary.
function joseCode(err: unknown): string {
  const e = err as { code?: string; claim?: string; reason?: string }
  if (e.code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && e.claim === 'nbf' && e.reason === 'check_failed') {
    return 'ERR_JWT_NOT_YET_VALID'
  }
  if (e.code === 'ERR_JWS_INVALID') return 'ERR_JWT_INVALID'
  return e.code ?? 'unknown'
}

function flipByte(segment: string, index: number): string {
  const bytes = Uint8Array.from(atob(segment.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))
  const i = index % bytes.length
  bytes[i] = (bytes[i] ?? 0) ^ 1
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

const tamper = fc.constantFrom('none', 'payload', 'signature', 'wrongKey')
const caseArb = fc.record({
  exp: fc.integer({ min: -120, max: 120 }),
  nbf: fc.option(fc.integer({ min: -60, max: 60 }), { nil: undefined }),
  aud: fc.constantFrom(AUDIENCE, 'https://other.test', [AUDIENCE, 'https://x.test'], ['https://x.test']),
  iss: fc.constantFrom(ISSUER, 'https://idp.test/', 'https://evil.test'),
  tamper,
  at: fc.nat(),
})

let idp: LocalIdp
let rogue: { rs: LocalKey; es: LocalKey }

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(T0)
  idp = new LocalIdp([await makeKey('RS256', 'rsa-1'), await makeKey('ES256', 'ec-1')])
  rogue = { rs: await makeKey('RS256', 'rsa-1'), es: await makeKey('ES256', 'ec-1') }
})
afterAll(() => {
  vi.useRealTimers()
})

describe.each(backends)('verdicts against jose on the $name path', (backend) => {
  it.each(['RS256', 'ES256'] as const)('agrees with jose on generated %s tokens', async (alg) => {
    const verifier = verifierOn(backend, {
      issuer: ISSUER,
      audience: AUDIENCE,
      fetch: idp.fetch,
      clockToleranceSeconds: TOLERANCE,
    })
    const jwks = createLocalJWKSet({ keys: idp.keys.map((k) => k.publicJwk as JWK) })
    const key = alg === 'RS256' ? idp.keys[0]! : idp.keys[1]!
    const wrong = alg === 'RS256' ? rogue.rs : rogue.es
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const claims = {
          exp: NOW + c.exp,
          aud: c.aud,
          iss: c.iss,
          ...(c.nbf === undefined ? {} : { nbf: NOW + c.nbf }),
        }
        let token = await idp.sign(claims, c.tamper === 'wrongKey' ? wrong : key)
        const [h, p, s] = token.split('.') as [string, string, string]
        if (c.tamper === 'payload') token = `${h}.${flipByte(p, c.at)}.${s}`
        if (c.tamper === 'signature') token = `${h}.${p}.${flipByte(s, c.at)}`
        const ours = await verifier.verify(token).then(
          () => 'accepted',
          (err: unknown) => (isOidcError(err) ? err.code : `unexpected ${String(err)}`),
        )
        const theirs = await jwtVerify(token, jwks, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: [alg],
          clockTolerance: TOLERANCE,
          requiredClaims: ['exp'],
        }).then(() => 'accepted', joseCode)
        expect(ours).toBe(theirs)
      }),
      { numRuns: 150, seed: 19 },
    )
  })
})
