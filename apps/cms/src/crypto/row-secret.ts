/**
 * Sealing and opening the secret column of a space-scoped row (an MCP bearer, a preview probe secret)
 * under its `sealContext`. Opening has one failure answer for every such column: a value no configured key
 * opens is `SecretUnavailable` (set it again), never a crash and never the value or the crypto error.
 */
import { type Keyring, openText, seal } from '@alokai/crypto'
import { SecretUnavailable } from '../domain/errors'
import { type SealPurpose, sealContext } from './contexts'

/** The row a secret belongs to: its context binds the sealed value to these ids. */
export interface SecretRow {
  purpose: SealPurpose
  spaceId: string
  id: string
}

/**
 * Seals `secret` to its row.
 * @example const sealed = await sealRowSecret(await scope.keyring(), { purpose: 'mcp.bearer', spaceId, id }, secret)
 */
export async function sealRowSecret(keyring: Keyring, row: SecretRow, secret: string): Promise<string> {
  return seal(keyring, secret, sealContext(row.purpose, row.spaceId, row.id))
}

/**
 * Opens a row's sealed secret for one outbound call; throws `SecretUnavailable` when no configured key
 * opens it.
 * @example const bearer = await openRowSecret(await scope.keyring(), { purpose: 'mcp.bearer', spaceId, id }, sealed)
 */
export async function openRowSecret(keyring: Keyring, row: SecretRow, sealed: string): Promise<string> {
  try {
    return await openText(keyring, sealed, sealContext(row.purpose, row.spaceId, row.id))
  } catch {
    throw new SecretUnavailable()
  }
}
