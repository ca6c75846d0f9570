/**
 * How long a fetched discovery document or JWKS counts as fresh: the response's `Cache-Control: max-age`,
 * clamped to [5 min, 1 h]. The floor stops an IdP that says `no-cache` from turning every request into a
 * fetch; the ceiling bounds how long a revoked key keeps verifying in a warm isolate.
 */

/** The shortest freshness, in seconds (also used when the response names none). */
const MIN_TTL_SECONDS = 300
/** The longest freshness, in seconds. */
const MAX_TTL_SECONDS = 3600

/** Freshness in seconds for a response with this `Cache-Control` header value. */
export function freshnessSeconds(cacheControl: string | null): number {
  const match = cacheControl === null ? null : /(?:^|[,\s])max-age\s*=\s*"?(\d{1,10})"?/i.exec(cacheControl)
  const maxAge = match?.[1] === undefined ? MIN_TTL_SECONDS : Number(match[1])
  return Math.min(MAX_TTL_SECONDS, Math.max(MIN_TTL_SECONDS, maxAge))
}
