/**
 * UTF-8 in both directions. Encoding refuses strings with lone surrogates (TextEncoder would replace
 * them with U+FFFD, so two different strings would seal to the same bytes and a round trip would
 * change the text); decoding is fatal on invalid UTF-8.
 */

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

// With the `u` flag a surrogate pair is one code point, so this matches only lone surrogates.
const loneSurrogate = /[\uD800-\uDFFF]/u

/** Encodes a string as UTF-8; throws `TypeError` (naming `what`, never the text) on lone surrogates. */
export function encodeUtf8(text: string, what: string): Uint8Array {
  if (loneSurrogate.test(text))
    throw new TypeError(`${what} must be well-formed Unicode (no lone surrogates)`)
  return encoder.encode(text)
}

/** Decodes UTF-8 strictly; returns `undefined` on invalid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes)
  } catch {
    return undefined
  }
}
