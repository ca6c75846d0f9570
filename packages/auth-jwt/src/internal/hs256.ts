/**
 * The bare HS256 signature layer (RFC 7515 compact serialization, RFC 7518 §3.2): strict segments, a
 * header whose `alg` is exactly `HS256` and that carries no `crit`, and a constant-time MAC check by Web
 * Crypto over the segment text as received. It knows nothing about claims; it exists so the third-party
 * JWS vectors (Wycheproof, RFC 7515 A.1, RFC 7520 4.4) can be run against the same parsing rules the
 * session verifier applies before it hands a token to jose.
 */
import { decodeBase64url } from '@alokai/internal'
import { splitCompact } from './compact.ts'
import { decodeJsonSegment } from './json-segment.ts'

const encoder = new TextEncoder()
/** HMAC-SHA256 output: a signature of any other length is refused without calling Web Crypto. */
const MAC_BYTES = 32

/**
 * Whether `compactJws` is a well-formed HS256 JWS whose MAC verifies under `key` (an HMAC-SHA256
 * `CryptoKey` with the `verify` usage). Never throws for bad input: every malformed token is `false`.
 */
export async function verifyHs256Signature(key: CryptoKey, compactJws: string): Promise<boolean> {
  if (typeof compactJws !== 'string') return false
  const segments = splitCompact(compactJws)
  if (segments === undefined) return false
  const header = decodeJsonSegment(segments.header)
  if (header === undefined || header.alg !== 'HS256' || 'crit' in header) return false
  if (decodeBase64url(segments.payload) === undefined) return false
  const mac = decodeBase64url(segments.signature)
  if (mac === undefined || mac.length !== MAC_BYTES) return false
  return crypto.subtle.verify('HMAC', key, mac, encoder.encode(segments.signingInput))
}
