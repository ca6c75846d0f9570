/**
 * Strict base64url (RFC 4648 §5) without padding. Decoding refuses padding, any character outside the
 * alphabet, a length that cannot be produced by encoding (4n + 1), and non-zero unused trailing bits, so
 * every byte string has exactly one accepted text form and a sealed value cannot be edited in its text
 * without the change showing up in its bytes.
 */

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

// Character code → 6-bit value, 255 for characters outside the alphabet.
const decodeTable = new Uint8Array(128).fill(255)
for (let i = 0; i < alphabet.length; i++) decodeTable[alphabet.charCodeAt(i)] = i

// Pairs of characters for 12 bits at a time: half the lookups and string appends of a 6-bit table.
const pairs: string[] = []
for (let i = 0; i < 4096; i++) pairs.push(alphabet[i >> 6]! + alphabet[i & 63]!)

/** Encodes bytes as base64url without padding. */
export function encodeBase64url(bytes: Uint8Array): string {
  let out = ''
  const full = bytes.length - (bytes.length % 3)
  for (let i = 0; i < full; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
    out += pairs[n >> 12]! + pairs[n & 4095]!
  }
  const rest = bytes.length - full
  if (rest === 1) {
    const n = bytes[full]!
    out += alphabet[n >> 2]! + alphabet[(n & 3) << 4]!
  } else if (rest === 2) {
    const n = (bytes[full]! << 8) | bytes[full + 1]!
    out += alphabet[n >> 10]! + alphabet[(n >> 4) & 63]! + alphabet[(n & 15) << 2]!
  }
  return out
}

/** Decodes strict base64url; returns `undefined` for any text that is not the canonical encoding. */
export function decodeBase64url(text: string): Uint8Array | undefined {
  const rest = text.length % 4
  if (rest === 1) return undefined
  const out = new Uint8Array(((text.length - rest) / 4) * 3 + (rest === 0 ? 0 : rest - 1))
  // OR of every 6-bit value: one check after the loop instead of one branch per character.
  let bad = 0
  const value = (i: number): number => {
    const c = text.charCodeAt(i)
    const v = c < 128 ? decodeTable[c]! : 255
    bad |= v
    return v
  }
  let o = 0
  const full = text.length - rest
  for (let i = 0; i < full; i += 4) {
    const n = (value(i) << 18) | (value(i + 1) << 12) | (value(i + 2) << 6) | value(i + 3)
    out[o++] = n >> 16
    out[o++] = (n >> 8) & 255
    out[o++] = n & 255
  }
  if (rest === 2) {
    const a = value(full)
    const b = value(full + 1)
    if ((b & 15) !== 0) return undefined
    out[o] = (a << 2) | (b >> 4)
  } else if (rest === 3) {
    const a = value(full)
    const b = value(full + 1)
    const c = value(full + 2)
    if ((c & 3) !== 0) return undefined
    out[o++] = (a << 2) | (b >> 4)
    out[o] = ((b & 15) << 4) | (c >> 2)
  }
  return bad > 63 ? undefined : out
}
