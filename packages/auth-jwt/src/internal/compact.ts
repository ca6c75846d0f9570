/**
 * Splits a compact JWS into its three segments and checks each is strict base64url, before anything is
 * decoded or handed to jose. Shared by the session verifier and the bare HS256 signature layer so both
 * refuse exactly the same malformed inputs (four segments, padding, stray characters, non-canonical bits).
 */
import { isStrictBase64url } from './base64url.ts'

/** The three base64url segments of a compact JWS, exactly as they appeared in the token. */
export interface CompactSegments {
  header: string
  payload: string
  signature: string
  /** `header.payload`, the text the MAC is computed over. */
  signingInput: string
}

/** Returns the segments of a well-formed compact JWS, or `undefined` if it is not one. */
export function splitCompact(token: string): CompactSegments | undefined {
  const first = token.indexOf('.')
  if (first < 0) return undefined
  const second = token.indexOf('.', first + 1)
  if (second < 0 || token.indexOf('.', second + 1) >= 0) return undefined
  const header = token.slice(0, first)
  const payload = token.slice(first + 1, second)
  const signature = token.slice(second + 1)
  if (header.length === 0) return undefined
  if (!isStrictBase64url(header) || !isStrictBase64url(payload) || !isStrictBase64url(signature)) {
    return undefined
  }
  return { header, payload, signature, signingInput: token.slice(0, second) }
}
