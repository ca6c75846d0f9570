/**
 * @alokai/auth-jwt: HS256 session JWTs with strict verification and secret rotation, plus the cookie
 * helpers that carry them.
 */

// Issuer
export { createSessionIssuer } from './create-session-issuer.ts'
export type {
  ClaimsSchema,
  CustomClaims,
  SessionClaimsInput,
  SessionIssuer,
  SessionIssuerOptions,
  SessionPayload,
} from './types.ts'

// Secrets
export { MIN_SECRET_LENGTH, type SessionEnvironment } from './secret-policy.ts'

// Cookies
export {
  type ClearSessionCookieOptions,
  clearSessionCookie,
  type SessionCookieOptions,
  serializeSessionCookie,
} from './serialize-session-cookie.ts'
export { readSessionCookie } from './read-session-cookie.ts'

// Errors
export {
  AuthJwtError,
  type AuthJwtErrorCode,
  type AuthJwtTokenErrorCode,
  ClaimForbidden,
  isAuthJwtError,
  JOSEAlgNotAllowed,
  JWKSNoMatchingKey,
  JWSSignatureVerificationFailed,
  JWTClaimValidationFailed,
  JWTExpired,
  JWTInvalid,
  JWTNotYetValid,
  JWTTooLarge,
  KidCollision,
  SecretWeak,
} from './errors.ts'
