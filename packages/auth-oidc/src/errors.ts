/**
 * The package's errors. Every failure carries a stable `code` so callers can `switch (err.code)` (the jose
 * habit) and a fixed message that names the rule that failed but never contains the token, a claim value, a
 * key or a response body: these errors end up in logs. jose's claim errors are never attached as `cause`,
 * because they carry the whole decoded payload.
 */

/**
 * Every code an {@link OidcError} can carry.
 *
 * @example
 * ```ts
 * const status = (code: OidcErrorCode): number => (code === 'ERR_JWT_SCOPE' ? 403 : 401)
 * ```
 */
export type OidcErrorCode =
  | 'ERR_OIDC_DISCOVERY'
  | 'ERR_JWKS_FETCH'
  | 'ERR_JWKS_INVALID'
  | 'ERR_JWKS_NO_MATCH'
  | 'ERR_JWT_TOO_LARGE'
  | 'ERR_JWT_INVALID'
  | 'ERR_JWT_ALGORITHM'
  | 'ERR_JWS_SIGNATURE'
  | 'ERR_JWT_EXPIRED'
  | 'ERR_JWT_CLAIM'
  | 'ERR_JWT_SCOPE'

const messages: Record<OidcErrorCode, string> = {
  ERR_OIDC_DISCOVERY: 'the OpenID discovery document is unusable',
  ERR_JWKS_FETCH: 'the issuer keys could not be fetched',
  ERR_JWKS_INVALID: 'the issuer key set or one of its keys is unusable',
  ERR_JWKS_NO_MATCH: 'no issuer key matches the token',
  ERR_JWT_TOO_LARGE: 'the token is larger than allowed',
  ERR_JWT_INVALID: 'the token is malformed',
  ERR_JWT_ALGORITHM: 'the token algorithm is not allowed',
  ERR_JWS_SIGNATURE: 'the token signature is invalid',
  ERR_JWT_EXPIRED: 'the token has expired',
  ERR_JWT_CLAIM: 'a token claim is invalid',
  ERR_JWT_SCOPE: 'the token lacks a required scope',
}

/**
 * Every error this package throws for bad data, bad tokens or an unreachable IdP (a caller's wrong argument
 * types are `TypeError`s). The message is fixed per code; `detail` names the rule (never a value) and
 * `claim` the claim that failed, if any.
 *
 * @example
 * ```ts
 * try {
 *   await verifier.verify(token)
 * } catch (err) {
 *   if (err instanceof OidcError && err.code === 'ERR_JWT_EXPIRED') return new Response(null, { status: 401 })
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

  constructor(code: OidcErrorCode, options: { detail?: string; claim?: string; cause?: unknown } = {}) {
    super(messages[code], options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'OidcError'
    this.code = code
    this.detail = options.detail
    this.claim = options.claim
  }
}

/**
 * Whether a value is an {@link OidcError}, optionally with a given code.
 *
 * @example
 * ```ts
 * if (isOidcError(err, 'ERR_JWKS_FETCH')) console.warn('IdP unreachable')
 * ```
 */
export function isOidcError(value: unknown, code?: OidcErrorCode): value is OidcError {
  return value instanceof OidcError && (code === undefined || value.code === code)
}
