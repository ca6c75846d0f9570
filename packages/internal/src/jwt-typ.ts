/**
 * The one comparison of a JWS `typ` header with the value a verifier expects, for both JWT packages. RFC
 * 7515 §4.1.9 says a media type there may drop its `application/` prefix when it has no other `/`, and
 * media types compare case-insensitively (RFC 2045): so `JWT`, `jwt` and `application/jwt` are one type,
 * while `text/plain` never becomes `application/text/plain`. jose compares the same way, so a team moving
 * from jose keeps its verdicts.
 */

function canonicalTyp(value: string): string {
  const lower = value.toLowerCase()
  return lower.includes('/') ? lower : `application/${lower}`
}

/**
 * Whether a header's `typ` (any JSON value) names the `expected` media type.
 *
 * @example
 * ```ts
 * typMatches('application/AT+JWT', 'at+jwt') // true
 * typMatches('application/text/plain', 'text/plain') // false
 * ```
 */
export function typMatches(typ: unknown, expected: string): boolean {
  return typeof typ === 'string' && canonicalTyp(typ) === canonicalTyp(expected)
}
