/**
 * The Node floor: the same v1 envelope on raw `node:crypto` (OpenSSL, synchronous, no thread hop), with
 * the wrapping key derived once and imported once as a `KeyObject`, and exactly the package's checks and
 * wiping: the structural checks on a sealed value (`payloadByHand`: version, kid, strict base64url on
 * Buffer, minimum length), the 128-bit tag, the data key zeroed after seal and open, plaintext zeroed when
 * its tag fails. Used in the Node suite only.
 */
import { Buffer } from 'node:buffer'
import {
  createCipheriv,
  createDecipheriv,
  createSecretKey,
  hkdfSync,
  type KeyObject,
  randomFillSync,
} from 'node:crypto'
import { contextAad, type Envelope, payloadByHand } from './crypto-subtle-envelope.ts'

/** Strict base64url on Buffer: canonical exactly when the bytes re-encode to the text. */
function strictDecode(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64url')
  return bytes.toString('base64url') === text ? bytes : undefined
}

export function createNodeEnvelope(kek: Uint8Array): Envelope {
  const wrapKey = createSecretKey(
    Buffer.from(hkdfSync('sha256', kek, new Uint8Array(0), 'alokai/crypto/v1/wrap', 32)),
  )
  const kid = Buffer.from(hkdfSync('sha256', kek, new Uint8Array(0), 'alokai/crypto/v1/kid', 6)).toString(
    'base64url',
  )
  const wrapAad = Buffer.from(`v1.${kid}`)
  const gcm = (key: KeyObject | Uint8Array, iv: Uint8Array, aad: Uint8Array, data: Uint8Array): Buffer[] => {
    const c = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 }).setAAD(aad)
    return [c.update(data), c.final(), c.getAuthTag()]
  }
  const ungcm = (key: KeyObject | Uint8Array, iv: Uint8Array, aad: Uint8Array, data: Uint8Array): Buffer => {
    const d = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 })
      .setAAD(aad)
      .setAuthTag(data.subarray(data.length - 16))
    const out = d.update(data.subarray(0, data.length - 16))
    try {
      d.final()
    } catch (error) {
      out.fill(0)
      throw error
    }
    return out
  }
  return {
    seal(plaintext, context) {
      const random = randomFillSync(new Uint8Array(56))
      const dek = random.subarray(0, 32)
      const payload = Buffer.concat([
        random.subarray(32, 44),
        ...gcm(wrapKey, random.subarray(32, 44), wrapAad, dek),
        random.subarray(44, 56),
        ...gcm(dek, random.subarray(44, 56), contextAad(context), plaintext),
      ])
      dek.fill(0)
      return `v1.${kid}.${payload.toString('base64url')}`
    },
    open(sealed, context) {
      const payload = payloadByHand(sealed, kid, strictDecode)
      const dek = ungcm(wrapKey, payload.subarray(0, 12), wrapAad, payload.subarray(12, 60))
      try {
        return ungcm(dek, payload.subarray(60, 72), contextAad(context), payload.subarray(72))
      } finally {
        dek.fill(0)
      }
    },
  }
}
