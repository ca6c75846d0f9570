/**
 * The one internal interface behind which the package's cryptography runs: `node:crypto` in Node
 * (`backend-node.ts`: synchronous, no thread-pool hop) and Web Crypto everywhere else (`backend-web.ts`:
 * in-thread BoringSSL in workerd). Which one a consumer gets is chosen where the package is resolved, by
 * the package.json `imports` map of `#runtime` (`runtime-web.ts` / `runtime-node.ts`), so nothing a Worker
 * loads imports `node:*`. Both write and read byte-for-byte the same sealed values (tests seal on one and
 * open on the other, and run the vendored vectors on each).
 *
 * The keyring's keys are not the backend's business: `keyring.ts` derives every wrapping key once, with
 * HKDF on Web Crypto, as a non-extractable `CryptoKey`, in both runtimes. The node backend reaches the
 * same key material through `KeyObject.from`, which hands OpenSSL the key without exporting its bytes.
 */

/** A value now (node:crypto) or later (Web Crypto). */
export type MaybePromise<T> = T | Promise<T>

/**
 * An AES-GCM key: a keyring's non-extractable wrapping `CryptoKey`, or the raw bytes of a data key, which
 * the caller wipes once the call is done.
 */
export type AesKey = CryptoKey | Uint8Array

/** The cryptography of one runtime. AES-GCM here always has a 96-bit nonce and a 128-bit tag. */
export interface CryptoBackend {
  /** For test names and diagnostics. */
  readonly name: 'node:crypto' | 'web-crypto'
  /** `ciphertext | tag` of `plaintext` under `key`, with `aad` authenticated. */
  encrypt(key: AesKey, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): MaybePromise<Uint8Array>
  /** The plaintext of `ciphertext | tag`; throws `DecryptError` when authentication fails. */
  decrypt(key: AesKey, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): MaybePromise<Uint8Array>
  /**
   * Unwraps a data key with `wrapKey` and decrypts `sealed` with it (the `open` path); throws
   * `DecryptError` when either fails. The data key's bytes never outlive the call.
   */
  openWrapped(
    wrapKey: CryptoKey,
    wrap: { nonce: Uint8Array; wrapped: Uint8Array; aad: Uint8Array },
    data: { nonce: Uint8Array; sealed: Uint8Array; aad: Uint8Array },
  ): MaybePromise<Uint8Array>
  /** HMAC-SHA256 of `data` under the non-empty `key`. */
  hmacSha256(key: Uint8Array, data: Uint8Array): MaybePromise<Uint8Array>
  /** Unpadded base64url, on the runtime's fastest codec. */
  encodeBase64url(bytes: Uint8Array): string
  /** Strict base64url, the same answers as `@alokai/internal`'s decoder, on the runtime's fastest codec. */
  decodeBase64url(text: string): Uint8Array | undefined
}

/**
 * Both results: concurrently when either is a promise (so a rejection is never left unhandled while the
 * other is awaited), and without the promise machinery when both are already there (node:crypto).
 *
 * @example const [wrapped, ciphertext] = await both(backend.encrypt(…), backend.encrypt(…))
 */
export function both<A, B>(a: MaybePromise<A>, b: MaybePromise<B>): MaybePromise<[A, B]> {
  return a instanceof Promise || b instanceof Promise ? Promise.all([a, b]) : [a, b]
}
