/**
 * Decodes one segment of a compact JWS that must hold a JSON object (the JOSE header, or the payload once
 * its signature has verified). Strict at every layer: canonical base64url, fatal UTF-8 (no replacement
 * characters), no byte-order mark (kept, so JSON refuses it), and exactly one JSON object (no array, no
 * primitive). Both JWT packages and the multi-issuer peek use this one reader.
 */
import { decodeBase64url } from './base64url.ts'

// `ignoreBOM: true` keeps a leading U+FEFF in the text, which JSON.parse then refuses: a token with a BOM
// has no single meaning across parsers, so it is not accepted.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * The JSON object a base64url segment holds, or `undefined` for anything that is not exactly one.
 * `decode` is a strict base64url decoder (a runtime's native one on a hot path, checked to agree with the
 * shared one).
 *
 * @example
 * ```ts
 * const header = decodeJsonSegment(token.split('.')[0] ?? '')
 * if (header === undefined) throw new Error('malformed')
 * ```
 */
export function decodeJsonSegment(
  segment: string,
  decode: (text: string) => Uint8Array | undefined = decodeBase64url,
): Record<string, unknown> | undefined {
  const bytes = decode(segment)
  if (bytes === undefined) return undefined
  let value: unknown
  try {
    value = JSON.parse(utf8.decode(bytes))
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  return value as Record<string, unknown>
}
