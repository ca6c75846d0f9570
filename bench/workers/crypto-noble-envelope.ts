/**
 * The same v1 envelope on `@noble/ciphers` (T-table AES-GCM, pure JS, synchronous) and `@noble/hashes`
 * (HKDF), with the floor's text encoding and context encoding, so that package ÷ this compares AES
 * implementations rather than base64 code.
 */
import { gcm } from '@noble/ciphers/aes.js'
import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { contextAad, type Envelope, fromBase64url, toBase64url } from './crypto-subtle-envelope.ts'

const utf8 = new TextEncoder()

export function createNobleEnvelope(kek: Uint8Array): Envelope {
  const salt = new Uint8Array(0)
  const wrapKey = hkdf(sha256, kek, salt, utf8.encode('alokai/crypto/v1/wrap'), 32)
  const kid = toBase64url(hkdf(sha256, kek, salt, utf8.encode('alokai/crypto/v1/kid'), 6))
  const wrapAad = utf8.encode(`v1.${kid}`)
  return {
    seal(plaintext, context) {
      const random = crypto.getRandomValues(new Uint8Array(56))
      const dek = random.subarray(0, 32)
      const wrapped = gcm(wrapKey, random.subarray(32, 44), wrapAad).encrypt(dek)
      const ciphertext = gcm(dek, random.subarray(44, 56), contextAad(context)).encrypt(plaintext)
      const payload = new Uint8Array(88 + plaintext.length)
      payload.set(random.subarray(32, 44))
      payload.set(wrapped, 12)
      payload.set(random.subarray(44, 56), 60)
      payload.set(ciphertext, 72)
      return `v1.${kid}.${toBase64url(payload)}`
    },
    open(sealed, context) {
      const payload = fromBase64url(sealed.slice(sealed.lastIndexOf('.') + 1))
      const dek = gcm(wrapKey, payload.subarray(0, 12), wrapAad).decrypt(payload.subarray(12, 60))
      return gcm(dek, payload.subarray(60, 72), contextAad(context)).decrypt(payload.subarray(72))
    },
  }
}
