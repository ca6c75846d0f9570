/**
 * Splits and decodes a compact JWS strictly, before any key is looked up: exactly three segments, canonical
 * base64url (`@alokai/internal`), a UTF-8 JSON object as header, an `alg` string, a `kid` string if
 * present, and no `crit` at all (this verifier implements no JWS extension, so any critical one must be
 * refused, RFC 7515 §4.1.11; `b64: false` is forbidden in JWTs anyway). Everything fails as `ERR_JWT_INVALID`.
 * Parsed headers are memoised by their text: an IdP's tokens share a handful of headers, and parsing is
 * deterministic, so the memo cannot change a verdict.
 */
import { decodeBase64url, decodeJsonSegment } from '@alokai/internal'
import { JWTInvalid } from '../errors.ts'
import type { JWTHeaderParameters } from '../token-types.ts'

/** A decoded compact JWS whose signature is still unchecked. */
export interface CompactJws {
  header: JWTHeaderParameters
  /** `<header>.<payload>`, the bytes the signature covers (ASCII). */
  signingInput: string
  payloadSegment: string
  signature: Uint8Array
}

const MAX_MEMO = 32
const headerMemo = new Map<string, JWTHeaderParameters>()

function parseHeader(segment: string): JWTHeaderParameters {
  const memo = headerMemo.get(segment)
  if (memo !== undefined) return memo
  const header = decodeJsonSegment(segment)
  if (header === undefined) throw new JWTInvalid({ detail: 'header is not a base64url JSON object' })
  if (typeof header.alg !== 'string' || header.alg === '') throw new JWTInvalid({ detail: 'alg missing' })
  if (header.kid !== undefined && typeof header.kid !== 'string') {
    throw new JWTInvalid({ detail: 'kid is not a string' })
  }
  if (header.crit !== undefined) throw new JWTInvalid({ detail: 'unsupported crit header' })
  const parsed = Object.freeze(header) as JWTHeaderParameters
  if (headerMemo.size >= MAX_MEMO) headerMemo.clear()
  headerMemo.set(segment, parsed)
  return parsed
}

/** Splits and decodes `token`; throws `ERR_JWT_INVALID` for any deviation from the shape above. */
export function parseCompactJws(token: string): CompactJws {
  const first = token.indexOf('.')
  const second = token.indexOf('.', first + 1)
  if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
    throw new JWTInvalid({ detail: 'not three segments' })
  }
  const header = parseHeader(token.slice(0, first))
  const signature = decodeBase64url(token.slice(second + 1))
  if (signature === undefined) throw new JWTInvalid({ detail: 'signature is not base64url' })
  return {
    header,
    signingInput: token.slice(0, second),
    payloadSegment: token.slice(first + 1, second),
    signature,
  }
}
