/**
 * Preview URL operations shared by the JSON routes (`routes/preview-urls.ts`) and the dashboard: create,
 * change (a new URL origin discards the stored probe secret unless the same request sends a new one; the
 * discard is audited), delete and probe (verified / reachable_unverified / failed with a fixed reason,
 * stored on the row). Callers have already passed `authorize(...)`; the secret never leaves these functions.
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
import { type ProbeOutcome, probePreview } from './probe'
import {
  deletePreviewUrl,
  findPreviewUrl,
  insertPreviewUrl,
  type PreviewUrlRow,
  recordProbe,
  updatePreviewUrl,
} from './store'
import { openProbeSecret, type PreviewUrlView, previewView, sealProbeSecret } from './view-model'

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
  throw new HttpProblem(404, 'not_found', 'No such preview URL')
}

/**
 * Creates a preview URL (checked by the outbound policy, 422 otherwise) and audits it.
 * @example const view = await createPreviewUrl(c, caller, spaceId, { url, secret })
 */
export async function createPreviewUrl(
  c: Context<AppEnv>,
  caller: UserCaller,
  spaceId: string,
  body: z.output<typeof createPreviewBody>,
): Promise<PreviewUrlView> {
  if (!(await findSpace(c.env.DB, spaceId))) throw new HttpProblem(404, 'not_found', 'No such space')
  const target = requireAllowedUrl(c, body.url)
  const id = newId('pvu')
  const secretSealed = body.secret ? await sealProbeSecret(c, spaceId, id, body.secret) : null
  await insertPreviewUrl(c.env.DB, {
    id,
    spaceId,
    url: target,
    secretSealed,
    createdBy: caller.userId,
    now: nowMs(c),
  })
  await recordAudit(c, {
    action: 'preview.create',
    outcome: 'success',
    spaceId,
    targetType: TARGET,
    targetId: id,
  })
  return previewView((await findPreviewUrl(c.env.DB, spaceId, id)) ?? gone())
}

/**
 * Changes a preview URL; `secretDiscarded` says the origin changed and the stored secret was dropped.
 * @example const view = await updatePreviewUrlRow(c, row, { url })
 */
export async function updatePreviewUrlRow(
  c: Context<AppEnv>,
  row: PreviewUrlRow,
  body: z.output<typeof updatePreviewBody>,
): Promise<PreviewUrlView & { secretDiscarded: boolean }> {
  const target = body.url === undefined ? row.url : requireAllowedUrl(c, body.url)
  const decision = decideSecret({
    oldUrl: row.url,
    newUrl: target,
    secret: body.secret,
    hasSecret: row.probe_secret_sealed !== null,
  })
  let secretSealed = row.probe_secret_sealed
  if (decision.kind === 'replace')
    secretSealed = await sealProbeSecret(c, row.space_id, row.id, decision.secret)
  if (decision.kind === 'remove' || decision.kind === 'discard') secretSealed = null
  await updatePreviewUrl(c.env.DB, {
    id: row.id,
    spaceId: row.space_id,
    url: target,
    secretSealed,
    now: nowMs(c),
  })
  const event = { spaceId: row.space_id, targetType: TARGET, targetId: row.id }
  await recordAudit(c, { action: 'preview.update', outcome: 'success', ...event })
  if (decision.kind === 'discard') {
    await recordAudit(c, {
      action: 'preview.secret_discarded',
      outcome: 'success',
      reason: 'origin_changed',
      ...event,
    })
  }
  const updated = (await findPreviewUrl(c.env.DB, row.space_id, row.id)) ?? gone()
  return { ...previewView(updated), secretDiscarded: decision.kind === 'discard' }
}

/**
 * Deletes a preview URL and audits it.
 * @example await deletePreviewUrlRow(c, row)
 */
export async function deletePreviewUrlRow(c: Context<AppEnv>, row: PreviewUrlRow): Promise<void> {
  await deletePreviewUrl(c.env.DB, row.space_id, row.id)
  await recordAudit(c, {
    action: 'preview.delete',
    outcome: 'success',
    spaceId: row.space_id,
    targetType: TARGET,
    targetId: row.id,
  })
}

/**
 * Probes the storefront, stores the outcome on the row and audits it.
 * @example const { status, reason } = await probePreviewUrl(c, row)
 */
export async function probePreviewUrl(c: Context<AppEnv>, row: PreviewUrlRow): Promise<ProbeResult> {
  const secretValue = await openProbeSecret(c, row)
  const at = nowMs(c)
  const outcome = await probePreview(outboundPolicy(c), {
    url: row.url,
    secret: secretValue,
    nowSeconds: Math.floor(at / 1000),
  })
  const reason = outcome.status === 'failed' ? outcome.reason : null
  await recordProbe(c.env.DB, { id: row.id, spaceId: row.space_id, status: outcome.status, reason, at })
  await recordAudit(c, {
    action: 'preview.probe',
    outcome: outcome.status === 'failed' ? 'failure' : 'success',
    reason: reason ?? outcome.status,
    spaceId: row.space_id,
    targetType: TARGET,
    targetId: row.id,
  })
  return { status: outcome.status, reason, probedAt: at }
}
