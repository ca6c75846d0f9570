/**
 * The one place that calls AES-GCM: Web Crypto (`crypto.subtle`), whose AES is hardware-backed and
 * constant-time in Node (OpenSSL) and workerd (BoringSSL, in-thread). Nonces are fixed at 96 bits and
 * tags at 128 bits, the only sizes the envelope uses; anything else is refused before Web Crypto sees
 * it, because a GCM nonce of another length is hashed (GHASH) into the counter and has weaker bounds.
 */
import { DecryptError } from '../errors.ts'

/** Bytes in an AES-GCM nonce here (96 bits: the size GCM uses directly as its counter prefix). */
export const nonceBytes = 12
/** Bytes in an AES-GCM tag here (128 bits: the full tag, no truncation). */
export const tagBytes = 16

const tagLength = tagBytes * 8

function checkNonce(nonce: Uint8Array): void {
  if (nonce.length !== nonceBytes) {
    throw new RangeError(`unsupported AES-GCM nonce of ${nonce.length * 8} bits: only 96-bit nonces are used`)
  }
}

/**
 * Imports raw AES key bytes (16, 24 or 32; the envelope uses 32) as a non-extractable AES-GCM key.
 */
export function importAesGcmKey(raw: Uint8Array, usages: ('encrypt' | 'decrypt')[]): Promise<CryptoKey> {
  if (raw.length !== 16 && raw.length !== 24 && raw.length !== 32) {
    throw new RangeError(`unsupported AES key of ${raw.length * 8} bits`)
  }
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, usages)
}

/** Encrypts and returns `ciphertext | tag`. */
export async function aesGcmEncrypt(
  key: CryptoKey,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  additionalData: Uint8Array,
): Promise<Uint8Array> {
  checkNonce(nonce)
  const out = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: nonce, additionalData, tagLength },
    key,
    plaintext,
  )
  return new Uint8Array(out)
}

/** Decrypts `ciphertext | tag`; throws {@link DecryptError} when authentication fails. */
export async function aesGcmDecrypt(
  key: CryptoKey,
  nonce: Uint8Array,
  sealed: Uint8Array,
  additionalData: Uint8Array,
): Promise<Uint8Array> {
  checkNonce(nonce)
  // Shorter than a tag cannot authenticate; say so the same way as a failed tag.
  if (sealed.length < tagBytes) throw new DecryptError()
  try {
    const out = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: nonce, additionalData, tagLength },
      key,
      sealed,
    )
    return new Uint8Array(out)
  } catch (cause) {
    throw new DecryptError({ cause })
  }
}

/**
 * Decrypts a wrapped data key straight into a non-extractable AES-GCM `CryptoKey`, so the DEK's bytes
 * never reach JavaScript on the `open` path; throws {@link DecryptError} when authentication fails.
 */
export async function aesGcmUnwrapKey(
  wrappingKey: CryptoKey,
  nonce: Uint8Array,
  wrapped: Uint8Array,
  additionalData: Uint8Array,
): Promise<CryptoKey> {
  checkNonce(nonce)
  try {
    return await crypto.subtle.unwrapKey(
      'raw',
      wrapped,
      wrappingKey,
      { name: 'AES-GCM', iv: nonce, additionalData, tagLength },
      'AES-GCM',
      false,
      ['decrypt'],
    )
  } catch (cause) {
    throw new DecryptError({ cause })
  }
}
