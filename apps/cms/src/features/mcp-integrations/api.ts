/**
 * `/api/spaces/:spaceId/mcp`: MCP integrations of a space. Space admins create, change and delete;
 * editors also list, test the connection and forward JSON-RPC (the policy table decides). The bearer is
 * write-only: answers show `••••` + its last 4 characters. Changing the URL's origin drops the stored
 * bearer unless the same request sends a new one. Every change, test, call and refusal is audited.
 */
import { type Context, Hono } from 'hono'
import { readBody, requestBody } from '../../http/body'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requireCaller } from '../../http/identify'
import { idParam, spaceIdParam } from '../../http/params'
import { HttpProblem } from '../../http/problem'
import { requireEndpoint } from '../space-endpoints/endpoint'
import { jsonRpcRequestSchema } from './json-rpc'
import { mcpKind, mcpView } from './model'
import {
  createMcpBody,
  createMcpIntegration,
  deleteMcpIntegrationRow,
  forwardMcpIntegrationRpc,
  listMcpIntegrations,
  type McpIntegrationRow,
  testMcpIntegration,
  updateMcpBody,
  updateMcpIntegrationRow,
} from './service'

async function loadRow(c: Context<CmsHono>): Promise<McpIntegrationRow> {
  const id = idParam(c, 'integrationId', 'mcp', mcpKind.notFound)
  return requireEndpoint(c.var.scope, mcpKind, spaceIdParam(c), id)
}

/** The MCP integration routes, mounted at `/api/spaces/:spaceId/mcp`. */
export const mcpIntegrationsApi: Hono<CmsHono> = new Hono<CmsHono>()

mcpIntegrationsApi.get('/', authorize('mcp.list'), async (c) => {
  const rows = await listMcpIntegrations(c.var.scope, spaceIdParam(c))
  return c.json({ integrations: rows.map(mcpView) })
})

mcpIntegrationsApi.post('/', requestBody(createMcpBody))
mcpIntegrationsApi.post('/', authorize('mcp.create'), async (c) => {
  const caller = await requireCaller(c)
  const spaceId = spaceIdParam(c)
  const body = await readBody(c, createMcpBody)
  return c.json(await createMcpIntegration(c.var.scope, caller, spaceId, body), 201)
})

mcpIntegrationsApi.get('/:integrationId', authorize('mcp.list'), async (c) =>
  c.json(mcpView(await loadRow(c))),
)

mcpIntegrationsApi.patch('/:integrationId', requestBody(updateMcpBody))
mcpIntegrationsApi.patch('/:integrationId', authorize('mcp.update'), async (c) => {
  const row = await loadRow(c)
  const body = await readBody(c, updateMcpBody)
  return c.json(await updateMcpIntegrationRow(c.var.scope, row, body))
})

mcpIntegrationsApi.delete('/:integrationId', authorize('mcp.delete'), async (c) => {
  await deleteMcpIntegrationRow(c.var.scope, await loadRow(c))
  return c.body(null, 204)
})

mcpIntegrationsApi.post('/:integrationId/test', authorize('mcp.test'), async (c) =>
  c.json(await testMcpIntegration(c.var.scope, await loadRow(c))),
)

mcpIntegrationsApi.post('/:integrationId/rpc', requestBody(jsonRpcRequestSchema))
mcpIntegrationsApi.post('/:integrationId/rpc', authorize('mcp.rpc'), async (c) => {
  const row = await loadRow(c)
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    throw new HttpProblem(415, 'unsupported_media_type', 'Send a JSON-RPC request as application/json')
  }
  const message = await readBody(c, jsonRpcRequestSchema)
  const outcome = await forwardMcpIntegrationRpc(c.var.scope, row, message)
  if (!outcome.ok) {
    throw new HttpProblem(502, 'upstream_failed', 'The MCP server call failed', { reason: outcome.reason })
  }
  return c.json(outcome.value)
})
