/**
 * The session issuer behind `createSessionIssuer`, over an injected HMAC backend (node:crypto or Web
 * Crypto; see hmac.ts). Verification is done entirely here, cheapest check first and nothing decoded
 * before it is needed: the size cap, the compact shape, the header (`alg` pinned to HS256, `typ`, no
 * `crit`, nothing unexpected; cached once it has passed) and the kid lookup, the strict-base64url MAC
 * compared in constant time, and only then the payload and its claims (check-claims.ts).
 */
import { decodeJsonSegment, encodeBase64url } from '@alokai/internal'
import { JWKSNoMatchingKey, JWSSignatureVerificationFailed, JWTInvalid, JWTTooLarge } from '../errors.ts'
import type { CustomClaims, SessionClaimsInput, SessionIssuer, SessionPayload } from '../types.ts'
import { type ClaimRules, checkRegisteredClaims } from './check-claims.ts'
import { assertCustomClaimNames, customClaimsOf, parseCustomClaims } from './claims.ts'
import { splitCompact } from './compact.ts'
import type { HmacBackend, HmacKey } from './hmac.ts'
import { type KeySet, loadKeySet } from './key-set.ts'
import type { ResolvedOptions } from './options.ts'
import { readSessionKid } from './session-header.ts'

const HEADER_CACHE_LIMIT = 16
const encoder = new TextEncoder()

/** The issuer over one backend; `createSessionIssuer` passes the runtime's. */
export class Issuer<C extends CustomClaims> implements SessionIssuer<C> {
  readonly #options: ResolvedOptions<C>
  readonly #backend: HmacBackend
  readonly #rules: ClaimRules
  // Imported lazily: workerd forbids crypto at module scope, and an issuer may be built there.
  #keys: Promise<KeySet> | undefined
  #loaded: KeySet | undefined
  // The header segment `sign` writes (one per issuer: the current kid).
  #signHeader: string | undefined
  // Header segment → key, for headers that passed every check and named a configured kid. Our tokens
  // share one header per secret, so this skips re-decoding and re-checking the same header each time.
  readonly #headers = new Map<string, HmacKey>()

  constructor(options: ResolvedOptions<C>, backend: HmacBackend) {
    this.#options = options
    this.#backend = backend
    this.#rules = {
      issuer: options.issuer,
      audience: options.audience,
      clockToleranceSeconds: options.clockToleranceSeconds,
      maxAgeSeconds: options.ttlSeconds,
    }
  }

  #keySet(): Promise<KeySet> {
    if (this.#keys === undefined) {
      const loading = loadKeySet(this.#options.secrets, this.#backend)
      this.#keys = loading
      loading.then(
        (keys) => {
          this.#loaded = keys
        },
        () => {
          if (this.#keys === loading) this.#keys = undefined
        },
      )
    }
    return this.#keys
  }

  /** Checks a header not seen before and returns the key its kid names (caching the pair). */
  async #keyFor(headerSegment: string): Promise<HmacKey> {
    const kid = readSessionKid(headerSegment, this.#options.typ)
    const keys = this.#loaded ?? (await this.#keySet())
    const key = keys.byKid.get(kid)
    if (key === undefined) throw new JWKSNoMatchingKey()
    // Only headers that passed every check and name a configured kid get here; the cap keeps hand-made
    // variants of a valid header (member order, whitespace) from growing the map.
    if (this.#headers.size < HEADER_CACHE_LIMIT) this.#headers.set(headerSegment, key)
    return key
  }

  async sign(claims: SessionClaimsInput<C>): Promise<string> {
    if (typeof claims !== 'object' || claims === null) throw new TypeError('claims must be an object')
    const { sub, sid, nbf, ...rest } = claims as SessionClaimsInput
    if (typeof sub !== 'string' || sub.length === 0) throw new TypeError('sub must be a non-empty string')
    if (typeof sid !== 'string' || sid.length === 0) throw new TypeError('sid must be a non-empty string')
    if (nbf !== undefined && !Number.isSafeInteger(nbf)) throw new TypeError('nbf must be an integer')
    assertCustomClaimNames(rest)
    const custom = parseCustomClaims(this.#options.claimsSchema, rest)
    assertCustomClaimNames(custom)
    const { issuer, audience, ttlSeconds, maxTokenBytes, typ } = this.#options
    const iat = Math.floor(Date.now() / 1000)
    const payload = {
      iss: issuer,
      sub,
      aud: audience,
      sid,
      iat,
      exp: iat + ttlSeconds,
      ...(nbf === undefined ? {} : { nbf }),
      ...custom,
    }
    const { current } = this.#loaded ?? (await this.#keySet())
    this.#signHeader ??= encodeBase64url(
      encoder.encode(JSON.stringify({ alg: 'HS256', typ, kid: current.kid })),
    )
    const input = `${this.#signHeader}.${encodeBase64url(encoder.encode(JSON.stringify(payload)))}`
    const mac = current.key.sign(input)
    const token = `${input}.${typeof mac === 'string' ? mac : await mac}`
    if (token.length > maxTokenBytes) throw new JWTTooLarge()
    return token
  }

  async verify(token: string): Promise<SessionPayload<C>> {
    if (typeof token !== 'string') throw new TypeError('token must be a string')
    // Before any decoding: a hostile megabyte costs one length comparison.
    if (token.length > this.#options.maxTokenBytes) throw new JWTTooLarge()
    const segments = splitCompact(token)
    if (segments === undefined) throw new JWTInvalid()
    const key = this.#headers.get(segments.header) ?? (await this.#keyFor(segments.header))
    const decode = this.#backend.decodeBase64url
    const mac = decode(segments.signature)
    if (mac === undefined) throw new JWTInvalid()
    const verdict = key.verify(segments.signingInput, mac)
    // node:crypto answers synchronously: no await (and no microtask) on that path.
    if (!(verdict === true || (verdict !== false && (await verdict))))
      throw new JWSSignatureVerificationFailed()
    // The payload is decoded only once its MAC has verified: nothing unauthenticated is parsed.
    const payload = decodeJsonSegment(segments.payload, decode)
    if (payload === undefined) throw new JWTInvalid()
    checkRegisteredClaims(payload, this.#rules, Math.floor(Date.now() / 1000))
    const schema = this.#options.claimsSchema
    // A fresh JSON.parse result whose registered claims were all checked above: without a schema it is the
    // answer as is (no copy on the hot path).
    if (schema === undefined) return payload as SessionPayload<C>
    const custom = parseCustomClaims(schema, customClaimsOf(payload))
    const { iss, aud, sub, sid, iat, exp, nbf } = payload as SessionPayload
    return {
      ...custom,
      iss,
      aud,
      sub,
      sid,
      iat,
      exp,
      ...(nbf === undefined ? {} : { nbf }),
    } as SessionPayload<C>
  }
}
