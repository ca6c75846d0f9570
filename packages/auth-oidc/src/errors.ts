/**
 * The package's errors, jose-shaped: one base class, {@link OidcError}, and one subclass per failure whose
 * `code` is a literal, so `switch (err.code)` narrows and `instanceof JWTExpired` reads like jose. The token
 * failures share their codes and fixed messages with `@alokai/auth-jwt` (jose's codes, except where
 * `docs/errors.md` says why not); the four IdP-side failures keep this package's own codes. Messages are fixed per code and never contain
 * the token, a claim value, a key or a response body: these errors end up in logs. jose's errors are never
 * attached as `cause` (its claim errors carry the whole decoded payload).
 */
import { createErrorBrand, type JwtErrorCode, jwtErrorMessages } from '@alokai/internal'

/**
 * The token-failure codes shared with `@alokai/auth-jwt`: one vocabulary, defined once in the workspace and
 * inlined into the published declarations as a union of string literals.
 *
 * @example
 * ```ts
 * const expired = (code: OidcTokenErrorCode): boolean => code === 'ERR_JWT_EXPIRED'
 * ```
 */
export type OidcTokenErrorCode = JwtErrorCode

/**
 * Every code an {@link OidcError} can carry.
 *
 * @example
 * ```ts
 * const status = (code: OidcErrorCode): number => (code === 'ERR_JWT_SCOPE' ? 403 : 401)
 * ```
 */
export type OidcErrorCode =
  | OidcTokenErrorCode
  | 'ERR_OIDC_DISCOVERY'
  | 'ERR_JWKS_FETCH'
  | 'ERR_JWKS_INVALID'
  | 'ERR_JWT_SCOPE'

// The same in every copy of this package (ESM and CJS builds, two versions): see `isOidcError`.
const brand = createErrorBrand('@alokai/auth-oidc')

const messages: Readonly<Record<OidcErrorCode, string>> = {
  ...jwtErrorMessages,
  ERR_OIDC_DISCOVERY: 'the OpenID discovery document is unusable',
  ERR_JWKS_FETCH: 'the issuer keys could not be fetched',
  ERR_JWKS_INVALID: 'the issuer key set or one of its keys is unusable',
  ERR_JWT_SCOPE: 'the token lacks a required scope',
}

/** What an {@link OidcError} carries besides its code: all of it safe to log. */
export interface OidcErrorOptions {
  /** A fixed description of the rule that failed (never a token, key or claim value). */
  detail?: string | undefined
  /** The name of the claim that failed. */
  claim?: string | undefined
  /** The underlying failure, only where it cannot carry a secret (a transport error). */
  cause?: unknown
}

/**
 * The base class of every error this package throws for bad data, bad tokens or an unreachable IdP (a
 * caller's wrong argument types are `TypeError`s). The package throws the subclasses below.
 *
 * @example
 * ```ts
 * try {
 *   await verifier.verify(token)
 * } catch (err) {
 *   if (isOidcError(err)) return new Response(null, { status: err.code === 'ERR_JWT_SCOPE' ? 403 : 401 })
 *   throw err
 * }
 * ```
 */
export class OidcError extends Error {
  /** A stable, machine-readable code. */
  readonly code: OidcErrorCode
  /** A fixed description of the rule that failed, safe to log (never a token, key or claim value). */
  readonly detail: string | undefined
  /** The name of the claim that failed validation (`aud`, `iss`, `exp`, …), when one did. */
  readonly claim: string | undefined

  constructor(code: OidcErrorCode, options: OidcErrorOptions = {}) {
    super(messages[code], options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'OidcError'
    this.code = code
    this.detail = options.detail
    this.claim = options.claim
    brand.mark(this)
  }
}

/**
 * Not a compact JWS of the accepted shape (segments, base64url, JSON, header members, `crit`).
 * @example if (err instanceof JWTInvalid) console.warn(err.detail)
 */
export class JWTInvalid extends OidcError {
  declare readonly code: 'ERR_JWT_INVALID'
  constructor(options?: OidcErrorOptions) {
    super('ERR_JWT_INVALID', options)
    this.name = 'JWTInvalid'
  }
}

/**
 * The header's `alg` is not in the verifier's allow-list (including `none` and `HS*`).
 * @example if (err instanceof JOSEAlgNotAllowed) metrics.count('alg_refused')
 */
export class JOSEAlgNotAllowed extends OidcError {
  declare readonly code: 'ERR_JOSE_ALG_NOT_ALLOWED'
  constructor(options?: OidcErrorOptions) {
    super('ERR_JOSE_ALG_NOT_ALLOWED', options)
    this.name = 'JOSEAlgNotAllowed'
  }
}

/**
 * The signature does not verify with the issuer key selected for the token.
 * @example if (err instanceof JWSSignatureVerificationFailed) metrics.count('forged')
 */
export class JWSSignatureVerificationFailed extends OidcError {
  declare readonly code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
  constructor(options?: OidcErrorOptions) {
    super('ERR_JWS_SIGNATURE_VERIFICATION_FAILED', options)
    this.name = 'JWSSignatureVerificationFailed'
  }
}

/**
 * `exp` has passed beyond the clock tolerance, or the token is older than the maximum age (`claim` says which).
 * @example if (err instanceof JWTExpired) return new Response('token expired', { status: 401 })
 */
export class JWTExpired extends OidcError {
  declare readonly code: 'ERR_JWT_EXPIRED'
  constructor(options?: OidcErrorOptions) {
    super('ERR_JWT_EXPIRED', options)
    this.name = 'JWTExpired'
  }
}

/**
 * `nbf` or `iat` lies in the future beyond the clock tolerance (`claim` says which).
 * @example if (err instanceof JWTNotYetValid) console.warn('clock skew?', err.claim)
 */
export class JWTNotYetValid extends OidcError {
  declare readonly code: 'ERR_JWT_NOT_YET_VALID'
  constructor(options?: OidcErrorOptions) {
    super('ERR_JWT_NOT_YET_VALID', options)
    this.name = 'JWTNotYetValid'
  }
}

/**
 * A claim is missing or refused (`iss`, `aud`, `typ`, a required claim, a payload that is not a claims set).
 * @example if (err instanceof JWTClaimValidationFailed && err.claim === 'aud') console.warn('wrong audience')
 */
export class JWTClaimValidationFailed extends OidcError {
  declare readonly code: 'ERR_JWT_CLAIM_VALIDATION_FAILED'
  constructor(options?: OidcErrorOptions) {
    super('ERR_JWT_CLAIM_VALIDATION_FAILED', options)
    this.name = 'JWTClaimValidationFailed'
  }
}

/**
 * No key of the issuer's JWKS (even after the allowed refresh) fits the token's `kid` and `alg`.
 * @example if (err instanceof JWKSNoMatchingKey) metrics.count('unknown_kid')
 */
export class JWKSNoMatchingKey extends OidcError {
  declare readonly code: 'ERR_JWKS_NO_MATCHING_KEY'
  constructor(options?: OidcErrorOptions) {
    super('ERR_JWKS_NO_MATCHING_KEY', options)
    this.name = 'JWKSNoMatchingKey'
  }
}

/**
 * The token is longer than `maxTokenBytes`; nothing of it was decoded.
 * @example if (err instanceof JWTTooLarge) return new Response(null, { status: 413 })
 */
export class JWTTooLarge extends OidcError {
  declare readonly code: 'ERR_JWT_TOO_LARGE'
  constructor(options?: OidcErrorOptions) {
    super('ERR_JWT_TOO_LARGE', options)
    this.name = 'JWTTooLarge'
  }
}

/**
 * The discovery document names another issuer or has no usable `jwks_uri`.
 * @example if (err instanceof OidcDiscoveryFailed) alertOps('check OIDC_ISSUER')
 */
export class OidcDiscoveryFailed extends OidcError {
  declare readonly code: 'ERR_OIDC_DISCOVERY'
  constructor(options?: OidcErrorOptions) {
    super('ERR_OIDC_DISCOVERY', options)
    this.name = 'OidcDiscoveryFailed'
  }
}

/**
 * The IdP could not be reached (network, timeout, status, redirect, body too large or not JSON) and no
 * usable cached copy was left; `detail` names the reason.
 * @example if (err instanceof JWKSFetchFailed) return new Response(null, { status: 503 })
 */
export class JWKSFetchFailed extends OidcError {
  declare readonly code: 'ERR_JWKS_FETCH'
  constructor(options?: OidcErrorOptions) {
    super('ERR_JWKS_FETCH', options)
    this.name = 'JWKSFetchFailed'
  }
}

/**
 * The key set has no `keys` array, or the selected key is weak or cannot be imported.
 * @example if (err instanceof JWKSInvalid) alertOps(err.detail)
 */
export class JWKSInvalid extends OidcError {
  declare readonly code: 'ERR_JWKS_INVALID'
  constructor(options?: OidcErrorOptions) {
    super('ERR_JWKS_INVALID', options)
    this.name = 'JWKSInvalid'
  }
}

/**
 * The verified token lacks a required scope ({@link requireScopes}): a 403, not a 401.
 * @example if (err instanceof JWTScopeMissing) return new Response(null, { status: 403 })
 */
export class JWTScopeMissing extends OidcError {
  declare readonly code: 'ERR_JWT_SCOPE'
  constructor(options?: OidcErrorOptions) {
    super('ERR_JWT_SCOPE', options)
    this.name = 'JWTScopeMissing'
  }
}

/**
 * Whether a value is an {@link OidcError}, optionally with a given code (the type narrows to that code).
 * It recognises the errors of every copy of this package, not only this copy's class: an app that
 * `import`s the verifier and `require`s an adapter (or carries two versions) has two `OidcError` classes,
 * and `instanceof` would call the other copy's bad-token error a bug.
 *
 * @example
 * ```ts
 * if (isOidcError(err, 'ERR_JWKS_FETCH')) console.warn('IdP unreachable', err.detail)
 * ```
 */
export function isOidcError<C extends OidcErrorCode = OidcErrorCode>(
  value: unknown,
  code?: C,
): value is OidcError & { readonly code: C } {
  return brand.test(value) && (code === undefined || value.code === code)
}
