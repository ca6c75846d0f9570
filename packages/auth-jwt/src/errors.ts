/**
 * The package's errors, jose-shaped: one base class, one subclass per failure with a literal `code`, the
 * union of codes so `switch (err.code)` narrows, and {@link isAuthJwtError}. Token failures use the
 * vocabulary shared with `@alokai/auth-oidc` (jose's codes and class names, except where `docs/errors.md`
 * says why not), so the same failure has the same code from both packages, and their messages are fixed
 * (`jwtErrorMessages`): they never contain a token, a claim value or a secret, because these errors end up
 * in logs. Nothing from jose or Web Crypto is ever attached as `cause` (jose's claim errors carry the whole
 * decoded payload).
 */
import { createErrorBrand, type JwtErrorCode, jwtErrorMessages } from '@alokai/internal'

// The same in every copy of this package (ESM and CJS builds, two versions): see `isAuthJwtError`.
const brand = createErrorBrand('@alokai/auth-jwt')

/**
 * The token-failure codes (shared with `@alokai/auth-oidc`); see the README's table.
 *
 * @example
 * ```ts
 * const refused: AuthJwtTokenErrorCode = 'ERR_JWT_EXPIRED'
 * ```
 */
export type AuthJwtTokenErrorCode = JwtErrorCode

/**
 * Every code an {@link AuthJwtError} can carry: the shared token-failure codes and this package's own.
 *
 * @example
 * ```ts
 * function status(code: AuthJwtErrorCode): number {
 *   return code === 'ERR_SECRET_WEAK' || code === 'ERR_KID_COLLISION' ? 500 : 401
 * }
 * ```
 */
export type AuthJwtErrorCode =
  | AuthJwtTokenErrorCode
  | 'ERR_SECRET_WEAK'
  | 'ERR_KID_COLLISION'
  | 'ERR_CLAIM_FORBIDDEN'

/**
 * The base class of every error this package throws for bad data (wrong argument types are `TypeError`s).
 *
 * @example
 * ```ts
 * try {
 *   await sessions.verify(token)
 * } catch (err) {
 *   if (isAuthJwtError(err, 'ERR_JWT_EXPIRED')) return redirectToLogin()
 *   throw err
 * }
 * ```
 */
export class AuthJwtError extends Error {
  /** A stable, machine-readable code. */
  readonly code: AuthJwtErrorCode

  constructor(code: AuthJwtErrorCode, message: string) {
    super(message)
    this.code = code
    this.name = new.target.name
    brand.mark(this)
  }
}

/** A token failure: fixed message from the shared vocabulary, and the claim that failed when one did. */
abstract class TokenError extends AuthJwtError {
  /** The registered claim whose check failed, when one did (`exp`, `iss`, `aud`, …). */
  readonly claim: string | undefined

  constructor(code: AuthJwtTokenErrorCode, claim?: string) {
    super(code, jwtErrorMessages[code])
    this.claim = claim
  }
}

/**
 * A secret refused at construction: shorter than {@link MIN_SECRET_LENGTH}, or the development placeholder
 * outside development. The message names the rule, never the secret.
 *
 * @example
 * ```ts
 * createSessionIssuer({ secret: 'short', ... }) // throws SecretWeak, code ERR_SECRET_WEAK
 * ```
 */
export class SecretWeak extends AuthJwtError {
  declare readonly code: 'ERR_SECRET_WEAK'
  constructor(message: string) {
    super('ERR_SECRET_WEAK', message)
  }
}

/**
 * Two different secrets derive the same kid, so a token's kid could not pick its key unambiguously.
 * @example createSessionIssuer({ secret, previousSecrets: [clash] }).verify(token) // rejects with KidCollision
 */
export class KidCollision extends AuthJwtError {
  declare readonly code: 'ERR_KID_COLLISION'
  constructor() {
    super('ERR_KID_COLLISION', 'two session secrets share a kid')
  }
}

/**
 * `sign` was given a custom claim named like a registered claim or an authorization claim (`roles`, …).
 * @example await sessions.sign({ sub, sid, roles: ['admin'] }) // rejects with ClaimForbidden
 */
export class ClaimForbidden extends AuthJwtError {
  declare readonly code: 'ERR_CLAIM_FORBIDDEN'
  constructor(message: string) {
    super('ERR_CLAIM_FORBIDDEN', message)
  }
}

/**
 * Malformed token: segments, base64url, JSON, header members (`typ`, `kid`, `crit`, extra members).
 * @example await sessions.verify('a.b') // rejects with JWTInvalid, code ERR_JWT_INVALID
 */
export class JWTInvalid extends TokenError {
  declare readonly code: 'ERR_JWT_INVALID'
  constructor() {
    super('ERR_JWT_INVALID')
  }
}

/**
 * The header's `alg` is not `HS256` (including `none` in any case).
 * @example await sessions.verify(noneToken) // rejects with JOSEAlgNotAllowed
 */
export class JOSEAlgNotAllowed extends TokenError {
  declare readonly code: 'ERR_JOSE_ALG_NOT_ALLOWED'
  constructor() {
    super('ERR_JOSE_ALG_NOT_ALLOWED')
  }
}

/**
 * The MAC does not verify under the key the token's kid names.
 * @example await sessions.verify(tampered) // rejects with JWSSignatureVerificationFailed
 */
export class JWSSignatureVerificationFailed extends TokenError {
  declare readonly code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
  constructor() {
    super('ERR_JWS_SIGNATURE_VERIFICATION_FAILED')
  }
}

/**
 * `exp` has passed beyond the clock tolerance, or the token is older than `ttlSeconds` (`claim` says which).
 * @example if (isAuthJwtError(err, 'ERR_JWT_EXPIRED')) return redirectToLogin()
 */
export class JWTExpired extends TokenError {
  declare readonly code: 'ERR_JWT_EXPIRED'
  constructor(claim: 'exp' | 'iat') {
    super('ERR_JWT_EXPIRED', claim)
  }
}

/**
 * `nbf` or `iat` lies in the future beyond the clock tolerance (`claim` says which).
 * @example await sessions.verify(early) // rejects with JWTNotYetValid, claim 'nbf'
 */
export class JWTNotYetValid extends TokenError {
  declare readonly code: 'ERR_JWT_NOT_YET_VALID'
  constructor(claim: 'nbf' | 'iat') {
    super('ERR_JWT_NOT_YET_VALID', claim)
  }
}

/**
 * A claim is missing or refused (`iss`, `aud`, `sub`, `sid`, a forbidden `roles`, the custom-claims schema).
 * @example await sessions.verify(otherAudience) // rejects with JWTClaimValidationFailed, claim 'aud'
 */
export class JWTClaimValidationFailed extends TokenError {
  declare readonly code: 'ERR_JWT_CLAIM_VALIDATION_FAILED'
  constructor(claim?: string) {
    super('ERR_JWT_CLAIM_VALIDATION_FAILED', claim)
  }
}

/**
 * The token's kid names no configured secret (for instance a previous secret that was since removed).
 * @example await rotated.verify(oldToken) // rejects with JWKSNoMatchingKey
 */
export class JWKSNoMatchingKey extends TokenError {
  declare readonly code: 'ERR_JWKS_NO_MATCHING_KEY'
  constructor() {
    super('ERR_JWKS_NO_MATCHING_KEY')
  }
}

/**
 * The token is longer than `maxTokenBytes` (refused before anything is decoded), or `sign` would make one.
 * @example await sessions.verify('a'.repeat(9000)) // rejects with JWTTooLarge
 */
export class JWTTooLarge extends TokenError {
  declare readonly code: 'ERR_JWT_TOO_LARGE'
  constructor() {
    super('ERR_JWT_TOO_LARGE')
  }
}

/**
 * Whether `value` is an error of this package, optionally with a given code (the type narrows to it). It
 * recognises the errors of every copy of this package, not only this copy's class: an app that `import`s
 * the issuer and `require`s the Hono adapter (or carries two versions) has two `AuthJwtError` classes, and
 * `instanceof` would turn a bad cookie into a 500.
 *
 * @example
 * ```ts
 * const err = await sessions.verify(token).catch((e: unknown) => e)
 * if (isAuthJwtError(err, 'ERR_JWT_CLAIM_VALIDATION_FAILED')) console.warn('session refused', err.claim)
 * ```
 */
export function isAuthJwtError<C extends AuthJwtErrorCode = AuthJwtErrorCode>(
  value: unknown,
  code?: C,
): value is AuthJwtError & { readonly code: C; readonly claim?: string | undefined } {
  return brand.test(value) && (code === undefined || value.code === code)
}
