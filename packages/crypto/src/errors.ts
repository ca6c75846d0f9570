/**
 * The package's errors. Every failure carries a stable `code` (switch on it, not on the message) and a
 * fixed message that never contains key, plaintext or ciphertext material: a sealed value that fails to
 * open says only that it failed, so logs and error trackers never become a side channel.
 */
import { createErrorBrand } from '@alokai/internal'

// The same in every copy of this package (ESM and CJS builds, two versions): see `isCryptoError`.
const brand = createErrorBrand('@alokai/crypto')

/**
 * The stable codes of {@link CryptoError}; `switch (err.code)` narrows on them.
 *
 * @example
 * ```ts
 * function status(code: CryptoErrorCode): number {
 *   return code === 'ERR_KEY_FORMAT' ? 500 : 422
 * }
 * ```
 */
export type CryptoErrorCode = 'ERR_KEY_FORMAT' | 'ERR_UNKNOWN_KEY' | 'ERR_MALFORMED' | 'ERR_DECRYPT'

/**
 * The base class of every error this package throws for bad input data (wrong argument types throw
 * `TypeError`).
 *
 * @example
 * ```ts
 * try {
 *   await open(keyring, sealed, { table: 'api_tokens', id })
 * } catch (err) {
 *   if (isCryptoError(err, 'ERR_DECRYPT')) return null
 *   throw err
 * }
 * ```
 */
export class CryptoError extends Error {
  /** The stable error code. */
  readonly code: CryptoErrorCode

  constructor(code: CryptoErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.name = new.target.name
    brand.mark(this)
  }
}

/**
 * Whether a value is a {@link CryptoError}, optionally with a given code; with a code, the type narrows
 * to that failure's subclass (`'ERR_DECRYPT'` → {@link DecryptError}). It recognises the errors of every
 * copy of this package (its ESM and CommonJS builds in one app, two versions), where `instanceof` sees
 * only this copy's class.
 *
 * @example
 * ```ts
 * try {
 *   return await openText(keyring, sealed, context)
 * } catch (err) {
 *   if (isCryptoError(err, 'ERR_UNKNOWN_KEY')) return 'key retired'
 *   throw err
 * }
 * ```
 */
export function isCryptoError(value: unknown): value is CryptoError
export function isCryptoError<C extends CryptoErrorCode>(
  value: unknown,
  code: C,
): value is CryptoErrorByCode[C]
export function isCryptoError(value: unknown, code?: CryptoErrorCode): boolean {
  return brand.test(value) && (code === undefined || value.code === code)
}

/**
 * A key is not exactly 32 bytes (64 hex characters), or two different keys share a kid. The message
 * names the rule that failed, never the key.
 *
 * @example
 * ```ts
 * await createKeyring({ primary: 'abc' }) // throws KeyFormatError: expected 64 hex characters, got 3
 * ```
 */
export class KeyFormatError extends CryptoError {
  declare readonly code: 'ERR_KEY_FORMAT'

  constructor(message: string) {
    super('ERR_KEY_FORMAT', message)
  }
}

/**
 * A sealed value names a kid that is not in the keyring (its key was dropped, or never added).
 *
 * @example
 * ```ts
 * await open(otherKeyring, sealed) // throws UnknownKeyError (code ERR_UNKNOWN_KEY)
 * ```
 */
export class UnknownKeyError extends CryptoError {
  declare readonly code: 'ERR_UNKNOWN_KEY'

  constructor(kid: string) {
    // The kid is public (it is in the sealed text and printed by `inspect`) and tells an operator
    // which key to restore; it is derived one-way from the key and reveals nothing about it.
    super('ERR_UNKNOWN_KEY', `no key in this keyring has kid "${kid}"`)
  }
}

/**
 * A sealed value is not well formed: wrong prefix or version, bad kid, non-strict base64url, truncated.
 *
 * @example
 * ```ts
 * inspect('not a sealed value') // throws MalformedError (code ERR_MALFORMED)
 * ```
 */
export class MalformedError extends CryptoError {
  declare readonly code: 'ERR_MALFORMED'

  constructor(message: string) {
    super('ERR_MALFORMED', message)
  }
}

const decryptMessage =
  'decryption failed: the value was altered, belongs to another context, or the key differs'

/**
 * A sealed value failed authentication: it was tampered with, moved to another context, or the key
 * with its kid is not the one that sealed it. The message is always the same.
 *
 * @example
 * ```ts
 * await open(keyring, sealed, { id: 'other-row' }) // throws DecryptError (code ERR_DECRYPT)
 * ```
 */
export class DecryptError extends CryptoError {
  declare readonly code: 'ERR_DECRYPT'

  constructor(options?: { cause?: unknown }) {
    super('ERR_DECRYPT', decryptMessage, options)
  }
}

/** Each code's subclass, so {@link isCryptoError} narrows to the failure it was asked about. */
interface CryptoErrorByCode {
  ERR_KEY_FORMAT: KeyFormatError
  ERR_UNKNOWN_KEY: UnknownKeyError
  ERR_MALFORMED: MalformedError
  ERR_DECRYPT: DecryptError
}
