/**
 * HMAC-SHA256 on Web Crypto, for every runtime but Node (workerd runs it in-thread on BoringSSL, so it is
 * the fast path there). The secret is imported once as a non-extractable `CryptoKey`; `subtle.verify`
 * compares in constant time. Imports nothing from `node:*`, so a consumer's Worker needs no
 * `nodejs_compat`.
 */
import { decodeBase64urlNative, encodeBase64url } from '@alokai/internal'
import { type HmacBackend, type HmacKey, MAC_BYTES } from './hmac.ts'

const encoder = new TextEncoder()
const HMAC = { name: 'HMAC', hash: 'SHA-256' }

/**
 * The Web Crypto backend.
 * @example const key = await webHmac.importKey(new TextEncoder().encode(secret))
 */
export const webHmac: HmacBackend = {
  name: 'web-crypto',
  decodeBase64url: decodeBase64urlNative,
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
