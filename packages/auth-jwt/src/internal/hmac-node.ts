/**
 * HMAC-SHA256 on `node:crypto`, for Node (`runtime-node.ts`). In Node, Web Crypto's `subtle` hops to the libuv
 * thread pool and back for every call, which costs several times the MAC itself on a 300-byte token;
 * `createHmac` runs inline. The secret is imported once as a `KeyObject` (not kept as a byte array), and
 * MACs are compared with `timingSafeEqual`.
 */
import type { Buffer } from 'node:buffer'
import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto'
import { decodeBase64urlBuffer } from '@alokai/internal/base64url-buffer'
import { type HmacBackend, type HmacKey, MAC_BYTES } from './hmac.ts'

function mac(key: KeyObject, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest()
}

/**
 * The node:crypto backend.
 * @example const key = await nodeHmac.importKey(new TextEncoder().encode(secret))
 */
export const nodeHmac: HmacBackend = {
  name: 'node:crypto',
  decodeBase64url: decodeBase64urlBuffer,
  async importKey(secret: Uint8Array): Promise<HmacKey> {
    const key = createSecretKey(secret)
    return {
      sign: (data) => mac(key, data).toString('base64url'),
      verify: (data, given) => given.length === MAC_BYTES && timingSafeEqual(mac(key, data), given),
    }
  },
}
