/**
 * Decodes a strict-base64url segment holding a JSON object (a JOSE header), refusing invalid UTF-8,
 * non-objects and arrays. jose does the same for the payload; the header is parsed here because the
 * verifier must read `alg`, `typ`, `kid` and `crit` before choosing a key.
 */
import { decodeBase64url } from '@alokai/internal'

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/** Returns the decoded JSON object, or `undefined` for anything that is not exactly one. */
export function decodeJsonSegment(segment: string): Record<string, unknown> | undefined {
  const bytes = decodeBase64url(segment)
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
