/**
 * The asymmetric JWS algorithms the verifier knows and the key type each one needs. Binding the algorithm to
 * the key type is what stops key confusion: an RSA public key is never used as an HMAC secret, and a P-256
 * key never verifies an ES384 signature. Symmetric (`HS*`) and `none` are absent on purpose: a verifier that
 * only holds an IdP's public keys has no business accepting either.
 */
import type { OidcAlgorithm } from '../oidc-algorithm.ts'

interface KeyRequirement {
  kty: 'RSA' | 'EC' | 'OKP'
  crv?: string
}

export const keyRequirements: Readonly<Record<OidcAlgorithm, KeyRequirement>> = {
  RS256: { kty: 'RSA' },
  RS384: { kty: 'RSA' },
  RS512: { kty: 'RSA' },
  PS256: { kty: 'RSA' },
  PS384: { kty: 'RSA' },
  PS512: { kty: 'RSA' },
  ES256: { kty: 'EC', crv: 'P-256' },
  ES384: { kty: 'EC', crv: 'P-384' },
  ES512: { kty: 'EC', crv: 'P-521' },
  EdDSA: { kty: 'OKP', crv: 'Ed25519' },
}

/** The algorithms accepted when none are configured: what mainstream IdPs sign access tokens with. */
export const defaultAlgorithms: readonly OidcAlgorithm[] = ['RS256', 'PS256', 'ES256', 'ES384', 'EdDSA']

/** Whether `alg` is one of the supported asymmetric algorithms. */
export function isOidcAlgorithm(alg: unknown): alg is OidcAlgorithm {
  return typeof alg === 'string' && Object.hasOwn(keyRequirements, alg)
}
