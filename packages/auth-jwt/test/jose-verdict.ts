/**
 * Turns whatever `jose.jwtVerify` threw into this package's error of the same failure, with a fixed
 * message. jose's own errors are not passed on as `cause`: `JWTClaimValidationFailed` and `JWTExpired`
 * carry the decoded payload, which must not reach a log line.
 */
import { errors } from 'jose'
import {
  type AuthJwtError,
  JOSEAlgNotAllowed,
  JWSSignatureVerificationFailed,
  JWTClaimValidationFailed,
  JWTExpired,
  JWTInvalid,
  JWTNotYetValid,
} from '../src/errors.ts'

// Claim names jose reports; anything else is reported without a name.
const KNOWN_CLAIMS: ReadonlySet<string> = new Set(['iss', 'aud', 'sub', 'sid', 'iat', 'exp', 'nbf', 'typ'])

/** Maps a jose (or Web Crypto) failure to this package's error. */
export function mapJoseError(error: unknown): AuthJwtError {
  if (error instanceof errors.JWSSignatureVerificationFailed) return new JWSSignatureVerificationFailed()
  if (error instanceof errors.JWTExpired) return new JWTExpired(error.claim === 'iat' ? 'iat' : 'exp')
  if (error instanceof errors.JWTClaimValidationFailed) {
    // A time claim whose check failed lies in the future: the shared vocabulary calls that "not yet valid".
    if (error.reason === 'check_failed' && (error.claim === 'nbf' || error.claim === 'iat')) {
      return new JWTNotYetValid(error.claim)
    }
    return new JWTClaimValidationFailed(KNOWN_CLAIMS.has(error.claim) ? error.claim : undefined)
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return new JOSEAlgNotAllowed()
  return new JWTInvalid()
}
