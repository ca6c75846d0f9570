/**
 * OpenID Provider discovery for reuse outside token verification (a sign-in flow needs the authorization
 * and token endpoints). It goes through the verifier's own path: the same bounded fetch, the same
 * validation (the document must name the configured issuer exactly; every URL passes the https rule) and
 * the same three-level cache (isolate memory, the optional shared store under the same key, the network),
 * so a Worker that signs users in and verifies their tokens fetches the document once.
 */

import { discoveryCache } from './internal/discovery.ts'
import type { DocumentCache } from './internal/document-cache.ts'
import { BoundedMemo, optionsKey } from './internal/options-key.ts'
import { resolveTransport, type TransportOptions } from './options.ts'

/**
 * The validated members of a discovery document. `issuer` and `jwks_uri` are always present; an endpoint is
 * present only when the IdP names it with an https URL (plain http only on loopback).
 *
 * @example
 * ```ts
 * const { authorization_endpoint, token_endpoint }: OidcDiscoveryDocument = await discoverOidc(issuer)
 * ```
 */
export interface OidcDiscoveryDocument {
  /** Equal to the configured issuer. */
  readonly issuer: string
  readonly jwks_uri: string
  readonly authorization_endpoint?: string
  readonly token_endpoint?: string
  readonly userinfo_endpoint?: string
  readonly end_session_endpoint?: string
  readonly revocation_endpoint?: string
  readonly introspection_endpoint?: string
  readonly scopes_supported?: readonly string[]
  readonly response_types_supported?: readonly string[]
  readonly code_challenge_methods_supported?: readonly string[]
  readonly id_token_signing_alg_values_supported?: readonly string[]
}

/**
 * Options of {@link discoverOidc}: the transport and cache options of {@link OidcVerifierOptions}, with the
 * same defaults.
 *
 * @example
 * ```ts
 * const options: DiscoverOidcOptions = { cache: kvStore(env.OIDC_CACHE), timeoutMs: 3000 }
 * ```
 */
export type DiscoverOidcOptions = Omit<TransportOptions, 'issuer'>

// One cache per option set, like `getOidcVerifier`; values and timestamps only, never a promise.
const caches = new BoundedMemo<{ url: string; cache: DocumentCache<OidcDiscoveryDocument> }>(32)

/**
 * The issuer's validated discovery document (`<issuer>/.well-known/openid-configuration`), from isolate
 * memory while fresh, else from the shared `cache` store, else from the IdP. Throws an {@link OidcError}:
 * `ERR_OIDC_DISCOVERY` for a document naming another issuer or without a usable `jwks_uri`, `ERR_JWKS_FETCH`
 * when the IdP cannot be reached and no copy younger than `maxStaleSeconds` is cached. A bad option is a
 * `TypeError`.
 *
 * @example
 * ```ts
 * const doc = await discoverOidc('https://login.example.com/', { cache: cacheApiStore(caches.default) })
 * if (doc.authorization_endpoint === undefined) throw new Error('the IdP has no authorization endpoint')
 * const login = new URL(doc.authorization_endpoint)
 * ```
 */
export async function discoverOidc(
  issuer: string,
  options: DiscoverOidcOptions = {},
): Promise<OidcDiscoveryDocument> {
  const entry = caches.get(optionsKey({ ...options, issuer }), () => {
    const o = resolveTransport({ ...options, issuer })
    return { url: o.discoveryUrl, cache: discoveryCache(o) }
  })
  const now = Date.now()
  return entry.cache.fresh(now) ?? (await entry.cache.get(entry.url, now))
}
