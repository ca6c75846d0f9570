/**
 * The package's cryptography on `node:crypto`, for Node: Web Crypto in Node runs every call on the libuv
 * thread pool and back, which for a 64-byte secret costs several times the AES itself, while
 * `createCipheriv` runs inline (OpenSSL, AES-NI). A keyring's wrapping key stays the non-extractable
 * `CryptoKey` it was derived as; `KeyObject.from` hands OpenSSL its material without exporting the bytes.
 * A data key's bytes exist in JavaScript for the one call (drawn by `seal`, or unwrapped on `open`) and
 * are wiped before it returns; plaintext decrypted before its tag failed is wiped too.
 */

import { type CipherGCMTypes, createCipheriv, createDecipheriv, createHmac, KeyObject } from 'node:crypto'
import { decodeBase64urlBuffer, encodeBase64urlBuffer } from '@alokai/internal/base64url-buffer'
import { DecryptError } from '../errors.ts'
import type { AesKey, CryptoBackend } from './backend.ts'

const tagBytes = 16
const ciphers: Readonly<Record<number, CipherGCMTypes>> = {
  16: 'aes-128-gcm',
  24: 'aes-192-gcm',
  32: 'aes-256-gcm',
}

interface NodeKey {
  key: KeyObject | Uint8Array
  cipher: CipherGCMTypes
}

function cipherFor(size: number): CipherGCMTypes {
  const cipher = ciphers[size]
  if (cipher === undefined) throw new RangeError(`unsupported AES key of ${size * 8} bits`)
  return cipher
}

// A keyring's wrapping key → its KeyObject view, made once per key (`symmetricKeySize` is a native
// call). Weak, so a dropped keyring's keys go with it.
const keyObjects = new WeakMap<CryptoKey, NodeKey>()

function nodeKey(key: AesKey): NodeKey {
  if (key instanceof Uint8Array) return { key, cipher: cipherFor(key.length) }
  let known = keyObjects.get(key)
  if (known === undefined) {
    // The global `CryptoKey` type (workers-types) and Node's are the same object at run time.
    const material = KeyObject.from(key as Parameters<typeof KeyObject.from>[0])
    known = { key: material, cipher: cipherFor(material.symmetricKeySize ?? 0) }
    keyObjects.set(key, known)
  }
  return known
}
function decrypt(key: AesKey, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array {
  const k = nodeKey(key)
  const split = sealed.length - tagBytes
  const decipher = createDecipheriv(k.cipher, k.key, nonce, { authTagLength: tagBytes })
  decipher.setAAD(aad).setAuthTag(sealed.subarray(split))
  const out = decipher.update(sealed.subarray(0, split))
  // A plain Uint8Array, as on Web Crypto, over the same memory: the decipher's output has its own
  // backing store (never Buffer's shared pool), so its `.buffer` holds this plaintext and nothing else.
  const plaintext = new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
  try {
    decipher.final() // GCM yields nothing here; it checks the tag
  } catch (cause) {
    plaintext.fill(0)
    throw new DecryptError({ cause })
  }
  return plaintext
}

/**
 * The node:crypto backend.
 * @example const sealed = nodeBackend.encrypt(dek, nonce, plaintext, aad)
 */
export const nodeBackend: CryptoBackend = {
  name: 'node:crypto',
  encrypt(key, nonce, plaintext, aad) {
    const k = nodeKey(key)
    const cipher = createCipheriv(k.cipher, k.key, nonce, { authTagLength: tagBytes }).setAAD(aad)
    const head = cipher.update(plaintext)
    const tail = cipher.final()
    return Buffer.concat([head, tail, cipher.getAuthTag()])
  },
  decrypt,
  openWrapped(wrapKey, wrap, data) {
    const dataKey = decrypt(wrapKey, wrap.nonce, wrap.wrapped, wrap.aad)
    try {
      return decrypt(dataKey, data.nonce, data.sealed, data.aad)
    } finally {
      dataKey.fill(0)
    }
  },
  hmacSha256(key, data) {
    return createHmac('sha256', key).update(data).digest()
  },
  encodeBase64url: encodeBase64urlBuffer,
  decodeBase64url: decodeBase64urlBuffer,
}
