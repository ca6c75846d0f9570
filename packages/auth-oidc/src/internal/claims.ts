/**
 * The claim checks, done here rather than by jose's `jwtVerify` (which re-parses the token and builds
 * option objects per call), with jose's semantics so the verdicts are the same (a differential test
 * compares them): `iss` exact, `aud` a string or an array containing a configured audience, `exp` required
 * and in the future, `nbf` not in the future, `iat` a number when present, all within the clock tolerance;
 * with a maximum age, `iat` required and neither too old nor in the future; `typ` compared as jose does
 * (case-insensitive, `application/` prefix ignored); required claims present; required scopes carried.
 */
import type { JWTHeaderParameters, JWTPayload } from 'jose'
import { JWTClaimValidationFailed, JWTExpired, JWTNotYetValid } from '../errors.ts'
import type { ResolvedOptions } from '../options.ts'
import { requireScopes } from '../require-scopes.ts'

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

function normalizeTyp(value: string): string {
  const lower = value.toLowerCase()
  return lower.startsWith('application/') ? lower.slice('application/'.length) : lower
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
  if (
    o.typ !== undefined &&
    (typeof header.typ !== 'string' || normalizeTyp(header.typ) !== normalizeTyp(o.typ))
  ) {
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
