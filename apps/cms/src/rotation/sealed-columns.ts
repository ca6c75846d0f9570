/**
 * The registry of EVERY sealed column in the CMS schema: table, id column, sealed column, and how the
 * value's context is built from the row (through `sealContext`, the one place contexts are defined). Key
 * status, rewrap and reseal all iterate this one list, and a test compares it with the live schema so a
 * new sealed column cannot be forgotten by rotation. Table and column names here are constants that the
 * data layer interpolates into SQL; nothing user-supplied ever takes their place.
 */
import type { SealContext } from '@alokai/crypto'
import { type SealPurpose, sealContext } from '../crypto/contexts'

/** What the data layer reads of a row to rebuild the context of its sealed value. */
export interface SealedRowKeys {
  id: string
  space_id: string
}

/** One sealed column. */
export interface SealedColumn {
  /** The table (a constant, interpolated into SQL). */
  readonly table: string
  /** The primary-key column (immutable; part of the context). */
  readonly idColumn: 'id'
  /** The column holding `v1.<kid>.<…>` text, or NULL. */
  readonly column: string
  /** The purpose in the value's context. */
  readonly purpose: SealPurpose
  /** The value's context, from the row's immutable ids. */
  context(row: SealedRowKeys): SealContext
}

function column(table: string, name: string, purpose: SealPurpose): SealedColumn {
  return {
    table,
    idColumn: 'id',
    column: name,
    purpose,
    context: (row) => sealContext(purpose, row.space_id, row.id),
  }
}

/**
 * Every sealed column, in the order rotation passes walk them. Append new columns at the END: a rotation
 * run's cursor is an index into this list.
 * @example for (const col of SEALED_COLUMNS) console.log(`${col.table}.${col.column}`)
 */
export const SEALED_COLUMNS: readonly SealedColumn[] = [
  column('api_tokens', 'token_sealed', 'api-token'),
  column('mcp_integrations', 'bearer_sealed', 'mcp.bearer'),
  column('preview_urls', 'probe_secret_sealed', 'preview.probe'),
]

/**
 * Sealed columns that rotation leaves alone on purpose: their rows live two minutes, far less than the
 * ten minutes of zero counts the keys page waits for before the previous key may go, so no value outlives
 * the key it was sealed under. A flash that no key opens reads as no flash.
 * @example SHORT_LIVED_SEALED_COLUMNS.includes('dashboard_flashes.payload_sealed') // true
 */
export const SHORT_LIVED_SEALED_COLUMNS: readonly string[] = ['dashboard_flashes.payload_sealed']

/**
 * `table.column`, the name a column goes by in reports.
 * @example columnName(SEALED_COLUMNS[0]) // "api_tokens.token_sealed"
 */
export function columnName(col: SealedColumn): string {
  return `${col.table}.${col.column}`
}
