/**
 * One verifier for tokens from several IdPs (an internal IdP plus a partner's). The token's `iss` is read
 * before verification only to pick a configuration; the token is then verified by that issuer's own
 * verifier, strictly, with its own audience, algorithms and keys, which checks `iss` again. An issuer that
 * is not on the list is refused before anything is fetched: `iss` is attacker-controlled, and a verifier
 * that followed it would fetch discovery documents from wherever a token points.
 */
import { decodeJsonSegment } from '@alokai/internal'
import { createOidcVerifier, type OidcVerifier, type VerifiedToken } from './create-oidc-verifier.ts'
import { JWTClaimValidationFailed, JWTInvalid, JWTTooLarge, type OidcError } from './errors.ts'
import type { OidcVerifierOptions } from './options.ts'

/**
 * Options shared by every issuer of a {@link createMultiIssuerVerifier}: the cache store, `fetch`,
 * timeouts and limits. An issuer's own configuration overrides them.
 *
 * @example
 * ```ts
 * const shared: SharedVerifierOptions = { cache: kvStore(env.OIDC_CACHE), timeoutMs: 3000 }
 * ```
 */
export type SharedVerifierOptions = Omit<OidcVerifierOptions, 'issuer' | 'audience' | 'jwksUri'>

/**
 * A verifier over several issuers; `verify` has the same contract as {@link OidcVerifier.verify}.
 *
 * @example
 * ```ts
 * const verifier: MultiIssuerVerifier = createMultiIssuerVerifier([internal, partner])
 * console.log(verifier.issuers) // ['https://login.example.com/', 'https://idp.partner.example/']
 * ```
 */
export interface MultiIssuerVerifier {
  /** The configured issuers, in the order given. */
  readonly issuers: readonly string[]
  /** Verifies `token` with its issuer's configuration; throws an {@link OidcError} otherwise. */
  verify<T = unknown>(token: string): Promise<VerifiedToken<T>>
}

// The verifier's own default; the peek must not decode more than any single verifier would accept.
const DEFAULT_MAX_TOKEN_BYTES = 16_384

/** The refusal of a token whose issuer is missing or not configured. */
function issuerRefused(detail: string): OidcError {
  return new JWTClaimValidationFailed({ claim: 'iss', detail })
}

function malformed(detail: string): OidcError {
  return new JWTInvalid({ detail })
}

/** Reads the unverified `iss` of a compact JWS, strictly; throws an {@link OidcError} on any other shape. */
function peekIssuer(token: unknown, maxTokenBytes: number): string {
  if (typeof token !== 'string') throw new TypeError('token must be a string')
  if (token.length > maxTokenBytes) throw new JWTTooLarge()
  const segments = token.split('.')
  if (segments.length !== 3 || segments.some((s) => s === '')) throw malformed('not a compact JWS')
  if (decodeJsonSegment(segments[0]!) === undefined) throw malformed('header is not a base64url JSON object')
  const payload = decodeJsonSegment(segments[1]!)
  if (payload === undefined) throw malformed('payload is not a base64url JSON object')
  if (typeof payload.iss !== 'string') throw issuerRefused('iss is missing or not a string')
  return payload.iss
}

function checkedConfigs(configs: readonly OidcVerifierOptions[]): Map<string, OidcVerifierOptions> {
  if (!Array.isArray(configs) || configs.length === 0) {
    throw new TypeError('issuers must be a non-empty list of verifier options')
  }
  const byIssuer = new Map<string, OidcVerifierOptions>()
  for (const config of configs) {
    if (typeof config !== 'object' || config === null || typeof config.issuer !== 'string') {
      throw new TypeError('every issuer configuration must be an object with an issuer string')
    }
    // Two configurations for one issuer would make the choice (and so the audience) ambiguous.
    if (byIssuer.has(config.issuer)) throw new TypeError('issuers must not repeat')
    byIssuer.set(config.issuer, config)
  }
  return byIssuer
}

class MultiIssuer implements MultiIssuerVerifier {
  readonly issuers: readonly string[]
  readonly #configs: Map<string, OidcVerifierOptions>
  readonly #shared: SharedVerifierOptions
  readonly #verifiers = new Map<string, OidcVerifier>()
  readonly #maxTokenBytes: number

  constructor(configs: readonly OidcVerifierOptions[], shared: SharedVerifierOptions) {
    this.#configs = checkedConfigs(configs)
    this.#shared = shared
    this.issuers = Object.freeze([...this.#configs.keys()])
    const caps = configs.map((c) => c.maxTokenBytes ?? shared.maxTokenBytes ?? DEFAULT_MAX_TOKEN_BYTES)
    this.#maxTokenBytes = Math.max(...caps)
  }

  async verify<T = unknown>(token: string): Promise<VerifiedToken<T>> {
    const issuer = peekIssuer(token, this.#maxTokenBytes)
    const verifier = this.#verifierFor(issuer)
    if (verifier === undefined) throw issuerRefused('issuer not configured')
    return verifier.verify<T>(token)
  }

  // Built on first use, so an issuer that never sends a token costs nothing; one per issuer for good.
  #verifierFor(issuer: string): OidcVerifier | undefined {
    const built = this.#verifiers.get(issuer)
    if (built !== undefined) return built
    const config = this.#configs.get(issuer)
    if (config === undefined) return undefined
    const verifier = createOidcVerifier({ ...this.#shared, ...config })
    this.#verifiers.set(issuer, verifier)
    return verifier
  }
}

/**
 * Creates a verifier that accepts tokens from each configured issuer, each verified with its own audience,
 * algorithms and keys. `shared` options (a cache store, `fetch`, timeouts) apply to every issuer unless its
 * configuration sets them. Repeated issuers are a `TypeError`; each issuer's other options are checked
 * when its first token arrives.
 *
 * @example
 * ```ts
 * const verifier = createMultiIssuerVerifier(
 *   [
 *     { issuer: 'https://login.example.com/', audience: 'https://api.example.com' },
 *     { issuer: 'https://idp.partner.example/', audience: 'api://example', algorithms: ['RS256'] },
 *   ],
 *   { cache: kvStore(env.OIDC_CACHE) },
 * )
 * const { payload } = await verifier.verify(bearerToken)
 * ```
 */
export function createMultiIssuerVerifier(
  issuers: readonly OidcVerifierOptions[],
  shared: SharedVerifierOptions = {},
): MultiIssuerVerifier {
  if (typeof shared !== 'object' || shared === null) throw new TypeError('shared options must be an object')
  return new MultiIssuer(issuers, shared)
}
