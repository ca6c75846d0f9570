/**
 * The `auth_time` claim (OpenID Connect Core 2): when the user last authenticated at the IdP, which the CMS
 * takes as "signed in at" for the recency checks (a reveal needs a sign-in within minutes). One reading
 * for ID tokens and bearer access tokens alike, so both refuse the same thing: a time in the future, which
 * would count as "just signed in" for the token's whole life. A minute of clock skew is tolerated.
 */

/** How far the IdP's clock may differ from ours when an `auth_time` is compared. */
export const CLOCK_SKEW_MS: number = 60_000

/** The claim, in epoch ms; `null` without one; `'future'` when it lies past `now` plus the skew. */
export type AuthTime = number | null | 'future'

/**
 * Reads a token's `auth_time` (seconds) as epoch ms, judged against `now`.
 * @example const authTime = authTimeOf(payload.auth_time, scope.now()); if (authTime === 'future') refuse()
 */
export function authTimeOf(claim: unknown, now: number): AuthTime {
  if (typeof claim !== 'number' || !Number.isFinite(claim)) return null
  const ms = claim * 1000
  return ms > now + CLOCK_SKEW_MS ? 'future' : ms
}
