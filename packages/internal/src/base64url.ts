/**
 * Strict base64url (RFC 4648 §5) without padding. Decoding refuses padding, any character outside the
 * alphabet, a length that cannot be produced by encoding (4n + 1), and non-zero unused trailing bits, so
 * every byte string has exactly one accepted text form and a sealed value cannot be edited in its text
 * without the change showing up in its bytes. Written here rather than borrowed because `atob` and Node's
 * `Buffer` both accept padding, whitespace and non-canonical trailing bits. Every package (sealed values,
 * JWS segments, the CMS's ids, tokens and cookies) uses this one implementation.
 */

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

// Character code → 6-bit value, 255 for characters outside the alphabet.
const decodeTable = new Uint8Array(128).fill(255)
for (let i = 0; i < alphabet.length; i++) decodeTable[alphabet.charCodeAt(i)] = i

// Pairs of characters for 12 bits at a time: half the lookups and string appends of a 6-bit table.
const pairs: string[] = []
for (let i = 0; i < 4096; i++) pairs.push(alphabet[i >> 6]! + alphabet[i & 63]!)

/**
 * Encodes bytes as base64url without padding.
 * @example encodeBase64url(new Uint8Array([0xfb, 0xff, 0xbf])) // '-_-_'
 */
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

// A top-level function (no closure over mutable state) so the engine inlines it in the loops below.
function sextet(text: string, i: number): number {
  const c = text.charCodeAt(i)
  return c < 128 ? decodeTable[c]! : 255
}

/**
 * Decodes strict base64url; returns `undefined` for any text that is not the canonical encoding.
 * @example decodeBase64url('Zm8') // Uint8Array [0x66, 0x6f]; decodeBase64url('Zm8=') // undefined
 */
export function decodeBase64url(text: string): Uint8Array | undefined {
  const rest = text.length % 4
  if (rest === 1) return undefined
  const full = text.length - rest
  const out = new Uint8Array((full / 4) * 3 + (rest === 0 ? 0 : rest - 1))
  // OR of every 6-bit value: one check at the end instead of a branch per character.
  let bad = 0
  let o = 0
  for (let i = 0; i < full; i += 4) {
    const a = sextet(text, i)
    const b = sextet(text, i + 1)
    const c = sextet(text, i + 2)
    const d = sextet(text, i + 3)
    bad |= a | b | c | d
    const n = (a << 18) | (b << 12) | (c << 6) | d
    out[o++] = n >> 16
    out[o++] = (n >> 8) & 255
    out[o++] = n & 255
  }
  if (rest === 2) {
    const a = sextet(text, full)
    const b = sextet(text, full + 1)
    // Unused low bits must be zero: otherwise two texts would decode to the same bytes.
    bad |= a | b | ((b & 15) === 0 ? 0 : 255)
    out[o] = (a << 2) | (b >> 4)
  } else if (rest === 3) {
    const a = sextet(text, full)
    const b = sextet(text, full + 1)
    const c = sextet(text, full + 2)
    bad |= a | b | c | ((c & 3) === 0 ? 0 : 255)
    out[o++] = (a << 2) | (b >> 4)
    out[o] = ((b & 15) << 4) | (c >> 2)
  }
  return bad > 63 ? undefined : out
}
