/**
 * The one internal interface both signature paths implement: node:crypto in Node (`node-backend.ts`) and
 * Web Crypto everywhere else (`web-backend.ts`). The verifier does everything else itself (parsing, key
 * selection, claims), so the two paths differ only in how a key is imported and a signature checked; the
 * test suites run against both. Which one a consumer gets is chosen where the package is resolved, by
 * the package.json `imports` map of `#runtime` (`runtime-web.ts` / `runtime-node.ts`), so nothing a
 * Worker loads imports `node:*`.
 */
import type { OidcAlgorithm } from '../oidc-algorithm.ts'
import type { PublicJwk } from './key-set.ts'

/** A signature path; `K` is its imported key type (`KeyObject`, `CryptoKey`). */
export interface CryptoBackend<K> {
  /** Which path this is, for tests and benchmarks. */
  readonly name: 'node' | 'web'
  /** The imported key for this key and algorithm, if imported already (the synchronous hot path). */
  cached(jwk: PublicJwk, alg: OidcAlgorithm): K | undefined
  /** Checks the key policy, imports and caches the key; throws `ERR_JWKS_INVALID` when unusable. */
  import(jwk: PublicJwk, alg: OidcAlgorithm): Promise<K>
  /** Whether `signature` over the ASCII `signingInput` verifies; never throws for a bad signature. */
  verify(key: K, alg: OidcAlgorithm, signingInput: string, signature: Uint8Array): boolean | Promise<boolean>
}

/** Creates a backend with its own import cache (one per verifier). */
export type CryptoBackendFactory = () => CryptoBackend<unknown>

// Rotation adds keys over time; a bound keeps a long-lived isolate's memory flat.
const MAX_CACHED_KEYS = 64

/** The per-verifier import cache both backends use, keyed by algorithm and key material. */
export class KeyCache<K> {
  readonly #keys = new Map<string, K>()

  get(jwk: PublicJwk, alg: OidcAlgorithm): K | undefined {
    return this.#keys.get(`${alg}|${jwk.id}`)
  }

  set(jwk: PublicJwk, alg: OidcAlgorithm, key: K): void {
    if (this.#keys.size >= MAX_CACHED_KEYS) this.#keys.clear()
    this.#keys.set(`${alg}|${jwk.id}`, key)
  }
}

// ECDSA signatures are r || s, each as long as the curve order (RFC 7518 §3.4).
const ecSignatureBytes: Partial<Record<OidcAlgorithm, number>> = {
  ES256: 64,
  ES384: 96,
  ES512: 132,
  EdDSA: 64,
}

/**
 * Whether a signature has the only shape its algorithm allows, checked before either backend sees it: the
 * exact length for ECDSA and Ed25519, and for ECDSA neither `r` nor `s` zero (CVE-2022-21449, the
 * "psychic signature" that some ECDSA implementations accepted for any message).
 */
export function signatureShapeOk(alg: OidcAlgorithm, signature: Uint8Array): boolean {
  const expected = ecSignatureBytes[alg]
  if (expected === undefined) return signature.length > 0
  if (signature.length !== expected) return false
  if (alg === 'EdDSA') return true
  const half = expected / 2
  let r = 0
  let s = 0
  for (let i = 0; i < half; i++) {
    r |= signature[i] ?? 0
    s |= signature[half + i] ?? 0
  }
  return r !== 0 && s !== 0
}
