/**
 * The bare HS256 signature layer (RFC 7515 compact serialization, RFC 7518 §3.2): strict segments, a
 * header whose `alg` is exactly `HS256` and that carries no `crit`, and a constant-time MAC check over the
 * segment text as received, by either HMAC backend. It knows nothing about claims; it exists so the
 * third-party JWS vectors (Wycheproof, RFC 7515 A.1, RFC 7520 4.4) run against the same parsing rules and
 * the same MAC code the session verifier uses.
 */
import { decodeBase64url, decodeJsonSegment } from '@alokai/internal'
import { splitCompact } from './compact.ts'
import type { HmacKey } from './hmac.ts'

/**
 * Whether `compactJws` is a well-formed HS256 JWS whose MAC verifies under `key`. Never throws for bad
 * input: every malformed token is `false`.
 */
export async function verifyHs256Signature(key: HmacKey, compactJws: string): Promise<boolean> {
  if (typeof compactJws !== 'string') return false
  const segments = splitCompact(compactJws)
  if (segments === undefined) return false
  const header = decodeJsonSegment(segments.header)
  if (header === undefined || header.alg !== 'HS256' || 'crit' in header) return false
  if (decodeBase64url(segments.payload) === undefined) return false
  const mac = decodeBase64url(segments.signature)
  if (mac === undefined) return false
  return key.verify(segments.signingInput, mac)
}
