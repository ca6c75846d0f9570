/**
 * `/api/spaces/:spaceId/mcp`: MCP integrations of a space. Space admins create, change and delete;
 * editors also list, test the connection and forward JSON-RPC (the policy table decides). The bearer is
 * write-only: answers show `••••` + its last 4 characters. Changing the URL's origin drops the stored
 * bearer unless the same request sends a new one. Every change, test, call and refusal is audited.
 */
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { type AppEnv, nowMs } from '../app-env'
import { recordAudit } from '../audit/record-audit'
import { authorize, requireCaller } from '../auth/identify'
import { isId, newId } from '../db/ids'
import {
  deleteMcpIntegration,
  findMcpIntegration,
  insertMcpIntegration,
  listMcpIntegrations,
  type McpIntegrationRow,
  recordMcpTest,
  updateMcpIntegration,
} from '../db/mcp-integrations'
import { findSpace } from '../db/spaces'
import { readBody } from '../http/body'
import { HttpProblem } from '../http/problem'
import { mcpView, openBearer, sealBearer } from '../mcp/integration-view'
import { jsonRpcRequestSchema } from '../mcp/json-rpc'
import { forwardMcpRpc, testMcpConnection } from '../mcp/mcp-operations'
import { outboundPolicy } from '../outbound/policy'
import { decideSecret, requireAllowedUrl } from '../outbound/stored-url'

const TARGET = 'mcp_integration'
// Visible ASCII only (it goes into an Authorization header); 16+ so the 4-character hint reveals little.
const secret = z.string().regex(/^[\x21-\x7e]{16,4096}$/, 'Must be 16-4096 visible ASCII characters')
const name = z.string().trim().min(1).max(100)
const url = z.string().min(1).max(2048)
const createBody = z.strictObject({ name, url, secret: z.union([z.literal(''), secret]).optional() })
const updateBody = z.strictObject({
  name: name.optional(),
  url: url.optional(),
  secret: z.union([z.literal(''), secret, z.null()]).optional(),
})

function spaceIdOf(value: string | undefined): string {
  if (value === undefined || !isId('spc', value)) throw new HttpProblem(404, 'not_found', 'No such space')
  return value
}

async function loadRow(c: Context<AppEnv>): Promise<McpIntegrationRow> {
  const spaceId = spaceIdOf(c.req.param('spaceId'))
  const id = c.req.param('integrationId')
  const row = id !== undefined && isId('mcp', id) ? await findMcpIntegration(c.env.DB, spaceId, id) : null
  if (!row) throw new HttpProblem(404, 'not_found', 'No such MCP integration')
  return row
}

/** The MCP integration routes, mounted at `/api/spaces/:spaceId/mcp`. */
export const mcpRoutes: Hono<AppEnv> = new Hono<AppEnv>()

mcpRoutes.get('/', authorize('mcp.list'), async (c) => {
  const rows = await listMcpIntegrations(c.env.DB, spaceIdOf(c.req.param('spaceId')))
  return c.json({ integrations: rows.map(mcpView) })
})

mcpRoutes.post('/', authorize('mcp.create'), async (c) => {
  const caller = await requireCaller(c)
  const spaceId = spaceIdOf(c.req.param('spaceId'))
  const body = await readBody(c, createBody)
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
  return c.json(mcpView((await findMcpIntegration(c.env.DB, spaceId, id)) ?? throwGone()), 201)
})

mcpRoutes.get('/:integrationId', authorize('mcp.list'), async (c) => c.json(mcpView(await loadRow(c))))

mcpRoutes.patch('/:integrationId', authorize('mcp.update'), async (c) => {
  const row = await loadRow(c)
  const body = await readBody(c, updateBody)
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
  const updated = (await findMcpIntegration(c.env.DB, row.space_id, row.id)) ?? throwGone()
  return c.json({ ...mcpView(updated), secretDiscarded: decision.kind === 'discard' })
})

mcpRoutes.delete('/:integrationId', authorize('mcp.delete'), async (c) => {
  const row = await loadRow(c)
  await deleteMcpIntegration(c.env.DB, row.space_id, row.id)
  await recordAudit(c, {
    action: 'mcp.delete',
    outcome: 'success',
    spaceId: row.space_id,
    targetType: TARGET,
    targetId: row.id,
  })
  return c.body(null, 204)
})

mcpRoutes.post('/:integrationId/test', authorize('mcp.test'), async (c) => {
  const row = await loadRow(c)
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
  return c.json(
    outcome.ok
      ? {
          result: 'ok',
          testedAt: at,
          toolCount: outcome.value.toolCount,
          serverName: outcome.value.serverName ?? null,
        }
      : { result: 'failed', reason, testedAt: at },
  )
})

mcpRoutes.post('/:integrationId/rpc', authorize('mcp.rpc'), async (c) => {
  const row = await loadRow(c)
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    throw new HttpProblem(415, 'unsupported_media_type', 'Send a JSON-RPC request as application/json')
  }
  const message = await readBody(c, jsonRpcRequestSchema)
  const outcome = await forwardMcpRpc(
    outboundPolicy(c),
    { url: row.url, bearer: await openBearer(c, row) },
    message,
  )
  const event = { spaceId: row.space_id, targetType: TARGET, targetId: row.id }
  if (!outcome.ok) {
    await recordAudit(c, { action: 'mcp.rpc', outcome: 'failure', reason: outcome.reason, ...event })
    throw new HttpProblem(502, 'upstream_failed', 'The MCP server call failed', { reason: outcome.reason })
  }
  await recordAudit(c, { action: 'mcp.rpc', outcome: 'success', ...event })
  return c.json(outcome.value)
})

function throwGone(): never {
  // Deleted between our write and read by a concurrent request.
  throw new HttpProblem(404, 'not_found', 'No such MCP integration')
}
