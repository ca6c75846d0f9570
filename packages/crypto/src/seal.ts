/**
 * `seal`: encrypts a secret for storage. Each call draws a fresh 32-byte data key (DEK) and two random
 * 96-bit nonces, encrypts the plaintext under the DEK with the context as associated data, and wraps
 * the DEK under the primary wrapping key with `v1.<kid>` as associated data (docs/design.md).
 */
import { runtime } from '#runtime'
import { aesGcmEncrypt, nonceBytes } from './internal/aes-gcm.ts'
import { both, type CryptoBackend, type MaybePromise } from './internal/backend.ts'
import { encodeContext } from './internal/context.ts'
import { dekBytes, formatSealed, wrapAadFor } from './internal/envelope.ts'
import { encodeUtf8 } from './internal/utf8.ts'
import { type Keyring, wrappingKey } from './keyring.ts'
import type { SealContext } from './seal-context.ts'

/**
 * Encrypts `plaintext` with a fresh DEK under `keyring`'s primary key (internal: used by `reseal`, and by
 * the tests on each backend). On node:crypto the whole seal is synchronous, so no promise is made here.
 */
export function sealBytes(
  keyring: Keyring,
  plaintext: Uint8Array,
  dataAad: Uint8Array,
  backend: CryptoBackend = runtime,
): MaybePromise<string> {
  const kid = keyring.primaryKid
  const wrapKey = wrappingKey(keyring, kid)!
  // One CSPRNG call for the DEK and both nonces.
  const random = crypto.getRandomValues(new Uint8Array(dekBytes + 2 * nonceBytes))
  const dek = random.subarray(0, dekBytes)
  const wrapNonce = random.subarray(dekBytes, dekBytes + nonceBytes)
  const nonce = random.subarray(dekBytes + nonceBytes)
  // Best effort: the DEK's bytes should not outlive the call; both backends copied them by the time the
  // encryptions are done.
  const wipe = (): void => {
    dek.fill(0)
  }
  const format = ([wrapped, ciphertext]: [Uint8Array, Uint8Array]): string =>
    formatSealed(kid, [wrapNonce, wrapped, nonce, ciphertext], backend)
  let parts: MaybePromise<[Uint8Array, Uint8Array]>
  try {
    parts = both(
      aesGcmEncrypt(wrapKey, wrapNonce, dek, wrapAadFor(kid), backend),
      aesGcmEncrypt(dek, nonce, plaintext, dataAad, backend),
    )
  } catch (error) {
    wipe()
    throw error
  }
  if (parts instanceof Promise) return parts.then(format).finally(wipe)
  wipe()
  return format(parts)
}

/**
 * Seals a secret: AES-256-GCM under a fresh data key, wrapped under the keyring's primary key. A string
 * is sealed as its UTF-8 bytes. The `context` (for example table, column and row id) must be given
 * again to open the value, so a sealed value copied to another row or space does not open there.
 *
 * @example
 * ```ts
 * const sealed = await seal(keyring, 'sk_live_123', { table: 'api_tokens', id: row.id })
 * // "v1.x3Jq0_Zb.GdM3…"
 * ```
 */
export async function seal(
  keyring: Keyring,
  plaintext: string | Uint8Array,
  context?: SealContext,
): Promise<string> {
  let bytes: Uint8Array
  if (typeof plaintext === 'string') bytes = encodeUtf8(plaintext, 'plaintext')
  else if (plaintext instanceof Uint8Array) bytes = plaintext
  else throw new TypeError('plaintext must be a string or a Uint8Array')
  return sealBytes(keyring, bytes, encodeContext(context))
}
