/**
 * The operations of a space endpoint with a sealed secret, written once for MCP integrations and preview
 * URLs: create and change (the URL checked by the outbound policy and stored canonical; a new origin drops
 * the stored secret unless the same request sends one, and the drop is audited as
 * `<prefix>.secret_discarded` / `origin_changed`), delete, and the call to the endpoint (the secret opened
 * for that one call, the call audited). Each operation audits itself as `<prefix>.<verb>`. A feature passes
 * its `EndpointKind` and the steps that are its own: writing its row, and what its call does.
 * Callers have already passed `authorize(...)`; the plaintext secret never leaves these functions.
 */

import type { AuditEvent } from '../../domain/audit'
import type { UserCaller } from '../../domain/caller'
import { NotFound } from '../../domain/errors'
import { newId } from '../../domain/ids'
import type { Scope } from '../../domain/scope'
import { findSpace } from '../spaces/service'
import { auditTarget, type EndpointKind } from './endpoint-kind'
import {
  decideSecret,
  openEndpointSecret,
  type SecretInput,
  type StoredSecret,
  sealEndpointSecret,
} from './endpoint-secret'
import { requireAllowedUrl } from './endpoint-url'

/** An endpoint's state to write after a create or a change. */
export interface EndpointWrite {
  id: string
  spaceId: string
  url: string
  secret: StoredSecret | null
  now: number
}

/** What a call to the endpoint gets: the stored URL and the opened secret, if any. */
export interface EndpointTarget {
  url: string
  secret: string | undefined
}

/** What a call reports: its result, and the audit outcome with a fixed reason word. */
export interface EndpointCallReport<R> {
  result: R
  outcome: AuditEvent['outcome']
  reason?: string | null | undefined
}

/**
 * One row of a space, or `NotFound` with the feature's message.
 * @example const row = await requireEndpoint(scope, mcpKind, spaceId, id)
 */
export async function requireEndpoint<Row>(
  scope: Scope,
  kind: EndpointKind<Row>,
  spaceId: string,
  id: string,
): Promise<Row> {
  const row = await kind.find(scope.db, spaceId, id)
  if (!row) throw new NotFound(kind.notFound)
  return row
}

async function reread<Row>(scope: Scope, kind: EndpointKind<Row>, spaceId: string, id: string): Promise<Row> {
  // A concurrent delete between our write and this read is a NotFound, as if it came first.
  return requireEndpoint(scope, kind, spaceId, id)
}

/**
 * Creates an endpoint in a space (its URL checked and made canonical, its secret sealed to the new id),
 * writes it through `insert`, audits `<prefix>.create` and returns the stored row.
 * @example const row = await createEndpoint(scope, previewUrlKind, { caller, spaceId, url, secret }, (w) => insertPreviewUrl(scope.db, …))
 */
export async function createEndpoint<Row>(
  scope: Scope,
  kind: EndpointKind<Row>,
  input: { caller: UserCaller; spaceId: string; url: string; secret: string | undefined },
  insert: (write: EndpointWrite & { createdBy: string }) => Promise<void>,
): Promise<Row> {
  const { spaceId } = input
  if (!(await findSpace(scope, spaceId))) throw new NotFound('No such space')
  const url = requireAllowedUrl(scope.config, input.url, kind.urlForm)
  const id = newId(kind.idPrefix)
  const owner = { purpose: kind.purpose, spaceId, id }
  const secret = input.secret ? await sealEndpointSecret(await scope.keyring(), owner, input.secret) : null
  await insert({ id, spaceId, url, secret, createdBy: input.caller.userId, now: scope.now() })
  await scope.audit.record({
    action: `${kind.auditPrefix}.create`,
    outcome: 'success',
    ...auditTarget(kind, { id, spaceId }),
  })
  return reread(scope, kind, spaceId, id)
}

/**
 * Changes an endpoint: an absent URL stays as stored, a new one is checked; the secret is decided by
 * `decideSecret` (a new origin without a new secret drops it). Writes through `write`, audits
 * `<prefix>.update` and, for a drop, `<prefix>.secret_discarded` with reason `origin_changed`.
 * @example const { row, secretDiscarded } = await updateEndpoint(scope, kind, row, { url, secret }, write)
 */
export async function updateEndpoint<Row>(
  scope: Scope,
  kind: EndpointKind<Row>,
  row: Row,
  change: { url?: string | undefined; secret?: SecretInput },
  write: (write: EndpointWrite & { urlChanged: boolean }) => Promise<unknown>,
): Promise<{ row: Row; secretDiscarded: boolean }> {
  const current = kind.endpoint(row)
  const url =
    change.url === undefined ? current.url : requireAllowedUrl(scope.config, change.url, kind.urlForm)
  const decision = decideSecret({
    oldUrl: current.url,
    newUrl: url,
    secret: change.secret,
    hasSecret: current.secret !== null,
  })
  let secret = current.secret
  if (decision.kind === 'replace') {
    const owner = { purpose: kind.purpose, spaceId: current.spaceId, id: current.id }
    secret = await sealEndpointSecret(await scope.keyring(), owner, decision.secret)
  }
  if (decision.kind === 'remove' || decision.kind === 'discard') secret = null
  await write({
    id: current.id,
    spaceId: current.spaceId,
    url,
    secret,
    urlChanged: url !== current.url,
    now: scope.now(),
  })
  const target = auditTarget(kind, current)
  await scope.audit.record({ action: `${kind.auditPrefix}.update`, outcome: 'success', ...target })
  if (decision.kind === 'discard') {
    await scope.audit.record({
      action: `${kind.auditPrefix}.secret_discarded`,
      outcome: 'success',
      reason: 'origin_changed',
      ...target,
    })
  }
  const updated = await reread(scope, kind, current.spaceId, current.id)
  return { row: updated, secretDiscarded: decision.kind === 'discard' }
}

/**
 * Deletes an endpoint (its sealed secret with it) and audits `<prefix>.delete`.
 * @example await deleteEndpoint(scope, mcpKind, row)
 */
export async function deleteEndpoint<Row>(scope: Scope, kind: EndpointKind<Row>, row: Row): Promise<void> {
  const endpoint = kind.endpoint(row)
  await kind.remove(scope.db, endpoint.spaceId, endpoint.id)
  await scope.audit.record({
    action: `${kind.auditPrefix}.delete`,
    outcome: 'success',
    ...auditTarget(kind, endpoint),
  })
}

/**
 * Calls an endpoint: opens its secret for this one call (`SecretUnavailable` when no configured key opens
 * it, and then nothing is called), runs the feature's `call`, audits `<prefix>.<action>` with the outcome
 * and reason it reports, and returns its result.
 * @example const result = await callEndpoint(scope, previewUrlKind, row, 'probe', async (target) => …)
 */
export async function callEndpoint<Row, R>(
  scope: Scope,
  kind: EndpointKind<Row>,
  row: Row,
  action: string,
  call: (target: EndpointTarget) => Promise<EndpointCallReport<R>>,
): Promise<R> {
  const endpoint = kind.endpoint(row)
  const owner = { purpose: kind.purpose, spaceId: endpoint.spaceId, id: endpoint.id }
  const secret =
    endpoint.secret === null
      ? undefined
      : await openEndpointSecret(await scope.keyring(), owner, endpoint.secret.sealed)
  const report = await call({ url: endpoint.url, secret })
  await scope.audit.record({
    action: `${kind.auditPrefix}.${action}`,
    outcome: report.outcome,
    ...(report.reason ? { reason: report.reason } : {}),
    ...auditTarget(kind, endpoint),
  })
  return report.result
}
