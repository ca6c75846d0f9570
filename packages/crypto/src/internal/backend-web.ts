/**
 * The package's cryptography on Web Crypto (`crypto.subtle`), for every runtime but Node: workerd runs it
 * in-thread on BoringSSL, so it is the fast path there. A data key's raw bytes are imported as a
 * non-extractable `CryptoKey` for the one call; on the `open` path the data key is unwrapped straight into
 * a non-extractable `CryptoKey`, so its bytes never reach JavaScript. Imports nothing from `node:*`.
 */
import { decodeBase64urlNative, encodeBase64urlNative } from '@alokai/internal'
import { DecryptError } from '../errors.ts'
import type { AesKey, CryptoBackend } from './backend.ts'

const tagLength = 128

async function aesKey(key: AesKey, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  if (!(key instanceof Uint8Array)) return key
  return crypto.subtle.importKey('raw', key, 'AES-GCM', false, [usage])
}

async function decrypt(
  key: CryptoKey,
  nonce: Uint8Array,
  sealed: Uint8Array,
  aad: Uint8Array,
): Promise<Uint8Array> {
  try {
    const out = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: nonce, additionalData: aad, tagLength },
      key,
      sealed,
    )
    return new Uint8Array(out)
  } catch (cause) {
    throw new DecryptError({ cause })
  }
}

/**
 * The Web Crypto backend.
 * @example const sealed = await webBackend.encrypt(dek, nonce, plaintext, aad)
 */
export const webBackend: CryptoBackend = {
  name: 'web-crypto',
  async encrypt(key, nonce, plaintext, aad) {
    const k = await aesKey(key, 'encrypt')
    const out = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: nonce, additionalData: aad, tagLength },
      k,
      plaintext,
    )
    return new Uint8Array(out)
  },
  async decrypt(key, nonce, sealed, aad) {
    return decrypt(await aesKey(key, 'decrypt'), nonce, sealed, aad)
  },
  async openWrapped(wrapKey, wrap, data) {
    let dataKey: CryptoKey
    try {
      dataKey = await crypto.subtle.unwrapKey(
        'raw',
        wrap.wrapped,
        wrapKey,
        { name: 'AES-GCM', iv: wrap.nonce, additionalData: wrap.aad, tagLength },
        'AES-GCM',
        false,
        ['decrypt'],
      )
    } catch (cause) {
      throw new DecryptError({ cause })
    }
    return decrypt(dataKey, data.nonce, data.sealed, data.aad)
  },
  async hmacSha256(key, data) {
    const k = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
    return new Uint8Array(await crypto.subtle.sign('HMAC', k, data))
  },
  encodeBase64url: encodeBase64urlNative,
  decodeBase64url: decodeBase64urlNative,
}
