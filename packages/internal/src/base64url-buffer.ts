/**
 * Strict base64url on Node's `Buffer` codec, for the packages' node runtime files (`runtime-node.ts`;
 * never imported by what a Worker loads). The codec alone is lenient (it skips padding and stray
 * characters and ignores non-canonical trailing bits), but a text is canonical base64url exactly when
 * re-encoding its bytes gives the text back, and both directions are native: several times faster than the JS codec in `base64url.ts`
 * on a token's payload or a 4 KiB sealed value, with the same answers (the packages' property tests hold
 * them equal).
 */

/**
 * Decodes strict base64url with `Buffer`; `undefined` for any text that is not the canonical encoding.
 * @example decodeBase64urlBuffer('Zm8') // Buffer [0x66, 0x6f]; decodeBase64urlBuffer('Zm8=') // undefined
 */
export function decodeBase64urlBuffer(text: string): Uint8Array | undefined {
  const bytes = Buffer.from(text, 'base64url')
  return bytes.toString('base64url') === text ? bytes : undefined
}

/**
 * Encodes bytes as unpadded base64url with `Buffer`, without copying them.
 * @example encodeBase64urlBuffer(new Uint8Array([0xfb, 0xff, 0xbf])) // '-_-_'
 */
export function encodeBase64urlBuffer(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url')
}
