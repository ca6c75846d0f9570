/**
 * Turns whatever `jose.jwtVerify` threw into a {@link JwtRejected} with a fixed message. jose's own
 * errors are not passed on as `cause`: `JWTClaimValidationFailed` and `JWTExpired` carry the decoded
 * payload, which must not reach a log line.
 */
import { errors } from 'jose'
import { JwtRejected } from '../errors.ts'

// Claim names jose reports; anything else is reported without a name.
const KNOWN_CLAIMS: ReadonlySet<string> = new Set(['iss', 'aud', 'sub', 'sid', 'iat', 'exp', 'nbf', 'typ'])

/** Maps a jose (or Web Crypto) failure to this package's codes. */
export function mapJoseError(error: unknown): JwtRejected {
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new JwtRejected('ERR_JWT_SIGNATURE', 'token signature does not verify')
  }
  if (error instanceof errors.JWTExpired) {
    const claim = KNOWN_CLAIMS.has(error.claim) ? error.claim : undefined
    return new JwtRejected('ERR_JWT_EXPIRED', 'token has expired', claim)
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    const claim = KNOWN_CLAIMS.has(error.claim) ? error.claim : undefined
    const reason = error.reason === 'missing' ? 'is missing' : 'failed its check'
    return new JwtRejected('ERR_JWT_CLAIM', `token claim ${claim ? `"${claim}" ` : ''}${reason}`, claim)
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new JwtRejected('ERR_JWT_INVALID', 'token header "alg" must be HS256')
  }
  if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid) {
    return new JwtRejected('ERR_JWT_MALFORMED', 'token is not a well-formed JWT')
  }
  return new JwtRejected('ERR_JWT_INVALID', 'token could not be verified')
}
