/**
 * `open` and `openText`: decrypt a sealed value. The kid in the value picks the wrapping key; the DEK
 * is unwrapped and then decrypts the data with the context as associated data (on Web Crypto straight
 * into a non-extractable key, on node:crypto into bytes wiped before the call returns). Any
 * authentication failure is one `DecryptError` with one fixed message.
 */

import { runtime } from '#runtime'
import { MalformedError } from './errors.ts'
import { aesGcmOpenWrapped } from './internal/aes-gcm.ts'
import type { CryptoBackend, MaybePromise } from './internal/backend.ts'
import { type ResolvedSealed, resolveSealed } from './internal/resolve.ts'
import { decodeUtf8 } from './internal/utf8.ts'
import type { Keyring } from './keyring.ts'
import type { SealContext } from './seal-context.ts'

/**
 * Opens a sealed value and returns its plaintext bytes. Throws `CryptoError` with `ERR_MALFORMED`
 * (not a sealed value), `ERR_UNKNOWN_KEY` (its kid is not in the keyring) or `ERR_DECRYPT` (altered,
 * other context, wrong key).
 *
 * @example
 * ```ts
 * const bytes = await open(keyring, row.secret, { table: 'api_tokens', id: row.id })
 * ```
 */
export async function open(keyring: Keyring, sealed: string, context?: SealContext): Promise<Uint8Array> {
  return openResolved(resolveSealed(keyring, sealed, context))
}

/**
 * Unwraps the DEK and decrypts the data (internal: `reseal` reuses the resolved `dataAad`, the tests pick
 * the backend).
 */
export function openResolved(v: ResolvedSealed, backend: CryptoBackend = runtime): MaybePromise<Uint8Array> {
  return aesGcmOpenWrapped(
    v.wrapKey,
    { nonce: v.wrapNonce, wrapped: v.wrappedDek, aad: v.wrapAad },
    { nonce: v.nonce, sealed: v.ciphertext, aad: v.dataAad },
    backend,
  )
}

/**
 * Opens a sealed value and decodes it as UTF-8, strictly: bytes that are not valid UTF-8 throw
 * `MalformedError` (`ERR_MALFORMED`) rather than turning into U+FFFD.
 *
 * @example
 * ```ts
 * const token = await openText(keyring, row.secret, { table: 'api_tokens', id: row.id })
 * ```
 */
export async function openText(keyring: Keyring, sealed: string, context?: SealContext): Promise<string> {
  const bytes = await open(keyring, sealed, context)
  const text = decodeUtf8(bytes)
  bytes.fill(0)
  if (text === undefined) throw new MalformedError('the plaintext is not valid UTF-8; use open() for bytes')
  return text
}
