/**
 * Decodes a strict-base64url segment holding a JSON object (the JOSE header, or the payload once its MAC
 * has verified), refusing invalid UTF-8 (fatal decoding: no replacement characters), non-objects and arrays.
 */
import { decodeBase64url } from '@alokai/internal'

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/**
 * Returns the decoded JSON object, or `undefined` for anything that is not exactly one. `decode` is a
 * strict base64url decoder (the runtime backend's on the hot path).
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
