/**
 * The session issuer: signs HS256 session tokens with the current secret and verifies them with the
 * current or a previous one. Verification runs in two stages. First this package's own checks, cheapest
 * first and before any key is touched: the size cap, exactly three strict-base64url segments, the header
 * (`alg` pinned to HS256, `typ`, no `crit`, nothing unexpected) and a kid lookup. Then `jose.jwtVerify`
 * with the algorithm, issuer, audience, required claims, clock tolerance and maximum age pinned.
 */

import { decodeBase64url } from '@alokai/internal'
import { type JWTVerifyOptions, jwtVerify, SignJWT } from 'jose'
import {
  JWKSNoMatchingKey,
  JWSSignatureVerificationFailed,
  JWTClaimValidationFailed,
  JWTInvalid,
  JWTTooLarge,
} from './errors.ts'
import {
  assertCustomClaimNames,
  customClaimsOf,
  findAuthorizationClaim,
  parseCustomClaims,
} from './internal/claims.ts'
import { splitCompact } from './internal/compact.ts'
import { type KeySet, loadKeySet } from './internal/key-set.ts'
import { mapJoseError } from './internal/map-jose-error.ts'
import { type ResolvedOptions, resolveOptions } from './internal/options.ts'
import { readSessionKid } from './internal/session-header.ts'
import type {
  CustomClaims,
  SessionClaimsInput,
  SessionIssuer,
  SessionIssuerOptions,
  SessionPayload,
} from './types.ts'

/** base64url length of an HMAC-SHA256 tag (32 bytes). */
const MAC_CHARS = 43
const REQUIRED_CLAIMS = ['exp', 'iss', 'aud', 'sub', 'sid', 'iat']
const HEADER_CACHE_LIMIT = 16

function nonEmptyStringClaim(payload: Record<string, unknown>, claim: string): string {
  const value = payload[claim]
  if (typeof value !== 'string' || value.length === 0) {
    throw new JWTClaimValidationFailed(claim)
  }
  return value
}

class Issuer<C extends CustomClaims> implements SessionIssuer<C> {
  readonly #options: ResolvedOptions<C>
  readonly #verifyOptions: JWTVerifyOptions
  // Imported lazily: workerd forbids crypto at module scope, and an issuer may be built there.
  #keys: Promise<KeySet> | undefined
  #loaded: KeySet | undefined
  // Header segment → key, for headers that passed every check and named a configured kid. Our tokens
  // share one header per secret, so this skips re-decoding and re-checking the same header each time.
  readonly #headers = new Map<string, CryptoKey>()

  constructor(options: ResolvedOptions<C>) {
    this.#options = options
    this.#verifyOptions = {
      algorithms: ['HS256'],
      issuer: options.issuer,
      audience: options.audience,
      typ: options.typ,
      requiredClaims: REQUIRED_CLAIMS,
      clockTolerance: options.clockToleranceSeconds,
      // A token is never honoured longer than one ttl after it was issued, whatever its exp says.
      maxTokenAge: options.ttlSeconds,
    }
  }

  #keySet(): Promise<KeySet> {
    if (this.#keys === undefined) {
      const loading = loadKeySet(this.#options.secrets)
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
  async #keyFor(headerSegment: string): Promise<CryptoKey> {
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
    const { issuer, audience, ttlSeconds, maxTokenBytes } = this.#options
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
    const token = await new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', typ: this.#options.typ, kid: current.kid })
      .sign(current.key)
    if (token.length > maxTokenBytes) throw new JWTTooLarge()
    return token
  }

  async verify(token: string): Promise<SessionPayload<C>> {
    if (typeof token !== 'string') throw new TypeError('token must be a string')
    // Before any decoding: a hostile megabyte costs one length comparison.
    if (token.length > this.#options.maxTokenBytes) throw new JWTTooLarge()
    const segments = splitCompact(token)
    // jose's decoder tolerates non-canonical trailing bits: every segment is strict-decoded first.
    if (
      segments === undefined ||
      decodeBase64url(segments.payload) === undefined ||
      decodeBase64url(segments.signature) === undefined
    ) {
      throw new JWTInvalid()
    }
    const key = this.#headers.get(segments.header) ?? (await this.#keyFor(segments.header))
    if (segments.signature.length !== MAC_CHARS) throw new JWSSignatureVerificationFailed()
    let payload: Record<string, unknown>
    try {
      payload = (await jwtVerify(token, key, this.#verifyOptions)).payload
    } catch (error) {
      throw mapJoseError(error)
    }
    const sub = nonEmptyStringClaim(payload, 'sub')
    const sid = nonEmptyStringClaim(payload, 'sid')
    // jose accepts an aud array containing ours; this issuer only ever writes one audience.
    if (payload.aud !== this.#options.audience) {
      throw new JWTClaimValidationFailed('aud')
    }
    const authorization = findAuthorizationClaim(payload)
    if (authorization !== undefined) {
      throw new JWTClaimValidationFailed(authorization)
    }
    const schema = this.#options.claimsSchema
    // jose's payload is a fresh JSON.parse result whose registered claims were all checked above: without
    // a schema it is the answer as is (no copy on the hot path).
    if (schema === undefined) return payload as SessionPayload<C>
    const custom = parseCustomClaims(schema, customClaimsOf(payload))
    return {
      ...custom,
      iss: this.#options.issuer,
      aud: this.#options.audience,
      sub,
      sid,
      iat: payload.iat as number,
      exp: payload.exp as number,
      ...(payload.nbf === undefined ? {} : { nbf: payload.nbf as number }),
    } as SessionPayload<C>
  }
}

/**
 * Creates a session token issuer. The options are checked at once (a weak secret throws `SecretWeak`);
 * the keys are imported on first use and cached for the issuer's life, so build one per service and reuse
 * it (in a Worker: per `env` object).
 *
 * @example
 * ```ts
 * const sessions = createSessionIssuer({
 *   secret: env.AUTH_JWT_SECRET,
 *   previousSecrets: env.AUTH_JWT_SECRET_PREVIOUS ? [env.AUTH_JWT_SECRET_PREVIOUS] : [],
 *   issuer: 'https://cms.example.com',
 *   audience: 'cms-dashboard',
 *   ttlSeconds: 8 * 3600,
 *   environment: env.ENVIRONMENT,
 * })
 * const token = await sessions.sign({ sub: user.id, sid: session.id })
 * const { sub, sid } = await sessions.verify(token)
 * ```
 */
export function createSessionIssuer<C extends CustomClaims = Record<never, never>>(
  options: SessionIssuerOptions<C>,
): SessionIssuer<C> {
  return new Issuer(resolveOptions(options))
}
