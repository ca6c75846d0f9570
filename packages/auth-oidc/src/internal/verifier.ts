/**
 * The verifier itself, over a {@link CryptoBackend}: checks a bearer token from an IdP against the issuer's
 * published keys. It parses the token strictly, decides which key the token may be checked with and when to
 * go back to the IdP, has the backend check the signature, then checks the claims itself.
 *
 * The hot path (warm keys) is synchronous up to the signature check, and with the node:crypto backend
 * through it: the fresh key set is read from memory and the imported key from the backend's cache. An
 * unknown `kid` is the only thing that triggers an early refresh, at most once per `cooldownSeconds`; a
 * `kid` the set knows but whose key does not fit the algorithm never does (a refresh cannot fix it, and an
 * attacker could use it to force fetches).
 */
import { decodeJsonSegment } from '@alokai/internal'
import type { OidcVerifier, VerifiedToken } from '../create-oidc-verifier.ts'
import type { OidcDiscoveryDocument } from '../discover-oidc.ts'
import {
  JOSEAlgNotAllowed,
  JWKSNoMatchingKey,
  JWSSignatureVerificationFailed,
  JWTInvalid,
  JWTTooLarge,
} from '../errors.ts'
import type { OidcAlgorithm } from '../oidc-algorithm.ts'
import type { ResolvedOptions } from '../options.ts'
import type { JWTPayload } from '../token-types.ts'
import { checkClaims } from './claims.ts'
import { parseCompactJws } from './compact-jws.ts'
import { type CryptoBackend, signatureShapeOk } from './crypto-backend.ts'
import { discoveryCache } from './discovery.ts'
import { DocumentCache } from './document-cache.ts'
import { KeySet } from './key-set.ts'

/** The `detail` of the one `ERR_JWT_INVALID` that comes after the signature has verified. */
export const PAYLOAD_NOT_CLAIMS = 'payload is not a JSON claims set'

class Verifier<K> implements OidcVerifier {
  readonly issuer: string
  readonly #o: ResolvedOptions
  readonly #algorithms: ReadonlySet<string>
  readonly #backend: CryptoBackend<K>
  readonly #discovery: DocumentCache<OidcDiscoveryDocument>
  readonly #jwks: DocumentCache<KeySet>
  #lastKidRefreshAt = Number.NEGATIVE_INFINITY

  constructor(o: ResolvedOptions, backend: CryptoBackend<K>) {
    this.#o = o
    this.issuer = o.issuer
    this.#algorithms = new Set(o.algorithms)
    this.#backend = backend
    this.#discovery = discoveryCache(o)
    this.#jwks = new DocumentCache({
      parse: KeySet.parse,
      store: o.cache,
      fetch: { fetch: o.fetch, timeoutMs: o.timeoutMs, maxBytes: o.maxResponseBytes },
      maxStaleMs: o.maxStaleMs,
      cooldownMs: o.cooldownMs,
    })
  }

  async verify<T = unknown>(token: string): Promise<VerifiedToken<T>> {
    // A caller's wrong argument type, as in auth-jwt and jose: a bug to fix, not a token to refuse.
    if (typeof token !== 'string') throw new TypeError('token must be a string')
    if (token.length > this.#o.maxTokenBytes) throw new JWTTooLarge()
    const jws = parseCompactJws(token)
    const { header } = jws
    if (!this.#algorithms.has(header.alg)) throw new JOSEAlgNotAllowed()
    const alg = header.alg as OidcAlgorithm
    const now = Date.now()
    const key = this.#cachedKey(header.kid, alg, now) ?? (await this.#resolveKey(header.kid, alg, now))
    const verdict = signatureShapeOk(alg, jws.signature)
      ? this.#backend.verify(key, alg, jws.signingInput, jws.signature)
      : false
    if (!(typeof verdict === 'boolean' ? verdict : await verdict)) throw new JWSSignatureVerificationFailed()
    const payload = decodeJsonSegment(jws.payloadSegment)
    if (payload === undefined) {
      // Signed by the issuer's key, but not a JWT (base64url, UTF-8 or JSON broken, or not an object):
      // malformed, as jose and auth-jwt say.
      throw new JWTInvalid({ detail: PAYLOAD_NOT_CLAIMS })
    }
    checkClaims(payload, header, this.#o, Math.floor(now / 1000))
    return { payload: payload as JWTPayload & T, header }
  }

  /** The imported key when the key set is fresh in memory and the key imported already (no await). */
  #cachedKey(kid: string | undefined, alg: OidcAlgorithm, now: number): K | undefined {
    const jwk = this.#jwks.fresh(now)?.find(kid, alg)
    return jwk === undefined ? undefined : this.#backend.cached(jwk, alg)
  }

  async #resolveKey(kid: string | undefined, alg: OidcAlgorithm, now: number): Promise<K> {
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
    return this.#backend.cached(jwk, alg) ?? (await this.#backend.import(jwk, alg))
  }

  async #jwksUri(now: number): Promise<string> {
    if (this.#o.jwksUri !== undefined) return this.#o.jwksUri
    const doc = this.#discovery.fresh(now) ?? (await this.#discovery.get(this.#o.discoveryUrl, now))
    return doc.jwks_uri
  }
}

/** A verifier over `backend` (the public factory passes the build's default one; tests pass each). */
export function createVerifier<K>(o: ResolvedOptions, backend: CryptoBackend<K>): OidcVerifier {
  return new Verifier(o, backend)
}
