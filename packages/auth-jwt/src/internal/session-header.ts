/**
 * Reads and checks the protected header of a session token before a key is chosen: the token's own `alg`
 * is never trusted (it must be exactly `HS256`), `typ` must name the issuer's media type (compared as RFC
 * 7515 §4.1.9 and jose do: in any case, `application/` implied when the value has no `/`), `crit` is refused because this
 * verifier understands no extensions, and nothing but `alg`, `typ` and `kid` may appear: the issuer writes
 * nothing else, so any other member (`jwk`, `jku`, `x5u`, `b64`, …) marks a token this service did not sign.
 */
import { decodeJsonSegment, typMatches } from '@alokai/internal'
import { JOSEAlgNotAllowed, JWTClaimValidationFailed, JWTInvalid } from '../errors.ts'

const HEADER_MEMBERS: ReadonlySet<string> = new Set(['alg', 'typ', 'kid'])

/**
 * Returns the header's kid, or throws `ERR_JWT_INVALID` (not a JSON object, `crit`, an unexpected member,
 * no string kid), `ERR_JOSE_ALG_NOT_ALLOWED` or `ERR_JWT_CLAIM_VALIDATION_FAILED` (claim `typ`).
 */
export function readSessionKid(headerSegment: string, typ: string): string {
  const header = decodeJsonSegment(headerSegment)
  if (header === undefined) throw new JWTInvalid()
  if (header.alg !== 'HS256') throw new JOSEAlgNotAllowed()
  if (!typMatches(header.typ, typ)) throw new JWTClaimValidationFailed('typ')
  if (Object.hasOwn(header, 'crit')) throw new JWTInvalid()
  for (const name of Object.keys(header)) {
    if (!HEADER_MEMBERS.has(name)) throw new JWTInvalid()
  }
  if (typeof header.kid !== 'string') throw new JWTInvalid()
  return header.kid
}
