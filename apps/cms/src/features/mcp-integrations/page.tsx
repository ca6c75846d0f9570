/**
 * `/spaces/:spaceId/settings/mcp`: the MCP Integrations page. Add, change, delete and test call the same
 * service as `/api/spaces/:spaceId/mcp` behind the same `authorize` actions (delete after a confirmation
 * page); a refused URL (outbound policy) and validation problems show next to their field. Every POST
 * answers 303 to the page, its result carried by a single-use flash (`dashboard/flash.ts`), so a reload
 * repeats nothing.
 */
import type { Context, Hono } from 'hono'
import type { UserCaller } from '../../domain/caller'
import { can } from '../../domain/policy'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requireCaller } from '../../http/identify'
import { redirectWithFlash, takeFlash } from '../dashboard/flash'
import { dashboardGroup, routeSpace, viewerOf } from '../dashboard/page-kit'
import {
  loadEndpointRow,
  readUrlForm,
  saveEndpointForm,
  submittedFields,
  unlessSecretUnavailable,
} from '../space-endpoints/page-endpoint'
import { mcpKind, mcpView } from './model'
import {
  createMcpBody,
  createMcpIntegration,
  deleteMcpIntegrationRow,
  listMcpIntegrations,
  type McpIntegrationRow,
  testMcpIntegration,
  updateMcpBody,
  updateMcpIntegrationRow,
} from './service'
import { DeleteMcpPage, McpIntegrationsPage, type McpIntegrationsProps } from './view'

type Extra = Pick<McpIntegrationsProps, 'tested' | 'notice' | 'createForm' | 'editForm'>

const pagePath = (spaceId: string): string => `/spaces/${spaceId}/settings/mcp`

/** Answers 303 to the page, which shows `extra` once. */
const done = (c: Context<CmsHono>, spaceId: string, extra: Extra): Promise<Response> =>
  redirectWithFlash<Extra>(c, pagePath(spaceId), extra)

async function render(c: Context<CmsHono>, caller: UserCaller) {
  const space = await routeSpace(c)
  const extra = await takeFlash<Extra>(c, caller)
  const rows = await listMcpIntegrations(c.var.scope, space.id)
  return c.html(
    <McpIntegrationsPage
      viewer={await viewerOf(c, caller)}
      space={space}
      integrations={rows.map(mcpView)}
      canManage={can(caller.roles, 'mcp.create', space.id)}
      {...extra}
    />,
  )
}

const loadRow = (c: Context<CmsHono>): Promise<McpIntegrationRow> =>
  loadEndpointRow(c, mcpKind, 'integrationId')

/** What a refused form shows again: never the secret. */
const submitted = (c: Context<CmsHono>) => submittedFields(c, ['name', 'url'])

/** The MCP pages, mounted at `/spaces/:spaceId/settings/mcp`. */
export const mcpIntegrationsPages: Hono<CmsHono> = dashboardGroup()

mcpIntegrationsPages.get('/', authorize('mcp.list'), async (c) => render(c, await requireCaller(c)))

mcpIntegrationsPages.post('/', authorize('mcp.create'), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  const form = await readUrlForm(c, createMcpBody)
  const saved = await saveEndpointForm(form, (data) =>
    createMcpIntegration(c.var.scope, caller, space.id, data),
  )
  if (!saved.ok) return done(c, space.id, { createForm: { ...(await submitted(c)), errors: saved.errors } })
  return done(c, space.id, { notice: { tone: 'ok', text: `Added “${saved.data.name}”.` } })
})

mcpIntegrationsPages.post('/:integrationId', authorize('mcp.update'), async (c) => {
  const row = await loadRow(c)
  const form = await readUrlForm(c, updateMcpBody)
  const saved = await saveEndpointForm(form, (data) => updateMcpIntegrationRow(c.var.scope, row, data))
  if (!saved.ok) {
    return done(c, row.space_id, {
      editForm: { id: row.id, ...(await submitted(c)), errors: saved.errors },
    })
  }
  const view = saved.data
  const text = view.secretDiscarded
    ? `Saved “${view.name}”. The URL moved to another origin, so the stored secret was discarded: enter it again if the server needs one.`
    : `Saved “${view.name}”.`
  return done(c, row.space_id, { notice: { tone: view.secretDiscarded ? 'warn' : 'ok', text } })
})

mcpIntegrationsPages.get('/:integrationId/delete', authorize('mcp.delete'), async (c) => {
  const caller = await requireCaller(c)
  const row = await loadRow(c)
  const page = (
    <DeleteMcpPage
      viewer={await viewerOf(c, caller)}
      space={await routeSpace(c)}
      integration={mcpView(row)}
    />
  )
  return c.html(page)
})

mcpIntegrationsPages.post('/:integrationId/delete', authorize('mcp.delete'), async (c) => {
  const row = await loadRow(c)
  await deleteMcpIntegrationRow(c.var.scope, row)
  return done(c, row.space_id, { notice: { tone: 'ok', text: `Deleted “${row.name}”.` } })
})

mcpIntegrationsPages.post('/:integrationId/test', authorize('mcp.test'), async (c) => {
  const row = await loadRow(c)
  const result = await unlessSecretUnavailable(() => testMcpIntegration(c.var.scope, row))
  if (result) return done(c, row.space_id, { tested: { id: row.id, result } })
  const text = `The stored secret of “${row.name}” cannot be opened with the configured keys: enter it again.`
  return done(c, row.space_id, { notice: { tone: 'warn', text } })
})
