/**
 * MCP integration operations shared by the JSON routes (`routes/mcp.ts`) and the dashboard: create, change
 * (a new URL origin discards the stored bearer unless the same request sends a new one; the discard is
 * audited), delete and test-connection (`initialize` then `tools/list`, result stored on the row). Callers
 * have already passed `authorize(...)`; the bearer is write-only and never leaves these functions.
 */
import type { Context } from 'hono'
import { z } from 'zod'
import { newId } from '../../db/ids'
import { type AppEnv, nowMs, type UserCaller } from '../../http/app-env'
import { HttpProblem } from '../../http/problem'
import { outboundPolicy } from '../../outbound/policy'
import { decideSecret, requireAllowedUrl } from '../../outbound/stored-url'
import { recordAudit } from '../audit-log/record'
import { findSpace } from '../spaces/store'
import { testMcpConnection } from './mcp-operations'
import {
  deleteMcpIntegration,
  findMcpIntegration,
  insertMcpIntegration,
  type McpIntegrationRow,
  recordMcpTest,
  updateMcpIntegration,
} from './store'
import { type McpIntegrationView, mcpView, openBearer, sealBearer } from './view-model'

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
  throw new HttpProblem(404, 'not_found', 'No such MCP integration')
}

/**
 * Creates an integration (the URL checked by the outbound policy, 422 otherwise) and audits it.
 * @example const view = await createMcpIntegration(c, caller, spaceId, body)
 */
export async function createMcpIntegration(
  c: Context<AppEnv>,
  caller: UserCaller,
  spaceId: string,
  body: z.output<typeof createMcpBody>,
): Promise<McpIntegrationView> {
  if (!(await findSpace(c.env.DB, spaceId))) throw new HttpProblem(404, 'not_found', 'No such space')
  const target = requireAllowedUrl(c, body.url)
  const id = newId('mcp')
  const sealed = body.secret ? await sealBearer(c, spaceId, id, body.secret) : undefined
  await insertMcpIntegration(c.env.DB, {
    id,
    spaceId,
    name: body.name,
    url: target,
    bearerSealed: sealed?.sealed ?? null,
    bearerLast4: sealed?.last4 ?? null,
    createdBy: caller.userId,
    now: nowMs(c),
  })
  await recordAudit(c, {
    action: 'mcp.create',
    outcome: 'success',
    spaceId,
    targetType: TARGET,
    targetId: id,
  })
  return mcpView((await findMcpIntegration(c.env.DB, spaceId, id)) ?? gone())
}

/**
 * Changes an integration; `secretDiscarded` says the origin changed and the stored bearer was dropped.
 * @example const { secretDiscarded } = await updateMcpIntegrationRow(c, row, { url })
 */
export async function updateMcpIntegrationRow(
  c: Context<AppEnv>,
  row: McpIntegrationRow,
  body: z.output<typeof updateMcpBody>,
): Promise<McpIntegrationView & { secretDiscarded: boolean }> {
  const target = body.url === undefined ? row.url : requireAllowedUrl(c, body.url)
  const decision = decideSecret({
    oldUrl: row.url,
    newUrl: target,
    secret: body.secret,
    hasSecret: row.bearer_sealed !== null,
  })
  let bearer = { sealed: row.bearer_sealed, last4: row.bearer_last4 }
  if (decision.kind === 'replace') bearer = await sealBearer(c, row.space_id, row.id, decision.secret)
  if (decision.kind === 'remove' || decision.kind === 'discard') bearer = { sealed: null, last4: null }
  await updateMcpIntegration(c.env.DB, {
    id: row.id,
    spaceId: row.space_id,
    name: body.name ?? row.name,
    url: target,
    bearerSealed: bearer.sealed,
    bearerLast4: bearer.last4,
    urlChanged: target !== row.url,
    now: nowMs(c),
  })
  const event = { spaceId: row.space_id, targetType: TARGET, targetId: row.id }
  await recordAudit(c, { action: 'mcp.update', outcome: 'success', ...event })
  if (decision.kind === 'discard') {
    await recordAudit(c, {
      action: 'mcp.secret_discarded',
      outcome: 'success',
      reason: 'origin_changed',
      ...event,
    })
  }
  const updated = (await findMcpIntegration(c.env.DB, row.space_id, row.id)) ?? gone()
  return { ...mcpView(updated), secretDiscarded: decision.kind === 'discard' }
}

/**
 * Deletes an integration and audits it.
 * @example await deleteMcpIntegrationRow(c, row)
 */
export async function deleteMcpIntegrationRow(c: Context<AppEnv>, row: McpIntegrationRow): Promise<void> {
  await deleteMcpIntegration(c.env.DB, row.space_id, row.id)
  await recordAudit(c, {
    action: 'mcp.delete',
    outcome: 'success',
    spaceId: row.space_id,
    targetType: TARGET,
    targetId: row.id,
  })
}

/**
 * Tests the connection, stores the result on the row and audits it (reasons from the fixed list only).
 * @example const result = await testMcpIntegration(c, row)
 */
export async function testMcpIntegration(c: Context<AppEnv>, row: McpIntegrationRow): Promise<McpTestResult> {
  const outcome = await testMcpConnection(outboundPolicy(c), {
    url: row.url,
    bearer: await openBearer(c, row),
  })
  const at = nowMs(c)
  const reason = outcome.ok ? null : outcome.reason
  await recordMcpTest(c.env.DB, {
    id: row.id,
    spaceId: row.space_id,
    result: outcome.ok ? 'ok' : 'failed',
    reason,
    at,
  })
  await recordAudit(c, {
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
