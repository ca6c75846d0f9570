/**
 * `/spaces/:spaceId/settings/mcp`: the MCP Integrations page, the shared space endpoint pages
 * (`space-endpoints/page-endpoints.tsx`) filled in with this feature's service, its `mcp.*` actions and
 * its words. "Test connection" runs the service's connection test.
 */
import type { Hono } from 'hono'
import type { CmsHono } from '../../http/hono-types'
import { createEndpointPages } from '../space-endpoints/page-endpoints'
import { mcpKind, mcpView } from './model'
import {
  createMcpBody,
  createMcpIntegration,
  deleteMcpIntegrationRow,
  listMcpIntegrations,
  testMcpIntegration,
  updateMcpBody,
  updateMcpIntegrationRow,
} from './service'
import { mcpLabels } from './view'

/** The MCP pages, mounted at `/spaces/:spaceId/settings/mcp`. */
export const mcpIntegrationsPages: Hono<CmsHono> = createEndpointPages({
  kind: mcpKind,
  param: 'integrationId',
  actions: {
    list: 'mcp.list',
    create: 'mcp.create',
    update: 'mcp.update',
    delete: 'mcp.delete',
    call: 'mcp.test',
  },
  service: {
    list: listMcpIntegrations,
    view: mcpView,
    createBody: createMcpBody,
    create: createMcpIntegration,
    updateBody: updateMcpBody,
    update: updateMcpIntegrationRow,
    remove: deleteMcpIntegrationRow,
    call: testMcpIntegration,
  },
  labels: mcpLabels,
  notices: {
    added: (view) => `Added “${view.name}”.`,
    saved: (view) =>
      view.secretDiscarded
        ? `Saved “${view.name}”. The URL moved to another origin, so the stored secret was discarded: enter it again if the server needs one.`
        : `Saved “${view.name}”.`,
    deleted: (row) => `Deleted “${row.name}”.`,
  },
})
