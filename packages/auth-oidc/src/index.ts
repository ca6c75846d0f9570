/**
 * `@alokai/auth-oidc`: verification of bearer tokens issued by an OpenID Connect provider, per issuer and
 * audience, with key caching built for Cloudflare Workers.
 */

export { type CacheApiStoreOptions, type CacheLike, cacheApiStore } from './cache-api-store.ts'
// Shared caches
export type { CacheStore } from './cache-store.ts'
// Verifiers
export { createOidcVerifier, type OidcVerifier, type VerifiedToken } from './create-oidc-verifier.ts'
// Errors
export { isOidcError, OidcError, type OidcErrorCode } from './errors.ts'
export { getOidcVerifier } from './get-oidc-verifier.ts'
export type { OidcAlgorithm } from './internal/algorithms.ts'
export type { FetchLike } from './internal/fetch-json.ts'
export { type KvLike, type KvStoreOptions, kvStore } from './kv-store.ts'
export type { OidcVerifierOptions } from './options.ts'
// Scopes
export { requireScopes, tokenScopes } from './require-scopes.ts'
