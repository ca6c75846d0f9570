/**
 * Sealing and opening the secret column of a space-scoped row (an MCP bearer, a preview probe secret)
 * under its `sealContext`. Opening has one failure answer for every such column: a value no configured key
 * opens is a 409 problem (set it again), never a crash and never the value or the crypto error.
 */
import { openText, seal } from '@alokai/crypto'
import type { CmsConfig } from '../config/load-config'
import { HttpProblem } from '../http/problem'
import { type SealPurpose, sealContext } from './contexts'
import { getKeyring } from './keyring'

/** The row a secret belongs to: its context binds the sealed value to these ids. */
export interface SecretRow {
  purpose: SealPurpose
  spaceId: string
  id: string
}

/**
 * Seals `secret` to its row.
 * @example const sealed = await sealRowSecret(c.var.config, { purpose: 'mcp.bearer', spaceId, id }, secret)
 */
export async function sealRowSecret(config: CmsConfig, row: SecretRow, secret: string): Promise<string> {
  return seal(await getKeyring(config), secret, sealContext(row.purpose, row.spaceId, row.id))
}

/**
 * Opens a row's sealed secret for one outbound call; a value no configured key opens is a 409 problem
 * with reason `secret_unavailable`.
 * @example const bearer = await openRowSecret(c.var.config, { purpose: 'mcp.bearer', spaceId, id }, sealed)
 */
export async function openRowSecret(config: CmsConfig, row: SecretRow, sealed: string): Promise<string> {
  try {
    return await openText(await getKeyring(config), sealed, sealContext(row.purpose, row.spaceId, row.id))
  } catch {
    throw new HttpProblem(409, 'conflict', 'The stored secret cannot be opened; set it again', {
      reason: 'secret_unavailable',
    })
  }
}
