/**
 * What a feature built on a space endpoint (MCP integrations, preview URLs) tells the shared operations in
 * `endpoint.ts`: its audit words, its seal purpose, its id prefix, and how to read, find and delete its
 * rows. Each feature keeps its own table and store; this is the one place the common part of a row is
 * named, and the one place its public shape is cut, so the secret is write-only for both.
 */
import type { SealPurpose } from '../../crypto/contexts'
import type { IdPrefix } from '../../domain/ids'
import type { StoredSecret } from './endpoint-secret'
import type { UrlForm } from './endpoint-url'

/** The part of a feature's row that this module rules: where it points and its sealed secret. */
export interface Endpoint {
  id: string
  spaceId: string
  /** Canonical, checked by the outbound policy when saved. */
  url: string
  secret: StoredSecret | null
}

/** A feature's endpoint table, as the shared operations see it. */
export interface EndpointKind<Row> {
  /** First word of the audit actions: `mcp` → `mcp.create`, `mcp.secret_discarded`, `mcp.test`. */
  readonly auditPrefix: string
  /** The audit target type (`mcp_integration`). */
  readonly targetType: string
  /** Names the secret column; with the space and row ids it is the seal context. */
  readonly purpose: SealPurpose
  readonly idPrefix: IdPrefix
  /** The message when a row is missing (`No such MCP integration`). */
  readonly notFound: string
  /** How its URL is canonicalised when saved (`endpoint-url.ts`). */
  readonly urlForm: UrlForm
  /** The common part of a row. */
  endpoint(row: Row): Endpoint
  /** One row of a space, or null (an id of another space is not found). */
  find(db: D1Database, spaceId: string, id: string): Promise<Row | null>
  /** Deletes one row of a space. */
  remove(db: D1Database, spaceId: string, id: string): Promise<unknown>
}

/** The public part of an endpoint: whether a secret is set, never the secret. */
export interface EndpointView {
  id: string
  spaceId: string
  url: string
  hasSecret: boolean
}

/**
 * The public part of an endpoint, which each feature's view starts from.
 * @example const { id, spaceId, url, hasSecret } = endpointView(previewUrlKind.endpoint(row))
 */
export function endpointView(endpoint: Endpoint): EndpointView {
  return {
    id: endpoint.id,
    spaceId: endpoint.spaceId,
    url: endpoint.url,
    hasSecret: endpoint.secret !== null,
  }
}

/**
 * The audit target of an endpoint: its space, the feature's target type, its id.
 * @example await scope.audit.record({ action: 'mcp.rpc', outcome: 'success', ...auditTarget(kind, endpoint) })
 */
export function auditTarget(
  kind: Pick<EndpointKind<unknown>, 'targetType'>,
  endpoint: Pick<Endpoint, 'id' | 'spaceId'>,
): { spaceId: string; targetType: string; targetId: string } {
  return { spaceId: endpoint.spaceId, targetType: kind.targetType, targetId: endpoint.id }
}
