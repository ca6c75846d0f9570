/**
 * The public shape of an MCP integration and the handling of its bearer: sealed to
 * `sealContext('mcp.bearer', spaceId, id)`, shown only as `••••` plus its last 4 characters, opened only
 * for the one outbound call that needs it.
 */

import { openRowSecret, sealRowSecret } from '../../crypto/row-secret'
import type { Scope } from '../../domain/scope'
import type { McpIntegrationRow } from './store'

/** An integration as the API shows it: never the secret. */
export interface McpIntegrationView {
  id: string
  spaceId: string
  name: string
  url: string
  hasSecret: boolean
  /** `••••` + the last 4 characters, or null without a secret. */
  secretHint: string | null
  lastTest: { result: 'ok' | 'failed'; reason: string | null; at: number } | null
  createdAt: number
  updatedAt: number
}

/**
 * Renders a row for the API.
 * @example return c.json(mcpView(row))
 */
export function mcpView(row: McpIntegrationRow): McpIntegrationView {
  return {
    id: row.id,
    spaceId: row.space_id,
    name: row.name,
    url: row.url,
    hasSecret: row.bearer_sealed !== null,
    secretHint: row.bearer_last4 === null ? null : `••••${row.bearer_last4}`,
    lastTest:
      row.last_test_result === null || row.last_tested_at === null
        ? null
        : { result: row.last_test_result, reason: row.last_test_reason, at: row.last_tested_at },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/**
 * Seals a bearer to its row and returns it with its hint.
 * @example const { sealed, last4 } = await sealBearer(scope, spaceId, id, secret)
 */
export async function sealBearer(
  scope: Scope,
  spaceId: string,
  id: string,
  secret: string,
): Promise<{ sealed: string; last4: string }> {
  return {
    sealed: await sealRowSecret(await scope.keyring(), { purpose: 'mcp.bearer', spaceId, id }, secret),
    last4: secret.slice(-4),
  }
}

/**
 * Opens a row's bearer for one call; a value no configured key opens is a 409 problem (set it again),
 * never a crash.
 * @example const bearer = await openBearer(scope, row)
 */
export async function openBearer(scope: Scope, row: McpIntegrationRow): Promise<string | undefined> {
  if (row.bearer_sealed === null) return undefined
  const owner = { purpose: 'mcp.bearer', spaceId: row.space_id, id: row.id } as const
  return openRowSecret(await scope.keyring(), owner, row.bearer_sealed)
}
