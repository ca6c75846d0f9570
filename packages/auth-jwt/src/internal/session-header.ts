/**
 * Reads and checks the protected header of a session token before a key is chosen: the token's own `alg`
 * is never trusted (it must be exactly `HS256`), `typ` must be exactly `cms-session+jwt` (jose would also
 * accept `application/CMS-SESSION+JWT`), `crit` is refused because this verifier understands no
 * extensions, and nothing but `alg`, `typ` and `kid` may appear: the issuer writes nothing else, so any
 * other member (`jwk`, `jku`, `x5u`, `b64`, …) marks a token this service did not sign.
 */
import { JwtRejected } from '../errors.ts'
import { decodeJsonSegment } from './json-segment.ts'

/** The `typ` of a session token (RFC 8725 §3.11: explicit typing keeps other JWTs out). */
export const SESSION_TYP = 'cms-session+jwt'

const HEADER_MEMBERS: ReadonlySet<string> = new Set(['alg', 'typ', 'kid'])

/** Returns the header's kid, or throws `ERR_JWT_MALFORMED` / `ERR_JWT_INVALID`. */
export function readSessionKid(headerSegment: string): string {
  const header = decodeJsonSegment(headerSegment)
  if (header === undefined) throw new JwtRejected('ERR_JWT_MALFORMED', 'token header is not a JSON object')
  if (header.alg !== 'HS256') throw new JwtRejected('ERR_JWT_INVALID', 'token header "alg" must be HS256')
  if (header.typ !== SESSION_TYP) {
    throw new JwtRejected('ERR_JWT_INVALID', `token header "typ" must be ${SESSION_TYP}`)
  }
  if (Object.hasOwn(header, 'crit')) {
    throw new JwtRejected('ERR_JWT_INVALID', 'token header "crit" is not supported')
  }
  for (const name of Object.keys(header)) {
    if (!HEADER_MEMBERS.has(name)) {
      throw new JwtRejected('ERR_JWT_INVALID', 'token header has an unexpected parameter')
    }
  }
  if (typeof header.kid !== 'string') {
    throw new JwtRejected('ERR_JWT_INVALID', 'token header "kid" must be a string')
  }
  return header.kid
}
