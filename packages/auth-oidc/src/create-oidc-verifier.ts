/**
 * The verifier: checks a bearer token from an IdP against the issuer's published keys. jose does the JWS and
 * claims work; this module decides which key a token may be checked with and when to go back to the IdP.
 *
 * The hot path (warm keys) is synchronous up to the signature check: the fresh key set is read from
 * memory and the imported `CryptoKey` from the import cache. An unknown `kid` is the only thing that
 * triggers an early refresh, at most once per `cooldownSeconds`; a `kid` the set knows but whose key does
 * not fit the algorithm never does (a refresh cannot fix it, and an attacker could use it to force fetches).
 */
import { type JWSHeaderParameters, type JWTHeaderParameters, type JWTPayload, jwtVerify } from 'jose'
import type { OidcDiscoveryDocument } from './discover-oidc.ts'
import { JWKSNoMatchingKey, JWTInvalid, JWTTooLarge } from './errors.ts'
import type { OidcAlgorithm } from './internal/algorithms.ts'
import { discoveryCache } from './internal/discovery.ts'
import { DocumentCache } from './internal/document-cache.ts'
import { toOidcError } from './internal/jose-errors.ts'
import { KeyImporter } from './internal/key-importer.ts'
import { KeySet } from './internal/key-set.ts'
import { type OidcVerifierOptions, type ResolvedOptions, resolveOptions } from './options.ts'

/**
 * What a successful {@link OidcVerifier.verify} returns; `T` types custom claims.
 *
 * @example
 * ```ts
 * const { payload, header }: VerifiedToken<{ client_id: string }> = await verifier.verify(token)
 * console.log(header.kid, payload.client_id)
 * ```
 */
export interface VerifiedToken<T = unknown> {
  /** The token's claims. */
  payload: JWTPayload & T
  /** The token's protected header. */
  header: JWTHeaderParameters
}

/**
 * Verifies bearer tokens of one issuer for one audience (list).
 *
 * @example
 * ```ts
 * const verifier: OidcVerifier = getOidcVerifier({ issuer, audience })
 * const { payload } = await verifier.verify(token)
 * ```
 */
export interface OidcVerifier {
  /** The configured issuer. */
  readonly issuer: string
  /** Verifies `token` and returns its claims and header; throws an {@link OidcError} otherwise. */
  verify<T = unknown>(token: string): Promise<VerifiedToken<T>>
}

class Verifier implements OidcVerifier {
  readonly issuer: string
  readonly #o: ResolvedOptions
  readonly #discovery: DocumentCache<OidcDiscoveryDocument>
  readonly #jwks: DocumentCache<KeySet>
  readonly #importer = new KeyImporter()
  readonly #joseOptions: Parameters<typeof jwtVerify>[2]
  #lastKidRefreshAt = Number.NEGATIVE_INFINITY

  constructor(o: ResolvedOptions) {
    this.#o = o
    this.issuer = o.issuer
    const common = {
      store: o.cache,
      fetch: { fetch: o.fetch, timeoutMs: o.timeoutMs, maxBytes: o.maxResponseBytes },
      maxStaleMs: o.maxStaleMs,
      cooldownMs: o.cooldownMs,
    }
    this.#discovery = discoveryCache(o)
    this.#jwks = new DocumentCache({ ...common, parse: KeySet.parse })
    this.#joseOptions = {
      issuer: o.issuer,
      audience: o.audience,
      algorithms: o.algorithms,
      clockTolerance: o.clockToleranceSeconds,
      requiredClaims: ['exp', ...o.requiredClaims],
      ...(o.typ === undefined ? {} : { typ: o.typ }),
    }
  }

  async verify<T = unknown>(token: string): Promise<VerifiedToken<T>> {
    if (typeof token !== 'string') throw new JWTInvalid({ detail: 'token is not a string' })
    if (token.length > this.#o.maxTokenBytes) throw new JWTTooLarge()
    try {
      const { payload, protectedHeader } = await jwtVerify<T>(token, this.#resolveKey, this.#joseOptions)
      return { payload, header: protectedHeader }
    } catch (err) {
      throw toOidcError(err)
    }
  }

  // jose calls this after checking the header's shape, `crit` and that `alg` is in `algorithms`.
  readonly #resolveKey = async (header: JWSHeaderParameters): Promise<CryptoKey> => {
    const alg = header.alg as OidcAlgorithm
    if (header.kid !== undefined && typeof header.kid !== 'string') {
      throw new JWTInvalid({ detail: 'kid is not a string' })
    }
    const kid = header.kid
    const now = Date.now()
    let keys = this.#jwks.fresh(now) ?? (await this.#jwks.get(await this.#jwksUri(now), now))
    let jwk = keys.find(kid, alg)
    if (jwk === undefined && !keys.hasKid(kid) && now - this.#lastKidRefreshAt >= this.#o.cooldownMs) {
      this.#lastKidRefreshAt = now
      // A newer copy another isolate fetched within the cooldown (found in the store) is as good as a
      // new fetch: the IdP would not have rotated twice that quickly.
      keys = await this.#jwks.get(await this.#jwksUri(now), now, true)
      jwk = keys.find(kid, alg)
    }
    if (jwk === undefined) throw new JWKSNoMatchingKey()
    return this.#importer.cached(jwk, alg) ?? (await this.#importer.import(jwk, alg))
  }

  async #jwksUri(now: number): Promise<string> {
    if (this.#o.jwksUri !== undefined) return this.#o.jwksUri
    const doc = this.#discovery.fresh(now) ?? (await this.#discovery.get(this.#o.discoveryUrl, now))
    return doc.jwks_uri
  }
}

/**
 * Creates a verifier for bearer tokens of `issuer` meant for `audience`. Prefer {@link getOidcVerifier} in a
 * Worker, which keeps one verifier (and its warm keys) per option set for the isolate's lifetime.
 *
 * @example
 * ```ts
 * const verifier = createOidcVerifier({
 *   issuer: 'https://login.example.com/',
 *   audience: 'https://cms.example.com',
 * })
 * const { payload } = await verifier.verify(bearerToken)
 * console.log(payload.sub)
 * ```
 */
export function createOidcVerifier(options: OidcVerifierOptions): OidcVerifier {
  return new Verifier(resolveOptions(options))
}
