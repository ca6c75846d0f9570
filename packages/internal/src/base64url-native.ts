/**
 * Strict base64url on the TC39 native codec (`Uint8Array.fromBase64` / `toBase64`) where the runtime has
 * it (workerd does; Node 20 does not), else the JS codec of `base64url.ts`. The native codec alone is
 * lenient (it skips whitespace, accepts padding and ignores non-canonical trailing bits), but a text is
 * canonical base64url exactly when re-encoding its bytes gives the text back; both directions are native.
 */
import { decodeBase64url, encodeBase64url } from './base64url.ts'

// Not in TypeScript's lib yet, hence the local types.
interface Base64Codec {
  fromBase64?: (text: string, options: { alphabet: 'base64url' }) => Uint8Array
}
interface Base64Encodable {
  toBase64?: (options: { alphabet: 'base64url'; omitPadding: true }) => string
}
const native = Uint8Array as unknown as Base64Codec
const hasNativeBase64 =
  typeof native.fromBase64 === 'function' &&
  typeof (Uint8Array.prototype as unknown as Base64Encodable).toBase64 === 'function'

function toBase64url(bytes: Uint8Array): string {
  return (bytes as unknown as Required<Base64Encodable>).toBase64({
    alphabet: 'base64url',
    omitPadding: true,
  })
}

/**
 * Decodes strict base64url; `undefined` for any text that is not the canonical encoding.
 * @example decodeBase64urlNative('Zm8') // Uint8Array [0x66, 0x6f]; decodeBase64urlNative('Zm8=') // undefined
 */
export function decodeBase64urlNative(text: string): Uint8Array | undefined {
  if (!hasNativeBase64) return decodeBase64url(text)
  let bytes: Uint8Array
  try {
    bytes = (native.fromBase64 as NonNullable<Base64Codec['fromBase64']>)(text, { alphabet: 'base64url' })
  } catch {
    return undefined
  }
  return toBase64url(bytes) === text ? bytes : undefined
}

/**
 * Encodes bytes as unpadded base64url.
 * @example encodeBase64urlNative(new Uint8Array([0xfb, 0xff, 0xbf])) // '-_-_'
 */
export function encodeBase64urlNative(bytes: Uint8Array): string {
  return hasNativeBase64 ? toBase64url(bytes) : encodeBase64url(bytes)
}
