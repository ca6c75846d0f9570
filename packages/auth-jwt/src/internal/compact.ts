/**
 * Splits a compact JWS into its three segments and checks each is strict base64url, before anything is
 * decoded or handed to jose. Shared by the session verifier and the bare HS256 signature layer so both
 * refuse exactly the same malformed inputs (four segments, padding, stray characters, non-canonical bits).
 * One pass over the characters: this runs on every request, in front of jose.
 */
import { hasCanonicalEnd, isBase64urlChar } from './base64url.ts'

/** The three base64url segments of a compact JWS, exactly as they appeared in the token. */
export interface CompactSegments {
  header: string
  payload: string
  signature: string
  /** `header.payload`, the text the MAC is computed over. */
  signingInput: string
}

const DOT = 0x2e

/** Returns the segments of a well-formed compact JWS, or `undefined` if it is not one. */
export function splitCompact(token: string): CompactSegments | undefined {
  let first = -1
  let second = -1
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i)
    if (code === DOT) {
      if (first < 0) first = i
      else if (second < 0) second = i
      else return undefined
    } else if (!isBase64urlChar(code)) {
      return undefined
    }
  }
  if (first <= 0 || second < 0) return undefined
  const header = token.slice(0, first)
  const payload = token.slice(first + 1, second)
  const signature = token.slice(second + 1)
  if (!hasCanonicalEnd(header) || !hasCanonicalEnd(payload) || !hasCanonicalEnd(signature)) return undefined
  return { header, payload, signature, signingInput: token.slice(0, second) }
}
