/**
 * The machine's limit: the same v1 envelope on raw `node:crypto` (OpenSSL, synchronous, no thread
 * hop), with the wrapping key derived once. Used in the Node suite only.
 */
import { Buffer } from 'node:buffer'
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { contextAad, type Envelope } from './crypto-subtle-envelope.ts'

export function createNodeEnvelope(kek: Uint8Array): Envelope {
  const wrapKey = Buffer.from(hkdfSync('sha256', kek, new Uint8Array(0), 'alokai/crypto/v1/wrap', 32))
  const kid = Buffer.from(hkdfSync('sha256', kek, new Uint8Array(0), 'alokai/crypto/v1/kid', 6)).toString(
    'base64url',
  )
  const wrapAad = Buffer.from(`v1.${kid}`)
  const gcm = (key: Uint8Array, iv: Uint8Array, aad: Uint8Array, data: Uint8Array): Buffer[] => {
    const c = createCipheriv('aes-256-gcm', key, iv).setAAD(aad)
    return [c.update(data), c.final(), c.getAuthTag()]
  }
  const ungcm = (key: Uint8Array, iv: Uint8Array, aad: Uint8Array, data: Uint8Array): Buffer => {
    const d = createDecipheriv('aes-256-gcm', key, iv)
      .setAAD(aad)
      .setAuthTag(data.subarray(data.length - 16))
    return Buffer.concat([d.update(data.subarray(0, data.length - 16)), d.final()])
  }
  return {
    seal(plaintext, context) {
      const random = randomBytes(56)
      const dek = random.subarray(0, 32)
      const payload = Buffer.concat([
        random.subarray(32, 44),
        ...gcm(wrapKey, random.subarray(32, 44), wrapAad, dek),
        random.subarray(44, 56),
        ...gcm(dek, random.subarray(44, 56), contextAad(context), plaintext),
      ])
      return `v1.${kid}.${payload.toString('base64url')}`
    },
    open(sealed, context) {
      const payload = Buffer.from(sealed.slice(sealed.lastIndexOf('.') + 1), 'base64url')
      const dek = ungcm(wrapKey, payload.subarray(0, 12), wrapAad, payload.subarray(12, 60))
      return ungcm(dek, payload.subarray(60, 72), contextAad(context), payload.subarray(72))
    },
  }
}
