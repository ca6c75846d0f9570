/**
 * The claim checks, done here rather than by jose's `jwtVerify` (which re-parses the token and builds
 * option objects per call), with jose's semantics so the verdicts are the same (a differential test
 * compares them): `iss` exact, `aud` a string or an array containing a configured audience, `exp` required
 * and in the future, `nbf` not in the future, `iat` a number when present, all within the clock tolerance;
 * with a maximum age, `iat` required and neither too old nor in the future; `typ` compared as jose does
 * (RFC 7515 §4.1.9: case-insensitive, `application/` added only to a value without a `/`); `sub`
 * a string when present (RFC 7519 §4.1.2; jose does not check it, but the payload's type promises it); required claims present; required scopes carried.
 */

import { typMatches } from '@alokai/internal'
import { JWTClaimValidationFailed, JWTExpired, JWTNotYetValid } from '../errors.ts'
import type { ResolvedOptions } from '../options.ts'
import { requireScopes } from '../require-scopes.ts'
import type { JWTHeaderParameters, JWTPayload } from '../token-types.ts'

/** The subset of the options the claim checks read. */
export type ClaimOptions = Pick<
  ResolvedOptions,
  | 'issuer'
  | 'audience'
  | 'clockToleranceSeconds'
  | 'requiredClaims'
  | 'typ'
  | 'maxTokenAgeSeconds'
  | 'requiredScopes'
>

function refused(claim: string, detail: string): JWTClaimValidationFailed {
  return new JWTClaimValidationFailed({ claim, detail: `claim ${claim} ${detail}` })
}

function audienceMatches(aud: unknown, accepted: readonly string[]): boolean {
  if (typeof aud === 'string') return accepted.includes(aud)
  return Array.isArray(aud) && aud.some((a) => typeof a === 'string' && accepted.includes(a))
}

/** Throws the error of the first failed check; `now` is in seconds. */
export function checkClaims(
  payload: JWTPayload,
  header: JWTHeaderParameters,
  o: ClaimOptions,
  now: number,
): void {
  if (o.typ !== undefined && !typMatches(header.typ, o.typ)) {
    throw new JWTClaimValidationFailed({ claim: 'typ', detail: 'unexpected typ header' })
  }
  for (const claim of [
    'iss',
    'aud',
    ...(o.maxTokenAgeSeconds === undefined ? [] : ['iat']),
    ...o.requiredClaims,
    'exp',
  ]) {
    // Own members only: `in` would find `constructor` or `toString` on every payload's prototype.
    if (!Object.hasOwn(payload, claim)) throw refused(claim, 'missing')
  }
  if (payload.iss !== o.issuer) throw refused('iss', 'check_failed')
  if (!audienceMatches(payload.aud, o.audience)) throw refused('aud', 'check_failed')
  // Apps key users by `sub` as a string; a number would be a second spelling of the same user.
  if (payload.sub !== undefined && typeof payload.sub !== 'string') throw refused('sub', 'invalid')
  const tolerance = o.clockToleranceSeconds
  if (payload.iat !== undefined && typeof payload.iat !== 'number') throw refused('iat', 'invalid')
  if (payload.nbf !== undefined) {
    if (typeof payload.nbf !== 'number') throw refused('nbf', 'invalid')
    if (payload.nbf > now + tolerance) throw new JWTNotYetValid({ claim: 'nbf' })
  }
  if (typeof payload.exp !== 'number') throw refused('exp', 'invalid')
  if (payload.exp <= now - tolerance) throw new JWTExpired({ claim: 'exp' })
  if (o.maxTokenAgeSeconds !== undefined) {
    const age = now - (payload.iat as number)
    if (age - tolerance > o.maxTokenAgeSeconds) throw new JWTExpired({ claim: 'iat' })
    if (age < -tolerance) throw new JWTNotYetValid({ claim: 'iat' })
  }
  if (o.requiredScopes.length > 0) requireScopes(payload, o.requiredScopes)
}
