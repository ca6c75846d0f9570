/**
 * MCP integration operations shared by the JSON routes (`routes/mcp.ts`) and the dashboard: create, change
 * (a new URL origin discards the stored bearer unless the same request sends a new one; the discard is
 * audited), delete and test-connection (`initialize` then `tools/list`, result stored on the row). Callers
 * have already passed `authorize(...)`; the bearer is write-only and never leaves these functions.
 */

import { z } from 'zod'
import { newId } from '../../db/ids'
import type { UserCaller } from '../../domain/caller'
import { NotFound } from '../../domain/errors'
import type { Scope } from '../../domain/scope'
import { decideSecret, requireAllowedUrl } from '../../outbound/stored-url'
import { findSpace } from '../spaces/store'
import { testMcpConnection } from './mcp-operations'
import { type McpIntegrationView, mcpView, openBearer, sealBearer } from './model'
import {
  deleteMcpIntegration,
  findMcpIntegration,
  insertMcpIntegration,
  type McpIntegrationRow,
  recordMcpTest,
  updateMcpIntegration,
} from './store'

const TARGET = 'mcp_integration'
// Visible ASCII only (it goes into an Authorization header); 16+ so the 4-character hint reveals little.
const secret = z.string().regex(/^[\x21-\x7e]{16,4096}$/, 'Must be 16-4096 visible ASCII characters')
const name = z.string().trim().min(1, 'Give the integration a name').max(100, 'At most 100 characters')
const url = z.string().min(1, 'Enter the server URL').max(2048, 'At most 2048 characters')

/** The body of a creation: the secret is optional (`''` means none). */
export const createMcpBody: z.ZodType<{ name: string; url: string; secret?: string | undefined }> =
  z.strictObject({ name, url, secret: z.union([z.literal(''), secret]).optional() })

/** The body of a change: absent fields stay; `secret` absent or `''` keeps, `null` removes, text replaces. */
export const updateMcpBody: z.ZodType<{
  name?: string | undefined
  url?: string | undefined
  secret?: string | null | undefined
}> = z.strictObject({
  name: name.optional(),
  url: url.optional(),
  secret: z.union([z.literal(''), secret, z.null()]).optional(),
})

/** The result of a connection test as stored and shown. */
export type McpTestResult =
  | { result: 'ok'; testedAt: number; toolCount: number; serverName: string | null }
  | { result: 'failed'; reason: string; testedAt: number }

function gone(): never {
  // Deleted between our write and read by a concurrent request.
  throw new NotFound('No such MCP integration')
}

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
  if (!(await findSpace(scope.db, spaceId))) throw new NotFound('No such space')
  const target = requireAllowedUrl(scope.config, body.url)
  const id = newId('mcp')
  const sealed = body.secret ? await sealBearer(scope, spaceId, id, body.secret) : undefined
  await insertMcpIntegration(scope.db, {
    id,
    spaceId,
    name: body.name,
    url: target,
    bearerSealed: sealed?.sealed ?? null,
    bearerLast4: sealed?.last4 ?? null,
    createdBy: caller.userId,
    now: scope.now(),
  })
  await scope.audit.record({
    action: 'mcp.create',
    outcome: 'success',
    spaceId,
    targetType: TARGET,
    targetId: id,
  })
  return mcpView((await findMcpIntegration(scope.db, spaceId, id)) ?? gone())
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
  const target = body.url === undefined ? row.url : requireAllowedUrl(scope.config, body.url)
  const decision = decideSecret({
    oldUrl: row.url,
    newUrl: target,
    secret: body.secret,
    hasSecret: row.bearer_sealed !== null,
  })
  let bearer = { sealed: row.bearer_sealed, last4: row.bearer_last4 }
  if (decision.kind === 'replace') bearer = await sealBearer(scope, row.space_id, row.id, decision.secret)
  if (decision.kind === 'remove' || decision.kind === 'discard') bearer = { sealed: null, last4: null }
  await updateMcpIntegration(scope.db, {
    id: row.id,
    spaceId: row.space_id,
    name: body.name ?? row.name,
    url: target,
    bearerSealed: bearer.sealed,
    bearerLast4: bearer.last4,
    urlChanged: target !== row.url,
    now: scope.now(),
  })
  const event = { spaceId: row.space_id, targetType: TARGET, targetId: row.id }
  await scope.audit.record({ action: 'mcp.update', outcome: 'success', ...event })
  if (decision.kind === 'discard') {
    await scope.audit.record({
      action: 'mcp.secret_discarded',
      outcome: 'success',
      reason: 'origin_changed',
      ...event,
    })
  }
  const updated = (await findMcpIntegration(scope.db, row.space_id, row.id)) ?? gone()
  return { ...mcpView(updated), secretDiscarded: decision.kind === 'discard' }
}

/**
 * Deletes an integration and audits it.
 * @example await deleteMcpIntegrationRow(scope, row)
 */
export async function deleteMcpIntegrationRow(scope: Scope, row: McpIntegrationRow): Promise<void> {
  await deleteMcpIntegration(scope.db, row.space_id, row.id)
  await scope.audit.record({
    action: 'mcp.delete',
    outcome: 'success',
    spaceId: row.space_id,
    targetType: TARGET,
    targetId: row.id,
  })
}

/**
 * Tests the connection, stores the result on the row and audits it (reasons from the fixed list only).
 * @example const result = await testMcpIntegration(scope, row)
 */
export async function testMcpIntegration(scope: Scope, row: McpIntegrationRow): Promise<McpTestResult> {
  const outcome = await testMcpConnection(scope.outbound, {
    url: row.url,
    bearer: await openBearer(scope, row),
  })
  const at = scope.now()
  const reason = outcome.ok ? null : outcome.reason
  await recordMcpTest(scope.db, {
    id: row.id,
    spaceId: row.space_id,
    result: outcome.ok ? 'ok' : 'failed',
    reason,
    at,
  })
  await scope.audit.record({
    action: 'mcp.test',
    outcome: outcome.ok ? 'success' : 'failure',
    ...(reason ? { reason } : {}),
    spaceId: row.space_id,
    targetType: TARGET,
    targetId: row.id,
  })
  return outcome.ok
    ? {
        result: 'ok',
        testedAt: at,
        toolCount: outcome.value.toolCount,
        serverName: outcome.value.serverName ?? null,
      }
    : { result: 'failed', reason: outcome.reason, testedAt: at }
}
