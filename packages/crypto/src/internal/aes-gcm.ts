/**
 * The one door to AES-GCM: every call checks here what the envelope allows and then runs on the
 * runtime's backend (`backend.ts`: node:crypto in Node, Web Crypto elsewhere; both hardware-backed and
 * constant-time). Nonces are fixed at 96 bits and tags at 128 bits, the only sizes the envelope uses;
 * anything else is refused before a backend sees it, because a GCM nonce of another length is hashed
 * (GHASH) into the counter and has weaker bounds. Each function takes the backend last, defaulting to
 * this runtime's, so the tests can run every path on both backends.
 */
import { runtime } from '#runtime'
import { DecryptError } from '../errors.ts'
import type { AesKey, CryptoBackend, MaybePromise } from './backend.ts'

/** Bytes in an AES-GCM nonce here (96 bits: the size GCM uses directly as its counter prefix). */
export const nonceBytes = 12
/** Bytes in an AES-GCM tag here (128 bits: the full tag, no truncation). */
export const tagBytes = 16

function checkNonce(nonce: Uint8Array): void {
  if (nonce.length !== nonceBytes) {
    throw new RangeError(`unsupported AES-GCM nonce of ${nonce.length * 8} bits: only 96-bit nonces are used`)
  }
}

function checkKey(key: AesKey): void {
  if (key instanceof Uint8Array && key.length !== 16 && key.length !== 24 && key.length !== 32) {
    throw new RangeError(`unsupported AES key of ${key.length * 8} bits`)
  }
}

// Shorter than a tag cannot authenticate; say so the same way as a failed tag.
function checkSealed(sealed: Uint8Array): void {
  if (sealed.length < tagBytes) throw new DecryptError()
}

/**
 * Encrypts and returns `ciphertext | tag`.
 * @example const sealed = await aesGcmEncrypt(dek, nonce, plaintext, aad)
 */
export function aesGcmEncrypt(
  key: AesKey,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  additionalData: Uint8Array,
  backend: CryptoBackend = runtime,
): MaybePromise<Uint8Array> {
  checkKey(key)
  checkNonce(nonce)
  return backend.encrypt(key, nonce, plaintext, additionalData)
}

/**
 * Decrypts `ciphertext | tag`; throws {@link DecryptError} when authentication fails.
 * @example const plaintext = await aesGcmDecrypt(dek, nonce, sealed, aad)
 */
export function aesGcmDecrypt(
  key: AesKey,
  nonce: Uint8Array,
  sealed: Uint8Array,
  additionalData: Uint8Array,
  backend: CryptoBackend = runtime,
): MaybePromise<Uint8Array> {
  checkKey(key)
  checkNonce(nonce)
  checkSealed(sealed)
  return backend.decrypt(key, nonce, sealed, additionalData)
}

/**
 * Unwraps a data key and decrypts `ciphertext | tag` with it, the data key's bytes never outliving the
 * call; throws {@link DecryptError} when either step fails to authenticate.
 * @example const plaintext = await aesGcmOpenWrapped(wrapKey, { nonce, wrapped, aad }, { nonce, sealed, aad })
 */
export function aesGcmOpenWrapped(
  wrapKey: CryptoKey,
  wrap: { nonce: Uint8Array; wrapped: Uint8Array; aad: Uint8Array },
  data: { nonce: Uint8Array; sealed: Uint8Array; aad: Uint8Array },
  backend: CryptoBackend = runtime,
): MaybePromise<Uint8Array> {
  checkNonce(wrap.nonce)
  checkNonce(data.nonce)
  checkSealed(wrap.wrapped)
  checkSealed(data.sealed)
  return backend.openWrapped(wrapKey, wrap, data)
}
