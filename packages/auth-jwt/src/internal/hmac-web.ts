/**
 * HMAC-SHA256 on Web Crypto, for every runtime but Node (workerd runs it in-thread on BoringSSL, so it is
 * the fast path there). The secret is imported once as a non-extractable `CryptoKey`; `subtle.verify`
 * compares in constant time. Imports nothing from `node:*`, so a consumer's Worker needs no
 * `nodejs_compat`.
 */
import { decodeBase64url, encodeBase64url } from '@alokai/internal'
import { type HmacBackend, type HmacKey, MAC_BYTES } from './hmac.ts'

const encoder = new TextEncoder()
const HMAC = { name: 'HMAC', hash: 'SHA-256' }

// TC39 base64 (`Uint8Array.fromBase64` / `toBase64`), native where the runtime has it (workerd does;
// Node 20 does not). Not in TypeScript's lib yet, hence the local types.
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

/**
 * Strict base64url on the native codec when there is one. The codec alone is lenient (it skips
 * whitespace, accepts padding and ignores non-canonical trailing bits), but a text is canonical base64url
 * exactly when re-encoding its bytes gives the text back; both directions are native. Elsewhere, the shared
 * JS decoder.
 */
function decodeStrict(text: string): Uint8Array | undefined {
  if (!hasNativeBase64) return decodeBase64url(text)
  let bytes: Uint8Array
  try {
    bytes = (native.fromBase64 as NonNullable<Base64Codec['fromBase64']>)(text, { alphabet: 'base64url' })
  } catch {
    return undefined
  }
  const again = (bytes as unknown as Required<Base64Encodable>).toBase64({
    alphabet: 'base64url',
    omitPadding: true,
  })
  return again === text ? bytes : undefined
}

/**
 * The Web Crypto backend.
 * @example const key = await webHmac.importKey(new TextEncoder().encode(secret))
 */
export const webHmac: HmacBackend = {
  name: 'web-crypto',
  decodeBase64url: decodeStrict,
  async importKey(secret: Uint8Array): Promise<HmacKey> {
    const key = await crypto.subtle.importKey('raw', secret, HMAC, false, ['sign', 'verify'])
    return {
      sign: async (data) =>
        encodeBase64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(data)))),
      verify: (data, given) =>
        given.length === MAC_BYTES && crypto.subtle.verify('HMAC', key, given, encoder.encode(data)),
    }
  },
}
