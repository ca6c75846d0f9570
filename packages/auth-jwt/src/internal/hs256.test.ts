/**
 * The HS256 signature layer against third-party vectors: the Wycheproof JWS groups keyed with an HS256
 * `oct` key, RFC 7515 A.1 and RFC 7520 4.4, vendored unchanged in the repository's `test-vectors/`, on both
 * HMAC backends (node:crypto and Web Crypto).
 *
 * Decisions on the cases listed in test-vectors/README.md (expected result here, and why):
 * - 367 invalidBase64Padding, 370 invalidBase64PaddingInPayload — ACCEPTED, against their "invalid" label.
 *   Their JWS string is byte-identical to 357 (ValidMac, "valid"): it contains no padding at all, so no
 *   verifier can both accept 357 and refuse these (upstream C2SP/wycheproof#236). We side with the bytes.
 * - 372 InvalidCharacterInsertedInHeader, 373 InvalidCharacterInsertedInPayload — REFUSED, against their
 *   "valid" label. A literal '?' inside a segment is not base64url (RFC 7515 §2); a decoder that skips it
 *   is exactly the lenience that lets two different strings carry one signature.
 * - 375 MacOfIncorrectlyEncodedMessage — REFUSED, as labelled. Its MAC is correct over the raw segment
 *   text (asserted below), so only the canonical-trailing-bits check refuses it: "AB" has non-zero unused
 *   bits and decodes like the canonical "AA".
 * - 17 rejectsValidJsonSerialization — REFUSED, as labelled: the layer takes compact serialization only.
 */

import { errors, jwtVerify } from 'jose'
import { describe, expect, it, vi } from 'vitest'
import rfc7515 from '../../../../test-vectors/jose/rfc7515_a1_hs256.json'
import rfc7520 from '../../../../test-vectors/jose/rfc7520_4_4_hs256.json'
import wycheproof from '../../../../test-vectors/wycheproof/json_web_signature_test.json'
import { BACKENDS } from '../../test/backends.ts'
import { hmac } from '../../test/forge.ts'
import { mapJoseError } from '../../test/jose-verdict.ts'
import type { HmacBackend, HmacKey } from './hmac.ts'
import { verifyHs256Signature } from './hs256.ts'

interface Jwk {
  kty: string
  alg?: string
  k?: string
}

/** Expected results that differ from, or confirm against doubt, the Wycheproof label. */
const DECISIONS: Record<number, 'valid' | 'invalid'> = {
  17: 'invalid',
  367: 'valid',
  370: 'valid',
  372: 'invalid',
  373: 'invalid',
  375: 'invalid',
}

/** The raw bytes of an `oct` JWK's `k` (lenient on purpose: the keys are the vectors' own). */
function keyBytes(jwk: Jwk): Uint8Array {
  return Uint8Array.from(atob(jwk.k!.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))
}

function importWith(backend: HmacBackend, jwk: Jwk): Promise<HmacKey> {
  return backend.importKey(keyBytes(jwk))
}

/** A CryptoKey for jose (the claims-stage check below). */
function importJwk(jwk: Jwk): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', { kty: 'oct', k: jwk.k }, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'verify',
    'sign',
  ])
}

const hsGroups = wycheproof.testGroups.filter((group) => {
  const key = ('private' in group ? group.private : undefined) as Jwk | undefined
  return key?.kty === 'oct' && key.alg === 'HS256'
})
const hsCases = hsGroups.flatMap((group) =>
  group.tests.map((test) => ({
    key: group.private as Jwk,
    test: test as { tcId: number; comment: string; jws: unknown; result: string },
  })),
)

describe.each(BACKENDS)('verifyHs256Signature on %s', (_name, backend) => {
  describe('Wycheproof json_web_signature_test.json', () => {
    it('covers every HS256 case in the file (40: groups hs256, rfc7520 ×2, base64)', () => {
      expect(hsGroups.map((g) => g.comment)).toEqual(['hs256', 'rfc7520', 'rfc7520', 'base64'])
      expect(hsCases).toHaveLength(40)
    })

    it.each(hsCases.map((c) => [c.test.tcId, c.test.comment, c] as const))(
      'tcId %i (%s) gets the expected result',
      async (tcId, _comment, { key, test }) => {
        const expected = DECISIONS[tcId] ?? test.result
        const ok = await verifyHs256Signature(await importWith(backend, key), test.jws as string)
        expect(ok).toBe(expected === 'valid')
      },
    )

    it('disagrees with the labels exactly on 367, 370, 372 and 373', () => {
      const overridden = hsCases
        .filter(({ test }) => DECISIONS[test.tcId] !== undefined && DECISIONS[test.tcId] !== test.result)
        .map(({ test }) => test.tcId)
      expect(overridden).toEqual([367, 370, 372, 373])
    })

    it('refuses 375 only for its encoding: its MAC is right over the raw segment text', async () => {
      const { key, test } = hsCases.find((c) => c.test.tcId === 375)!
      const jws = test.jws as string
      const signingInput = jws.slice(0, jws.lastIndexOf('.'))
      const raw = keyBytes(key)
      expect(await hmac(raw, signingInput)).toBe(jws.slice(jws.lastIndexOf('.') + 1))
      expect(await verifyHs256Signature(await importWith(backend, key), jws)).toBe(false)
    })
  })

  describe('the RFC examples', () => {
    it('accepts RFC 7515 A.1 (header and payload with CRLF, MAC over the segments as given)', async () => {
      const key = await importWith(backend, rfc7515.jwk)
      expect(await verifyHs256Signature(key, rfc7515.jws_compact)).toBe(true)
    })

    it('accepts RFC 7520 4.4 (the Frodo payload, header with a kid)', async () => {
      const key = await importWith(backend, rfc7520.jwk)
      expect(await verifyHs256Signature(key, rfc7520.jws_compact)).toBe(true)
    })

    it('refuses either example under the other key', async () => {
      expect(await verifyHs256Signature(await importWith(backend, rfc7520.jwk), rfc7515.jws_compact)).toBe(
        false,
      )
      expect(await verifyHs256Signature(await importWith(backend, rfc7515.jwk), rfc7520.jws_compact)).toBe(
        false,
      )
    })
  })
})

describe('the claims stage on the RFC examples', () => {
  it('refuses RFC 7515 A.1 as expired at the claims stage, which accepts it while the clock is before 2011-03-22T18:43:00Z', async () => {
    const key = await importJwk(rfc7515.jwk)
    const options = { algorithms: ['HS256'], requiredClaims: ['exp'] }
    const refused = await jwtVerify(rfc7515.jws_compact, key, options).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(errors.JWTExpired)
    expect(mapJoseError(refused).code).toBe('ERR_JWT_EXPIRED')
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(new Date('2011-03-22T18:42:00Z'))
      const { payload } = await jwtVerify(rfc7515.jws_compact, key, options)
      expect(payload.exp).toBe(1300819380)
    } finally {
      vi.useRealTimers()
    }
  })
})
