/**
 * `reseal`: opens a sealed value and seals its plaintext afresh under the primary key with a new DEK
 * and new nonces. The response to a leaked KEK: a rewrapped DEK would still open with the old KEK and
 * an old database dump, a resealed value shares nothing with what was leaked.
 */
import { resolveSealed } from './internal/resolve.ts'
import type { Keyring } from './keyring.ts'
import { openResolved } from './open.ts'
import { sealBytes } from './seal.ts'
import type { SealContext } from './seal-context.ts'

/**
 * Opens a sealed value and seals it again with a new data key under the primary key (the whole value
 * changes). Throws like {@link open} when the value does not open.
 *
 * @example
 * ```ts
 * const fresh = await reseal(keyring, row.secret, { table: 'api_tokens', id: row.id })
 * ```
 */
export async function reseal(keyring: Keyring, sealed: string, context?: SealContext): Promise<string> {
  // Resolved once: the context's associated data is encoded for opening and reused for sealing.
  const v = resolveSealed(keyring, sealed, context)
  const plaintext = await openResolved(v)
  try {
    return await sealBytes(keyring, plaintext, v.dataAad)
  } finally {
    plaintext.fill(0)
  }
}
