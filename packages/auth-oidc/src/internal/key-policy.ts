/**
 * The rules a key must pass before either crypto backend imports it, written once so the node:crypto and
 * Web Crypto paths refuse exactly the same keys: a key whose JWK publishes private members, an RSA public exponent that is small or even, a modulus
 * under 2048 bits (RFC 7518 §3.3 and §3.5 require 2048 for RS and PS), and a modulus with the ROCA fingerprint.
 */
import { decodeBase64url } from '@alokai/internal'
import { JWKSInvalid } from '../errors.ts'
import type { PublicJwk } from './key-set.ts'
import { hasRocaFingerprint } from './roca.ts'

/** The smallest RSA modulus accepted, in bits. */
const MIN_RSA_BITS = 2048

function bitLength(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length && bytes[i] === 0) i++
  const top = bytes[i]
  return top === undefined ? 0 : (bytes.length - i - 1) * 8 + (32 - Math.clz32(top))
}

/** Throws `ERR_JWKS_INVALID` unless the key is public and, for RSA, safe to verify with. */
export function checkKeyPolicy(jwk: PublicJwk): void {
  if (jwk.exposesPrivate) throw new JWKSInvalid({ detail: 'JWK publishes private key members' })
  if (jwk.kty !== 'RSA') return
  const e = decodeBase64url(jwk.material.e ?? '')
  const n = decodeBase64url(jwk.material.n ?? '')
  if (e === undefined || n === undefined)
    throw new JWKSInvalid({ detail: 'RSA key members are not base64url' })
  // An exponent of 1 makes "signature = message" verify; even exponents are not RSA at all.
  const last = e[e.length - 1] ?? 0
  const eIsSmall = e.every((b, i) => i === e.length - 1 || b === 0) && last < 3
  if (eIsSmall || last % 2 === 0) throw new JWKSInvalid({ detail: 'RSA public exponent is unsafe' })
  if (bitLength(n) < MIN_RSA_BITS) throw new JWKSInvalid({ detail: 'key unfit for algorithm' })
  if (hasRocaFingerprint(n)) throw new JWKSInvalid({ detail: 'RSA modulus has the ROCA fingerprint' })
}
