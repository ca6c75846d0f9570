/**
 * Imports JWKs as Web Crypto `CryptoKey`s and keeps them, per key material and algorithm, for the life of
 * the isolate. Importing an RSA key costs about as much as verifying a signature, so caching it is most of
 * the gap between a naive verifier and a fast one. Keys survive a JWKS refresh (the cache is keyed by key
 * material, not by document), and weak keys are refused here, once, before they are ever used.
 */
import { base64url, importJWK } from 'jose'
import { JWKSInvalid, type OidcError } from '../errors.ts'
import type { OidcAlgorithm } from './algorithms.ts'
import type { PublicJwk } from './key-set.ts'
import { hasRocaFingerprint } from './roca.ts'

// Rotation adds keys over time; a bound keeps a long-lived isolate's memory flat.
const MAX_CACHED_KEYS = 64

function unusable(detail: string, cause?: unknown): OidcError {
  return new JWKSInvalid({ detail, cause })
}

function checkRsa(jwk: PublicJwk): void {
  let e: Uint8Array
  let n: Uint8Array
  try {
    e = base64url.decode(jwk.material.e ?? '')
    n = base64url.decode(jwk.material.n ?? '')
  } catch (cause) {
    throw unusable('RSA key members are not base64url', cause)
  }
  // An exponent of 1 makes "signature = message" verify; even exponents are not RSA at all.
  const last = e[e.length - 1] ?? 0
  const eIsSmall = e.every((b, i) => i === e.length - 1 || b === 0) && last < 3
  if (eIsSmall || last % 2 === 0) throw unusable('RSA public exponent is unsafe')
  if (hasRocaFingerprint(n)) throw unusable('RSA modulus has the ROCA fingerprint')
}

function cacheId(jwk: PublicJwk, alg: OidcAlgorithm): string {
  return `${alg}|${jwk.id}`
}

/** The import cache described above. */
export class KeyImporter {
  readonly #keys = new Map<string, CryptoKey>()

  /** The cached `CryptoKey` for this key and algorithm, if imported already. */
  cached(jwk: PublicJwk, alg: OidcAlgorithm): CryptoKey | undefined {
    return this.#keys.get(cacheId(jwk, alg))
  }

  /** Imports and caches the `CryptoKey` for this key and algorithm; call it when {@link cached} missed. */
  async import(jwk: PublicJwk, alg: OidcAlgorithm): Promise<CryptoKey> {
    if (jwk.kty === 'RSA') checkRsa(jwk)
    let key: CryptoKey
    try {
      const imported = await importJWK({ ...jwk.material }, alg, { extractable: false })
      if (imported instanceof Uint8Array) throw new TypeError('symmetric key')
      key = imported
    } catch (cause) {
      throw unusable('key could not be imported', cause)
    }
    if (this.#keys.size >= MAX_CACHED_KEYS) this.#keys.clear()
    this.#keys.set(cacheId(jwk, alg), key)
    return key
  }
}
