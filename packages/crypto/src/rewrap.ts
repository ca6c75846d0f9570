/**
 * `rewrap`: moves a sealed value onto the primary key without touching its data part. It opens the
 * value fully first, so a corrupt value is never counted as migrated; then it wraps the same DEK under
 * the primary wrapping key with a fresh nonce. Rotation without re-encrypting the data.
 */
import { aesGcmDecrypt, aesGcmEncrypt, nonceBytes } from './internal/aes-gcm.ts'
import { formatSealed, wrapAadFor } from './internal/envelope.ts'
import { resolveSealed } from './internal/resolve.ts'
import { type Keyring, wrappingKey } from './keyring.ts'
import type { SealContext } from './seal-context.ts'

/**
 * Re-wraps a sealed value's data key under the keyring's primary key; the data part stays
 * byte-identical. Returns `sealed` unchanged when it is already under the primary key (after
 * verifying it). Throws like {@link open} when the value does not open.
 *
 * @example
 * ```ts
 * const next = await rewrap(keyring, row.secret, { table: 'api_tokens', id: row.id })
 * if (next !== row.secret) await db.updateSecret(row.id, next)
 * ```
 */
export async function rewrap(keyring: Keyring, sealed: string, context?: SealContext): Promise<string> {
  const v = resolveSealed(keyring, sealed, context)
  const dek = await aesGcmDecrypt(v.wrapKey, v.wrapNonce, v.wrappedDek, v.wrapAad)
  try {
    // Authenticates the data part: the result is discarded, only success matters.
    ;(await aesGcmDecrypt(dek, v.nonce, v.ciphertext, v.dataAad)).fill(0)
    const kid = keyring.primaryKid
    if (v.kid === kid) return sealed
    const wrapNonce = crypto.getRandomValues(new Uint8Array(nonceBytes))
    const wrapped = await aesGcmEncrypt(wrappingKey(keyring, kid)!, wrapNonce, dek, wrapAadFor(kid))
    return formatSealed(kid, [wrapNonce, wrapped, v.dataPart])
  } finally {
    dek.fill(0)
  }
}
