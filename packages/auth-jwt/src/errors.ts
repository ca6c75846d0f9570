/**
 * The package's errors. Every failure carries a stable `code` so callers can `switch (err.code)` (the jose
 * habit), and a fixed message that names the rule that failed but never contains a token, a claim value or
 * a secret: these errors end up in logs. Errors from `jose` and Web Crypto are never attached as `cause`,
 * because jose's claim errors carry the whole decoded payload.
 */

/**
 * Every code an {@link AuthJwtError} can carry.
 *
 * @example
 * ```ts
 * function status(code: AuthJwtErrorCode): number {
 *   return code === 'ERR_SECRET_WEAK' || code === 'ERR_KID_COLLISION' ? 500 : 401
 * }
 * ```
 */
export type AuthJwtErrorCode =
  | 'ERR_SECRET_WEAK'
  | 'ERR_KID_COLLISION'
  | 'ERR_CLAIM_FORBIDDEN'
  | 'ERR_JWT_TOO_LARGE'
  | 'ERR_JWT_MALFORMED'
  | 'ERR_JWT_INVALID'
  | 'ERR_JWT_UNKNOWN_KID'
  | 'ERR_JWT_SIGNATURE'
  | 'ERR_JWT_EXPIRED'
  | 'ERR_JWT_CLAIM'

/**
 * The base class of every error this package throws for bad data (wrong argument types are `TypeError`s).
 *
 * @example
 * ```ts
 * try {
 *   await sessions.verify(token)
 * } catch (err) {
 *   if (err instanceof AuthJwtError && err.code === 'ERR_JWT_EXPIRED') return redirectToLogin()
 *   throw err
 * }
 * ```
 */
export class AuthJwtError extends Error {
  /** A stable, machine-readable code. */
  readonly code: AuthJwtErrorCode

  constructor(code: AuthJwtErrorCode, message: string) {
    super(message)
    this.name = 'AuthJwtError'
    this.code = code
  }
}

/**
 * A secret refused at construction: shorter than 32 characters, or the development placeholder outside
 * development. The message names the rule, never the secret.
 *
 * @example
 * ```ts
 * createSessionIssuer({ secret: 'short', ... }) // throws SecretWeak, code ERR_SECRET_WEAK
 * ```
 */
export class SecretWeak extends AuthJwtError {
  constructor(message: string) {
    super('ERR_SECRET_WEAK', message)
    this.name = 'SecretWeak'
  }
}

/**
 * A token refused by `verify` (or a token `sign` would produce that `verify` would refuse). `code` says
 * which check failed; `claim` names the claim when the code is `ERR_JWT_CLAIM` or `ERR_JWT_EXPIRED`.
 *
 * @example
 * ```ts
 * const err = await sessions.verify(token).catch((e: unknown) => e)
 * if (err instanceof JwtRejected) console.warn('session refused', err.code, err.claim)
 * ```
 */
export class JwtRejected extends AuthJwtError {
  /** The registered claim whose check failed, when one did (`exp`, `iss`, `aud`, …). */
  readonly claim: string | undefined

  constructor(code: AuthJwtErrorCode, message: string, claim?: string) {
    super(code, message)
    this.name = 'JwtRejected'
    this.claim = claim
  }
}
