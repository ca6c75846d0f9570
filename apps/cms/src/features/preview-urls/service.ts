/**
 * Preview URL operations shared by the JSON routes (`routes/preview-urls.ts`) and the dashboard: create,
 * change (a new URL origin discards the stored probe secret unless the same request sends a new one; the
 * discard is audited), delete and probe (verified / reachable_unverified / failed with a fixed reason,
 * stored on the row). Callers have already passed `authorize(...)`; the secret never leaves these functions.
 */

import { z } from 'zod'
import { newId } from '../../db/ids'
import type { UserCaller } from '../../domain/caller'
import { NotFound } from '../../domain/errors'
import type { Scope } from '../../domain/scope'
import { decideSecret, requireAllowedUrl } from '../../outbound/stored-url'
import { findSpace } from '../spaces/store'
import { openProbeSecret, type PreviewUrlView, previewView, sealProbeSecret } from './model'
import { type ProbeOutcome, probePreview } from './probe'
import {
  deletePreviewUrl,
  findPreviewUrl,
  insertPreviewUrl,
  type PreviewUrlRow,
  recordProbe,
  updatePreviewUrl,
} from './store'

const TARGET = 'preview_url'
// An HMAC key shared with the storefront: 16+ characters, no surrounding whitespace to lose in an env file.
const secret = z.string().regex(/^[\x21-\x7e]{16,512}$/, 'Must be 16-512 visible ASCII characters')
const url = z.string().min(1, 'Enter the storefront URL').max(2048, 'At most 2048 characters')

/** The body of a creation: the probe secret is optional (`''` means none). */
export const createPreviewBody: z.ZodType<{ url: string; secret?: string | undefined }> = z.strictObject({
  url,
  secret: z.union([z.literal(''), secret]).optional(),
})

/** The body of a change: `secret` absent or `''` keeps, `null` removes, text replaces. */
export const updatePreviewBody: z.ZodType<{ url?: string | undefined; secret?: string | null | undefined }> =
  z.strictObject({ url: url.optional(), secret: z.union([z.literal(''), secret, z.null()]).optional() })

/** A probe's result as answered and shown. */
export interface ProbeResult {
  status: ProbeOutcome['status']
  reason: string | null
  probedAt: number
}

function gone(): never {
  // Deleted between our write and read by a concurrent request.
  throw new NotFound('No such preview URL')
}

/**
 * Creates a preview URL (checked by the outbound policy, 422 otherwise) and audits it.
 * @example const view = await createPreviewUrl(scope, caller, spaceId, { url, secret })
 */
export async function createPreviewUrl(
  scope: Scope,
  caller: UserCaller,
  spaceId: string,
  body: z.output<typeof createPreviewBody>,
): Promise<PreviewUrlView> {
  if (!(await findSpace(scope.db, spaceId))) throw new NotFound('No such space')
  const target = requireAllowedUrl(scope.config, body.url)
  const id = newId('pvu')
  const secretSealed = body.secret ? await sealProbeSecret(scope, spaceId, id, body.secret) : null
  await insertPreviewUrl(scope.db, {
    id,
    spaceId,
    url: target,
    secretSealed,
    createdBy: caller.userId,
    now: scope.now(),
  })
  await scope.audit.record({
    action: 'preview.create',
    outcome: 'success',
    spaceId,
    targetType: TARGET,
    targetId: id,
  })
  return previewView((await findPreviewUrl(scope.db, spaceId, id)) ?? gone())
}

/**
 * Changes a preview URL; `secretDiscarded` says the origin changed and the stored secret was dropped.
 * @example const view = await updatePreviewUrlRow(scope, row, { url })
 */
export async function updatePreviewUrlRow(
  scope: Scope,
  row: PreviewUrlRow,
  body: z.output<typeof updatePreviewBody>,
): Promise<PreviewUrlView & { secretDiscarded: boolean }> {
  const target = body.url === undefined ? row.url : requireAllowedUrl(scope.config, body.url)
  const decision = decideSecret({
    oldUrl: row.url,
    newUrl: target,
    secret: body.secret,
    hasSecret: row.probe_secret_sealed !== null,
  })
  let secretSealed = row.probe_secret_sealed
  if (decision.kind === 'replace')
    secretSealed = await sealProbeSecret(scope, row.space_id, row.id, decision.secret)
  if (decision.kind === 'remove' || decision.kind === 'discard') secretSealed = null
  await updatePreviewUrl(scope.db, {
    id: row.id,
    spaceId: row.space_id,
    url: target,
    secretSealed,
    now: scope.now(),
  })
  const event = { spaceId: row.space_id, targetType: TARGET, targetId: row.id }
  await scope.audit.record({ action: 'preview.update', outcome: 'success', ...event })
  if (decision.kind === 'discard') {
    await scope.audit.record({
      action: 'preview.secret_discarded',
      outcome: 'success',
      reason: 'origin_changed',
      ...event,
    })
  }
  const updated = (await findPreviewUrl(scope.db, row.space_id, row.id)) ?? gone()
  return { ...previewView(updated), secretDiscarded: decision.kind === 'discard' }
}

/**
 * Deletes a preview URL and audits it.
 * @example await deletePreviewUrlRow(scope, row)
 */
export async function deletePreviewUrlRow(scope: Scope, row: PreviewUrlRow): Promise<void> {
  await deletePreviewUrl(scope.db, row.space_id, row.id)
  await scope.audit.record({
    action: 'preview.delete',
    outcome: 'success',
    spaceId: row.space_id,
    targetType: TARGET,
    targetId: row.id,
  })
}

/**
 * Probes the storefront, stores the outcome on the row and audits it.
 * @example const { status, reason } = await probePreviewUrl(scope, row)
 */
export async function probePreviewUrl(scope: Scope, row: PreviewUrlRow): Promise<ProbeResult> {
  const secretValue = await openProbeSecret(scope, row)
  const at = scope.now()
  const outcome = await probePreview(scope.outbound, {
    url: row.url,
    secret: secretValue,
    nowSeconds: Math.floor(at / 1000),
  })
  const reason = outcome.status === 'failed' ? outcome.reason : null
  await recordProbe(scope.db, { id: row.id, spaceId: row.space_id, status: outcome.status, reason, at })
  await scope.audit.record({
    action: 'preview.probe',
    outcome: outcome.status === 'failed' ? 'failure' : 'success',
    reason: reason ?? outcome.status,
    spaceId: row.space_id,
    targetType: TARGET,
    targetId: row.id,
  })
  return { status: outcome.status, reason, probedAt: at }
}
