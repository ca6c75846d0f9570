/**
 * The verifier's options, their defaults and their validation. A wrong option is a deployment mistake, so
 * it fails at construction with a `TypeError` naming the option (never its value: `OIDC_ISSUER` and
 * `OIDC_AUDIENCE` are Worker secrets), not at the first request.
 */
import type { CacheStore } from './cache-store.ts'
import { defaultAlgorithms, isOidcAlgorithm } from './internal/algorithms.ts'
import { parseFetchableUrl } from './internal/url-policy.ts'
import type { OidcAlgorithm } from './oidc-algorithm.ts'

/**
 * A `fetch`-compatible function (the global one, or one injected for tests and custom transports). The same
 * shape as the shared bounded fetch's transport; declared here because the published types must not name
 * the private `@alokai/internal` package.
 *
 * @example
 * ```ts
 * const viaBinding: FetchLike = (url, init) => env.IDP.fetch(url, init)
 * ```
 */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

/**
 * Options of {@link createOidcVerifier} and {@link getOidcVerifier}.
 *
 * @example
 * ```ts
 * const options: OidcVerifierOptions = {
 *   issuer: env.OIDC_ISSUER,
 *   audience: env.OIDC_AUDIENCE,
 *   cache: kvStore(env.OIDC_CACHE),
 *   requiredClaims: ['sub'],
 * }
 * ```
 */
export interface OidcVerifierOptions {
  /** The issuer (`OIDC_ISSUER`): compared exactly with the token's `iss` and the discovery document's. */
  issuer: string
  /** The expected audience (`OIDC_AUDIENCE`); a list accepts a token whose `aud` contains any of them. */
  audience: string | readonly string[]
  /** Accepted algorithms, all asymmetric. @default ['RS256', 'PS256', 'ES256', 'ES384', 'EdDSA'] */
  algorithms?: readonly OidcAlgorithm[]
  /** Leeway for `exp`, `nbf` and `iat`, in seconds. @default 5 */
  clockToleranceSeconds?: number
  /** The JWKS URL; skips discovery when set. @default the discovery document's `jwks_uri` */
  jwksUri?: string
  /** A store shared across isolates ({@link cacheApiStore}, {@link kvStore}). @default none (memory only) */
  cache?: CacheStore
  /** The `fetch` used for discovery and JWKS. @default globalThis.fetch */
  fetch?: FetchLike
  /** Timeout of each IdP request, in ms. @default 5000 */
  timeoutMs?: number
  /** At most one JWKS refresh for unknown `kid`s per this many seconds. @default 30 */
  cooldownSeconds?: number
  /** How long cached keys keep verifying while the IdP is unreachable, in seconds. @default 86400 */
  maxStaleSeconds?: number
  /** Claims that must be present besides `exp` (always required), e.g. `['sub']`. @default [] */
  requiredClaims?: readonly string[]
  /** The required `typ` header, e.g. `'at+jwt'` (RFC 9068). @default not checked */
  typ?: string
  /** Refuse tokens whose `iat` is older than this many seconds (`iat` then required). @default not checked */
  maxTokenAgeSeconds?: number
  /** Scopes every token must carry (`scope` or `scp`); a missing one is `ERR_JWT_SCOPE`. @default [] */
  requiredScopes?: readonly string[]
  /** Tokens longer than this many characters are refused before decoding. @default 16384 */
  maxTokenBytes?: number
  /** Largest discovery or JWKS response body read, in bytes. @default 262144 */
  maxResponseBytes?: number
}

/** The options with defaults applied and every value checked. */
export interface ResolvedOptions {
  issuer: string
  discoveryUrl: string
  audience: string[]
  algorithms: OidcAlgorithm[]
  clockToleranceSeconds: number
  jwksUri: string | undefined
  cache: CacheStore | undefined
  fetch: FetchLike
  timeoutMs: number
  cooldownMs: number
  maxStaleMs: number
  requiredClaims: string[]
  typ: string | undefined
  maxTokenAgeSeconds: number | undefined
  requiredScopes: string[]
  maxTokenBytes: number
  maxResponseBytes: number
}

function count(name: string, value: number | undefined, fallback: number, min = 0): number {
  const v = value ?? fallback
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min)
    throw new TypeError(`${name} must be a number >= ${min}`)
  return v
}

function strings(name: string, value: unknown): string[] {
  const list = typeof value === 'string' ? [value] : value
  if (!Array.isArray(list) || list.length === 0 || !list.every((x) => typeof x === 'string' && x !== '')) {
    throw new TypeError(`${name} must be a non-empty string or list of strings`)
  }
  return [...list]
}

/** The options a discovery fetch needs (a subset of {@link OidcVerifierOptions}). */
export type TransportOptions = Pick<
  OidcVerifierOptions,
  'issuer' | 'cache' | 'fetch' | 'timeoutMs' | 'cooldownSeconds' | 'maxStaleSeconds' | 'maxResponseBytes'
>

/** {@link TransportOptions} with defaults applied and every value checked. */
export type ResolvedTransport = Pick<
  ResolvedOptions,
  | 'issuer'
  | 'discoveryUrl'
  | 'cache'
  | 'fetch'
  | 'timeoutMs'
  | 'cooldownMs'
  | 'maxStaleMs'
  | 'maxResponseBytes'
>

/** Applies defaults to the transport options and validates them; throws `TypeError` on a bad option. */
export function resolveTransport(o: TransportOptions): ResolvedTransport {
  if (typeof o !== 'object' || o === null) throw new TypeError('options must be an object')
  if (parseFetchableUrl(o.issuer) === undefined) {
    throw new TypeError('issuer must be an https URL (http only for localhost)')
  }
  if (o.fetch !== undefined && typeof o.fetch !== 'function') throw new TypeError('fetch must be a function')
  return {
    issuer: o.issuer,
    discoveryUrl: `${o.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
    cache: o.cache,
    // Looked up at call time: a `fetch` detached from the global throws "Illegal invocation" in workerd.
    fetch: o.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: count('timeoutMs', o.timeoutMs, 5000, 1),
    cooldownMs: count('cooldownSeconds', o.cooldownSeconds, 30) * 1000,
    maxStaleMs: count('maxStaleSeconds', o.maxStaleSeconds, 86_400) * 1000,
    maxResponseBytes: count('maxResponseBytes', o.maxResponseBytes, 262_144, 1),
  }
}

/** Applies defaults and validates; throws `TypeError` on a bad option. */
export function resolveOptions(o: OidcVerifierOptions): ResolvedOptions {
  const transport = resolveTransport(o)
  if (o.jwksUri !== undefined && parseFetchableUrl(o.jwksUri) === undefined) {
    throw new TypeError('jwksUri must be an https URL (http only for localhost)')
  }
  const algorithms = [...(o.algorithms ?? defaultAlgorithms)]
  if (algorithms.length === 0 || !algorithms.every(isOidcAlgorithm)) {
    throw new TypeError('algorithms must be a non-empty list of asymmetric JWS algorithms')
  }
  if (o.typ !== undefined && (typeof o.typ !== 'string' || o.typ === ''))
    throw new TypeError('typ must be a string')
  return {
    ...transport,
    audience: strings('audience', o.audience),
    algorithms,
    clockToleranceSeconds: count('clockToleranceSeconds', o.clockToleranceSeconds, 5),
    jwksUri: o.jwksUri,
    requiredClaims:
      o.requiredClaims === undefined || o.requiredClaims.length === 0
        ? []
        : strings('requiredClaims', o.requiredClaims),
    typ: o.typ,
    maxTokenAgeSeconds:
      o.maxTokenAgeSeconds === undefined ? undefined : count('maxTokenAgeSeconds', o.maxTokenAgeSeconds, 0),
    requiredScopes:
      o.requiredScopes === undefined || o.requiredScopes.length === 0
        ? []
        : strings('requiredScopes', o.requiredScopes),
    maxTokenBytes: count('maxTokenBytes', o.maxTokenBytes, 16_384, 1),
  }
}
