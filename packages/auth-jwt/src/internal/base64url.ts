/**
 * Strict base64url (RFC 4648 §5, as RFC 7515 §2 requires for JWS): the URL-safe alphabet only, no padding,
 * no whitespace, and canonical trailing bits, so every byte string has exactly one encoding and a token
 * cannot be altered without changing the bytes it decodes to. Written here rather than borrowed because
 * `atob` and Node's `Buffer` both accept padding, whitespace and non-canonical trailing bits.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const SHAPE = /^[A-Za-z0-9_-]*$/

// char code → 6-bit value, or 0xff for characters outside the alphabet.
const DECODE = new Uint8Array(128).fill(0xff)
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i

/**
 * Whether a string of alphabet characters has a possible length and canonical trailing bits. A length of
 * 1 mod 4 cannot be produced by any input; with 2 or 3 characters in the last group, the unused low bits
 * of the last character must be zero.
 */
export function hasCanonicalEnd(text: string): boolean {
  const rest = text.length % 4
  if (rest === 0) return true
  if (rest === 1) return false
  const last = DECODE[text.charCodeAt(text.length - 1)] ?? 0xff
  // 2 chars carry 8 bits of 12 (4 unused), 3 chars carry 16 of 18 (2 unused).
  return (last & (rest === 2 ? 0x0f : 0x03)) === 0
}

/** Whether `text` is canonical unpadded base64url. */
export function isStrictBase64url(text: string): boolean {
  return SHAPE.test(text) && hasCanonicalEnd(text)
}

/** Decodes strict base64url, or returns `undefined` for anything {@link isStrictBase64url} refuses. */
export function decodeBase64url(text: string): Uint8Array | undefined {
  if (!isStrictBase64url(text)) return undefined
  const out = new Uint8Array(Math.floor((text.length * 3) / 4))
  let bits = 0
  let buffer = 0
  let o = 0
  for (let i = 0; i < text.length; i++) {
    // At most 13 live bits after the shift: a 16-bit mask keeps them and stops the int from overflowing.
    buffer = ((buffer << 6) | (DECODE[text.charCodeAt(i)] ?? 0)) & 0xffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (buffer >> bits) & 0xff
    }
  }
  return out
}

/** Encodes bytes as unpadded base64url. */
export function encodeBase64url(bytes: Uint8Array): string {
  let out = ''
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!
  }
  const rest = bytes.length - i
  if (rest === 1) {
    const n = bytes[i]! << 16
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8)
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!
  }
  return out
}
