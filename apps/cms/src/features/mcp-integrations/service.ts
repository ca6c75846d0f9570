/**
 * MCP integration operations shared by the JSON routes (`api.ts`) and the dashboard (`page.tsx`), on top of
 * the space endpoint (`space-endpoints/endpoint.ts`: URL policy, the secret's fate on an origin change,
 * sealing, audit). What is MCP's own: the name, the connection test (`initialize` then `tools/list`,
 * result stored on the row) and forwarding one JSON-RPC request. Callers have already passed
 * `authorize(...)`; the bearer is write-only and never leaves these functions.
 */

import * as z from 'zod'
import type { UserCaller } from '../../domain/caller'
import { safeName } from '../../domain/names'
import type { Scope } from '../../domain/scope'
import { callEndpoint, createEndpoint, deleteEndpoint, updateEndpoint } from '../space-endpoints/endpoint'
import { endpointSecretFields, endpointUrlField } from '../space-endpoints/endpoint-url'
import type { JsonRpcRequest, JsonRpcResponse } from './json-rpc'
import { forwardMcpRpc, testMcpConnection } from './mcp-operations'
import type { McpOutcome } from './mcp-session'
import { type McpIntegrationView, mcpKind, mcpView } from './model'
import {
  countMcpIntegrations as countRows,
  insertMcpIntegration,
  listMcpIntegrations as listRows,
  type McpIntegrationRow,
  recordMcpTest,
  updateMcpIntegration,
} from './store'

export type { McpIntegrationRow } from './store'

/**
 * The MCP integrations of a space.
 * @example const rows = await listMcpIntegrations(scope, spaceId)
 */
export async function listMcpIntegrations(scope: Scope, spaceId: string): Promise<McpIntegrationRow[]> {
  return listRows(scope.db, spaceId)
}

/**
 * How many MCP integrations a space has.
 * @example const n = await countMcpIntegrations(scope, spaceId)
 */
export async function countMcpIntegrations(scope: Scope, spaceId: string): Promise<number> {
  return countRows(scope.db, spaceId)
}

// Visible ASCII only (it goes into an Authorization header); 16+ so the 4-character hint reveals little.
const secret = endpointSecretFields(
  z.string().regex(/^[\x21-\x7e]{16,4096}$/, 'Must be 16-4096 visible ASCII characters'),
)
const name = safeName(
  z.string().trim().min(1, 'Give the integration a name').max(100, 'At most 100 characters'),
)
const url = endpointUrlField('Enter the server URL')

/** The body of a creation: the secret is optional (`''` means none). */
export const createMcpBody: z.ZodType<{ name: string; url: string; secret?: string | undefined }> =
  z.strictObject({ name, url, secret: secret.onCreate })

/** The body of a change: absent fields stay; `secret` absent or `''` keeps, `null` removes, text replaces. */
export const updateMcpBody: z.ZodType<{
  name?: string | undefined
  url?: string | undefined
  secret?: string | null | undefined
}> = z.strictObject({ name: name.optional(), url: url.optional(), secret: secret.onUpdate })

/** The result of a connection test as stored and shown. */
export type McpTestResult =
  | { result: 'ok'; testedAt: number; toolCount: number; serverName: string | null }
  | { result: 'failed'; reason: string; testedAt: number }

/**
 * Creates an integration (the URL checked by the outbound policy, 422 otherwise) and audits it.
 * @example const view = await createMcpIntegration(scope, caller, spaceId, body)
 */
export async function createMcpIntegration(
  scope: Scope,
  caller: UserCaller,
  spaceId: string,
  body: z.output<typeof createMcpBody>,
): Promise<McpIntegrationView> {
  const input = { caller, spaceId, url: body.url, secret: body.secret }
  const row = await createEndpoint(scope, mcpKind, input, ({ secret, ...write }) =>
    insertMcpIntegration(scope.db, {
      ...write,
      name: body.name,
      bearerSealed: secret?.sealed ?? null,
      bearerLast4: secret?.last4 ?? null,
    }),
  )
  return mcpView(row)
}

/**
 * Changes an integration; `secretDiscarded` says the origin changed and the stored bearer was dropped.
 * @example const { secretDiscarded } = await updateMcpIntegrationRow(scope, row, { url })
 */
export async function updateMcpIntegrationRow(
  scope: Scope,
  row: McpIntegrationRow,
  body: z.output<typeof updateMcpBody>,
): Promise<McpIntegrationView & { secretDiscarded: boolean }> {
  const updated = await updateEndpoint(scope, mcpKind, row, body, ({ secret, ...write }) =>
    updateMcpIntegration(scope.db, {
      ...write,
      name: body.name ?? row.name,
      bearerSealed: secret?.sealed ?? null,
      bearerLast4: secret?.last4 ?? null,
    }),
  )
  return { ...mcpView(updated.row), secretDiscarded: updated.secretDiscarded }
}

/**
 * Deletes an integration and audits it.
 * @example await deleteMcpIntegrationRow(scope, row)
 */
export async function deleteMcpIntegrationRow(scope: Scope, row: McpIntegrationRow): Promise<void> {
  await deleteEndpoint(scope, mcpKind, row)
}

/**
 * Tests the connection, stores the result on the row and audits it (reasons from the fixed list only).
 * @example const result = await testMcpIntegration(scope, row)
 */
export async function testMcpIntegration(scope: Scope, row: McpIntegrationRow): Promise<McpTestResult> {
  return callEndpoint(scope, mcpKind, row, 'test', async (target) => {
    const outcome = await testMcpConnection(scope.outbound, { url: target.url, bearer: target.secret })
    const at = scope.now()
    const reason = outcome.ok ? null : outcome.reason
    const result = outcome.ok ? 'ok' : 'failed'
    await recordMcpTest(scope.db, { id: row.id, spaceId: row.space_id, result, reason, at })
    const shown: McpTestResult = outcome.ok
      ? {
          result: 'ok',
          testedAt: at,
          toolCount: outcome.value.toolCount,
          serverName: outcome.value.serverName ?? null,
        }
      : { result: 'failed', reason: outcome.reason, testedAt: at }
    return { result: shown, outcome: outcome.ok ? 'success' : 'failure', reason }
  })
}

/**
 * Forwards one JSON-RPC request to the integration with its bearer and audits the call; a failure comes
 * back with its fixed reason (the edge answers 502).
 * @example const outcome = await forwardMcpIntegrationRpc(scope, row, message)
 */
export async function forwardMcpIntegrationRpc(
  scope: Scope,
  row: McpIntegrationRow,
  message: JsonRpcRequest,
): Promise<McpOutcome<JsonRpcResponse>> {
  return callEndpoint(scope, mcpKind, row, 'rpc', async (target) => {
    const outcome = await forwardMcpRpc(scope.outbound, { url: target.url, bearer: target.secret }, message)
    return {
      result: outcome,
      outcome: outcome.ok ? 'success' : 'failure',
      reason: outcome.ok ? null : outcome.reason,
    }
  })
}
