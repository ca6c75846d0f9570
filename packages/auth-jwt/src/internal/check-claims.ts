/**
 * The registered-claim checks of a session token, done by the package itself (they used to be jose's
 * `jwtVerify` options; the rules and their order are jose's, so the same token fails the same way): every
 * required claim present, `iss` and `aud` exactly the configured strings, `iat`/`nbf`/`exp` numbers, `nbf`
 * and `iat` not in the future and `exp` not past (each within the clock tolerance), the token no older than
 * the maximum age whatever its `exp` says, `sub` and `sid` non-empty strings, and no authorization claim.
 */
import { JWTClaimValidationFailed, JWTExpired, JWTNotYetValid } from '../errors.ts'
import { AUTHORIZATION_CLAIMS } from './claims.ts'

/** What the claims are checked against. */
export interface ClaimRules {
  issuer: string
  audience: string
  clockToleranceSeconds: number
  /** A token is never honoured longer than this after its `iat` (the issuer's `ttlSeconds`). */
  maxAgeSeconds: number
}

const REQUIRED_CLAIMS = ['exp', 'iss', 'aud', 'sub', 'sid', 'iat'] as const

function nonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0
}

/**
 * Throws the error of the first failed check; `now` is Unix seconds. An `aud` array is refused even when
 * it holds ours: the issuer only ever writes one audience, so an array marks a token it did not sign.
 */
export function checkRegisteredClaims(
  payload: Record<string, unknown>,
  rules: ClaimRules,
  now: number,
): void {
  for (const claim of REQUIRED_CLAIMS) {
    if (!Object.hasOwn(payload, claim)) throw new JWTClaimValidationFailed(claim)
  }
  if (payload.iss !== rules.issuer) throw new JWTClaimValidationFailed('iss')
  if (payload.aud !== rules.audience) throw new JWTClaimValidationFailed('aud')
  const { iat, nbf, exp } = payload
  const tolerance = rules.clockToleranceSeconds
  if (typeof iat !== 'number') throw new JWTClaimValidationFailed('iat')
  if (nbf !== undefined) {
    if (typeof nbf !== 'number') throw new JWTClaimValidationFailed('nbf')
    if (nbf > now + tolerance) throw new JWTNotYetValid('nbf')
  }
  if (typeof exp !== 'number') throw new JWTClaimValidationFailed('exp')
  if (exp <= now - tolerance) throw new JWTExpired('exp')
  const age = now - iat
  if (age - tolerance > rules.maxAgeSeconds) throw new JWTExpired('iat')
  if (age < -tolerance) throw new JWTNotYetValid('iat')
  if (!nonEmptyString(payload.sub)) throw new JWTClaimValidationFailed('sub')
  if (!nonEmptyString(payload.sid)) throw new JWTClaimValidationFailed('sid')
  for (const name of AUTHORIZATION_CLAIMS) {
    if (Object.hasOwn(payload, name)) throw new JWTClaimValidationFailed(name)
  }
}
