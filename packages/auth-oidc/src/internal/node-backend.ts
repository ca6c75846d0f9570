/**
 * The node:crypto signature path, used in Node (`runtime-node.ts`, the `node` condition of `#runtime`). Web Crypto in
 * Node runs every verify on the libuv threadpool, which for one small signature costs more than the
 * signature itself; `crypto.verify` runs in-thread. Keys are imported once as `KeyObject`s straight from
 * the JWK (`format: 'jwk'`, which checks that an EC point lies on its curve) and kept per key material and
 * algorithm, after the same key policy the Web Crypto path applies.
 */
import { constants, createPublicKey, type KeyObject, verify } from 'node:crypto'
import { JWKSInvalid } from '../errors.ts'
import type { OidcAlgorithm } from '../oidc-algorithm.ts'
import { keyRequirements } from './algorithms.ts'
import { type CryptoBackend, KeyCache } from './crypto-backend.ts'
import { checkKeyPolicy } from './key-policy.ts'
import type { PublicJwk } from './key-set.ts'

const digests: Readonly<Record<OidcAlgorithm, string | null>> = {
  RS256: 'sha256',
  RS384: 'sha384',
  RS512: 'sha512',
  PS256: 'sha256',
  PS384: 'sha384',
  PS512: 'sha512',
  ES256: 'sha256',
  ES384: 'sha384',
  ES512: 'sha512',
  // Ed25519 hashes internally: node:crypto takes no digest for it.
  EdDSA: null,
}

// What `KeyObject#asymmetricKeyType` must be for each JWK type and curve.
const nodeKeyTypes: Readonly<Record<string, string>> = { RSA: 'rsa', EC: 'ec', OKP: 'ed25519' }
const nodeCurves: Readonly<Record<string, string>> = {
  'P-256': 'prime256v1',
  'P-384': 'secp384r1',
  'P-521': 'secp521r1',
}

function importKey(jwk: PublicJwk, alg: OidcAlgorithm): KeyObject {
  let key: KeyObject
  try {
    key = createPublicKey({ key: { ...jwk.material }, format: 'jwk' })
  } catch (cause) {
    throw new JWKSInvalid({ detail: 'key could not be imported', cause })
  }
  const need = keyRequirements[alg]
  const curve = need.crv === undefined ? undefined : nodeCurves[need.crv]
  if (
    key.asymmetricKeyType !== nodeKeyTypes[need.kty] ||
    (curve !== undefined && key.asymmetricKeyDetails?.namedCurve !== curve)
  ) {
    throw new JWKSInvalid({ detail: 'key could not be imported' })
  }
  return key
}

// The salt is as long as the digest (RFC 7518 §3.5).
const pss = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }

/**
 * Creates the node:crypto backend. For Node only: workerd's `node:crypto` (under `nodejs_compat`) refuses a
 * `KeyObject` inside an options object and, measured, ignores the RSA padding option (a PSS signature
 * verifies as PKCS#1 v1.5 and the other way round), so `runtime-web.ts` never includes this path.
 *
 * @example
 * ```ts
 * const backend = createNodeBackend()
 * const key = backend.cached(jwk, 'ES256') ?? (await backend.import(jwk, 'ES256'))
 * ```
 */
export function createNodeBackend(): CryptoBackend<KeyObject> {
  const keys = new KeyCache<KeyObject>()
  return {
    name: 'node',
    cached: (jwk, alg) => keys.get(jwk, alg),
    async import(jwk, alg) {
      checkKeyPolicy(jwk)
      const key = importKey(jwk, alg)
      keys.set(jwk, alg, key)
      return key
    },
    verify(key, alg, signingInput, signature) {
      const data = Buffer.from(signingInput, 'latin1')
      try {
        if (alg.startsWith('PS')) return verify(digests[alg], data, { key, ...pss }, signature)
        // JWS carries ECDSA signatures as r || s (RFC 7518 §3.4), not DER.
        if (alg.startsWith('ES'))
          return verify(digests[alg], data, { key, dsaEncoding: 'ieee-p1363' }, signature)
        return verify(digests[alg], data, key, signature)
      } catch {
        return false
      }
    },
  }
}
