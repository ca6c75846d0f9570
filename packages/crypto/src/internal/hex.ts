/**
 * Hex encoding for keys and probe signatures. Decoding accepts upper- and lower-case digits and
 * reports only whether the text was hex, never which character was not: the text may be a secret.
 */

const digits = '0123456789abcdef'

/** Encodes bytes as lower-case hex. */
export function encodeHex(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += digits[b >> 4]! + digits[b & 15]!
  return out
}

function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48 // 0-9
  const lower = c | 32 // folds A-F onto a-f
  if (lower >= 97 && lower <= 102) return lower - 87
  return -1
}

/** Decodes hex of even length; returns `undefined` when the text is not hex. */
export function decodeHex(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0) return undefined
  const out = new Uint8Array(text.length / 2)
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(text.charCodeAt(2 * i))
    const lo = nibble(text.charCodeAt(2 * i + 1))
    if (hi < 0 || lo < 0) return undefined
    out[i] = (hi << 4) | lo
  }
  return out
}
