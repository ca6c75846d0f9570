/**
 * The Web Crypto signature path (workerd, browsers, Deno, and anywhere without node:crypto). Keys are
 * imported once as non-extractable `CryptoKey`s through jose's `importJWK` (which maps each algorithm to its
 * Web Crypto parameters and validates the JWK) and kept per key material and algorithm; importing an RSA key
 * costs about as much as verifying a signature, so the cache is most of the gap to the floor.
 */
import { importJWK } from 'jose'
import { JWKSInvalid } from '../errors.ts'
import type { OidcAlgorithm } from '../oidc-algorithm.ts'
import { type CryptoBackend, KeyCache } from './crypto-backend.ts'
import { checkKeyPolicy } from './key-policy.ts'
import type { PublicJwk } from './key-set.ts'

// Spelled through SubtleCrypto so the type is the same under DOM and workers-types.
type VerifyParams = Parameters<SubtleCrypto['verify']>[0]

const params: Readonly<Record<Exclude<OidcAlgorithm, 'EdDSA'>, VerifyParams>> = {
  RS256: 'RSASSA-PKCS1-v1_5',
  RS384: 'RSASSA-PKCS1-v1_5',
  RS512: 'RSASSA-PKCS1-v1_5',
  // The salt is as long as the digest (RFC 7518 §3.5).
  PS256: { name: 'RSA-PSS', saltLength: 32 },
  PS384: { name: 'RSA-PSS', saltLength: 48 },
  PS512: { name: 'RSA-PSS', saltLength: 64 },
  ES256: { name: 'ECDSA', hash: 'SHA-256' },
  ES384: { name: 'ECDSA', hash: 'SHA-384' },
  ES512: { name: 'ECDSA', hash: 'SHA-512' },
}

const encoder = new TextEncoder()

/**
 * Creates the Web Crypto backend.
 *
 * @example
 * ```ts
 * const backend = createWebBackend()
 * const key = backend.cached(jwk, 'RS256') ?? (await backend.import(jwk, 'RS256'))
 * ```
 */
export function createWebBackend(): CryptoBackend<CryptoKey> {
  const keys = new KeyCache<CryptoKey>()
  return {
    name: 'web',
    cached: (jwk, alg) => keys.get(jwk, alg),
    async import(jwk: PublicJwk, alg: OidcAlgorithm): Promise<CryptoKey> {
      checkKeyPolicy(jwk)
      let key: CryptoKey
      try {
        const imported = await importJWK({ ...jwk.material }, alg, { extractable: false })
        if (imported instanceof Uint8Array) throw new TypeError('symmetric key')
        key = imported
      } catch (cause) {
        throw new JWKSInvalid({ detail: 'key could not be imported', cause })
      }
      keys.set(jwk, alg, key)
      return key
    },
    async verify(key, alg, signingInput, signature) {
      // Ed25519 is named differently across runtimes (`Ed25519`, `NODE-ED25519`); the key knows its own.
      const algorithm = alg === 'EdDSA' ? key.algorithm : params[alg]
      try {
        return await crypto.subtle.verify(algorithm, key, signature, encoder.encode(signingInput))
      } catch {
        return false
      }
    },
  }
}
