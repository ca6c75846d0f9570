/**
 * The one vocabulary of token failures shared by `@alokai/auth-jwt` and `@alokai/auth-oidc`: the same
 * failure has the same `code` (and the same fixed message) from both packages. The codes follow jose's, so
 * a team moving from jose keeps most of its `switch`; `ERR_JWT_TOO_LARGE` (a check jose lacks) follows its
 * naming, and `ERR_JWT_NOT_YET_VALID` differs on purpose (jose: `ERR_JWT_CLAIM_VALIDATION_FAILED` for an
 * `nbf` in the future): `docs/errors.md` lists jose's answer beside each code. Messages are fixed and say nothing about the token's content.
 */

/**
 * A token-failure code; its message is in {@link jwtErrorMessages}.
 * @example const status = (code: JwtErrorCode): number => (code === 'ERR_JWT_EXPIRED' ? 401 : 400)
 */
export type JwtErrorCode =
  | 'ERR_JWT_INVALID'
  | 'ERR_JOSE_ALG_NOT_ALLOWED'
  | 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
  | 'ERR_JWT_EXPIRED'
  | 'ERR_JWT_NOT_YET_VALID'
  | 'ERR_JWT_CLAIM_VALIDATION_FAILED'
  | 'ERR_JWKS_NO_MATCHING_KEY'
  | 'ERR_JWT_TOO_LARGE'

/**
 * Every token-failure code with its fixed message.
 * @example throw new Error(jwtErrorMessages.ERR_JWT_EXPIRED)
 */
export const jwtErrorMessages: Readonly<Record<JwtErrorCode, string>> = {
  /** Not a compact JWS of the accepted shape (segments, base64url, JSON, header members). */
  ERR_JWT_INVALID: 'the token is malformed',
  /** The header's `alg` is not one this verifier accepts (including `none`). */
  ERR_JOSE_ALG_NOT_ALLOWED: 'the token algorithm is not allowed',
  /** The signature does not verify with the selected key. */
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'the token signature is invalid',
  /** `exp` has passed (beyond the clock tolerance), or the token is older than the maximum age. */
  ERR_JWT_EXPIRED: 'the token has expired',
  /** `nbf` (or `iat`) lies in the future beyond the clock tolerance. */
  ERR_JWT_NOT_YET_VALID: 'the token is not yet valid',
  /** A claim is missing or has a value this verifier refuses (`iss`, `aud`, `sub`, `typ`, …). */
  ERR_JWT_CLAIM_VALIDATION_FAILED: 'a token claim is invalid',
  /** No key with the token's `kid` (or no usable key at all) is known. */
  ERR_JWKS_NO_MATCHING_KEY: 'no key matches the token',
  /** The token is larger than the verifier's size cap; nothing of it was parsed. */
  ERR_JWT_TOO_LARGE: 'the token is larger than allowed',
}

/**
 * Whether `value` is one of the shared token-failure codes.
 * @example if (isJwtErrorCode(err.code)) return unauthorized()
 */
export function isJwtErrorCode(value: unknown): value is JwtErrorCode {
  return typeof value === 'string' && Object.hasOwn(jwtErrorMessages, value)
}
