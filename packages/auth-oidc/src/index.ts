/**
 * `@alokai/auth-oidc`: verification of bearer tokens issued by an OpenID Connect provider, per issuer and
 * audience, with key caching built for Cloudflare Workers.
 */

// Verifiers
export { createOidcVerifier, type OidcVerifier, type VerifiedToken } from './create-oidc-verifier.ts'
export { getOidcVerifier } from './get-oidc-verifier.ts'
export {
  createMultiIssuerVerifier,
  type MultiIssuerVerifier,
  type SharedVerifierOptions,
} from './create-multi-issuer-verifier.ts'
export type { FetchLike, OidcVerifierOptions } from './options.ts'
export type { OidcAlgorithm } from './oidc-algorithm.ts'
export type { JWTHeaderParameters, JWTPayload } from './token-types.ts'

// Discovery
export { type DiscoverOidcOptions, discoverOidc, type OidcDiscoveryDocument } from './discover-oidc.ts'

// Shared caches
export type { CacheStore } from './cache-store.ts'
export { type CacheApiStoreOptions, type CacheLike, cacheApiStore } from './cache-api-store.ts'
export { type KvLike, type KvStoreOptions, kvStore } from './kv-store.ts'

// Scopes
export { requireScopes, tokenScopes } from './require-scopes.ts'

// Errors
export {
  isOidcError,
  JOSEAlgNotAllowed,
  JWKSFetchFailed,
  JWKSInvalid,
  JWKSNoMatchingKey,
  JWSSignatureVerificationFailed,
  JWTClaimValidationFailed,
  JWTExpired,
  JWTInvalid,
  JWTNotYetValid,
  JWTScopeMissing,
  JWTTooLarge,
  OidcDiscoveryFailed,
  OidcError,
  type OidcErrorCode,
  type OidcErrorOptions,
  type OidcTokenErrorCode,
} from './errors.ts'
