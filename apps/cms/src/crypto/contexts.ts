/**
 * The encryption context of every sealed column, in one place. A context binds a sealed value to the
 * immutable ids of the row that holds it (space id, row id) and to its purpose, so a value copied into
 * another row, space or column fails to open. `docs/storage-schema.md` lists the same contexts.
 */
import type { SealContext } from '@alokai/crypto'

/**
 * The purposes of sealed values; each names one column. `dashboard.flash` is the one value not bound to a
 * space: its owner (the session) takes the space's place in the context.
 */
export type SealPurpose = 'api-token' | 'mcp.bearer' | 'preview.probe' | 'dashboard.flash'

/**
 * The context for a sealed value of `purpose` in row `rowId` of space `spaceId`.
 * @example const context = sealContext('api-token', space.id, token.id)
 */
export function sealContext(purpose: SealPurpose, spaceId: string, rowId: string): SealContext {
  return { purpose, space: spaceId, id: rowId }
}
