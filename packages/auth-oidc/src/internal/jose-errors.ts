/**
 * Translates what `jose` throws into this package's errors. jose's codes are stable, so the mapping is by
 * code. Claim errors keep only the claim's name and jose's fixed reason: jose attaches the whole decoded
 * payload to them, which must not reach a log through `cause`.
 */
import {
  JOSEAlgNotAllowed,
  JWKSInvalid,
  JWSSignatureVerificationFailed,
  JWTClaimValidationFailed,
  JWTExpired,
  JWTInvalid,
  JWTNotYetValid,
  OidcError,
} from '../errors.ts'

interface JoseLike {
  code?: unknown
  claim?: unknown
  reason?: unknown
}

/** The {@link OidcError} for anything thrown while verifying a token. */
export function toOidcError(err: unknown): OidcError {
  if (err instanceof OidcError) return err
  const e = (typeof err === 'object' && err !== null ? err : {}) as JoseLike
  const claim = typeof e.claim === 'string' ? e.claim : undefined
  switch (e.code) {
    case 'ERR_JWT_EXPIRED':
      return new JWTExpired({ claim: claim ?? 'exp' })
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      // jose reports a future `nbf` (or `iat`, with a max age) as a failed timestamp check.
      if ((claim === 'nbf' || claim === 'iat') && e.reason === 'check_failed') {
        return new JWTNotYetValid({ claim })
      }
      return new JWTClaimValidationFailed({
        claim,
        detail: typeof e.reason === 'string' ? `claim ${claim ?? ''} ${e.reason}` : undefined,
      })
    case 'ERR_JWT_INVALID':
      // Thrown by jwtVerify only after the signature checked out: the payload is not a JWT claims set.
      return new JWTClaimValidationFailed({ detail: 'payload is not a JSON claims set' })
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return new JOSEAlgNotAllowed()
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return new JWSSignatureVerificationFailed()
    case 'ERR_JWS_INVALID':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return new JWTInvalid({ cause: err })
    default:
      // jose throws TypeError when a key is unfit for the algorithm (e.g. an RSA modulus under 2048 bits).
      if (err instanceof TypeError) return new JWKSInvalid({ detail: 'key unfit for algorithm' })
      return new JWTInvalid()
  }
}
