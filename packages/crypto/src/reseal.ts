/**
 * `reseal`: opens a sealed value and seals its plaintext afresh under the primary key with a new DEK
 * and new nonces. The response to a leaked KEK: a rewrapped DEK would still open with the old KEK and
 * an old database dump, a resealed value shares nothing with what was leaked.
 */
import { type Context, encodeContext } from './internal/context.ts'
import type { Keyring } from './keyring.ts'
import { open } from './open.ts'
import { sealBytes } from './seal.ts'

/**
 * Opens a sealed value and seals it again with a new data key under the primary key (the whole value
 * changes). Throws like {@link open} when the value does not open.
 *
 * @example
 * ```ts
 * const fresh = await reseal(keyring, row.secret, { table: 'api_tokens', id: row.id })
 * ```
 */
export async function reseal(keyring: Keyring, sealed: string, context?: Context): Promise<string> {
  const plaintext = await open(keyring, sealed, context)
  try {
    return await sealBytes(keyring, plaintext, encodeContext(context))
  } finally {
    plaintext.fill(0)
  }
}
