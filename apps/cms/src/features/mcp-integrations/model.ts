/**
 * An MCP integration as a space endpoint (`space-endpoints/`): its table, its bearer sealed to
 * `sealContext('mcp.bearer', spaceId, id)`, and its public shape, where the bearer shows only as `••••`
 * plus its last 4 characters.
 */
import { type EndpointKind, endpointView } from '../space-endpoints/endpoint-kind'
import { deleteMcpIntegration, findMcpIntegration, type McpIntegrationRow } from './store'

/** The `mcp_integrations` table as a space endpoint: audited as `mcp.*`, target `mcp_integration`. */
export const mcpKind: EndpointKind<McpIntegrationRow> = {
  auditPrefix: 'mcp',
  targetType: 'mcp_integration',
  purpose: 'mcp.bearer',
  idPrefix: 'mcp',
  notFound: 'No such MCP integration',
  // A server's path is its endpoint: `/mcp` and `/mcp/` may be different routes, so it is kept as typed.
  urlForm: 'exact',
  endpoint: (row) => ({
    id: row.id,
    spaceId: row.space_id,
    url: row.url,
    secret: row.bearer_sealed === null ? null : { sealed: row.bearer_sealed, last4: row.bearer_last4 },
  }),
  find: findMcpIntegration,
  remove: deleteMcpIntegration,
}

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
  const { id, spaceId, url, hasSecret } = endpointView(mcpKind.endpoint(row))
  return {
    id,
    spaceId,
    name: row.name,
    url,
    hasSecret,
    secretHint: row.bearer_last4 === null ? null : `••••${row.bearer_last4}`,
    lastTest:
      row.last_test_result === null || row.last_tested_at === null
        ? null
        : { result: row.last_test_result, reason: row.last_test_reason, at: row.last_tested_at },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}
