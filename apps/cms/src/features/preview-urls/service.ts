/**
 * Preview URL operations shared by the JSON routes (`api.ts`) and the dashboard (`page.tsx`), on top of the
 * space endpoint (`space-endpoints/endpoint.ts`: URL policy, the secret's fate on an origin change,
 * sealing, audit). What is the preview URL's own: the signed probe (verified / reachable_unverified /
 * failed with a fixed reason) and storing its result on the row. Callers have already passed
 * `authorize(...)`; the secret never leaves these functions.
 */

import { z } from 'zod'
import type { UserCaller } from '../../domain/caller'
import type { Scope } from '../../domain/scope'
import { callEndpoint, createEndpoint, deleteEndpoint, updateEndpoint } from '../space-endpoints/endpoint'
import { endpointSecretFields, endpointUrlField } from '../space-endpoints/endpoint-url'
import { type PreviewUrlView, previewUrlKind, previewView } from './model'
import { type ProbeOutcome, probePreview } from './probe'
import { insertPreviewUrl, type PreviewUrlRow, recordProbe, updatePreviewUrl } from './store'

// An HMAC key shared with the storefront: 16+ characters, no surrounding whitespace to lose in an env file.
const secret = endpointSecretFields(
  z.string().regex(/^[\x21-\x7e]{16,512}$/, 'Must be 16-512 visible ASCII characters'),
)
const url = endpointUrlField('Enter the storefront URL')

/** The body of a creation: the probe secret is optional (`''` means none). */
export const createPreviewBody: z.ZodType<{ url: string; secret?: string | undefined }> = z.strictObject({
  url,
  secret: secret.onCreate,
})

/** The body of a change: `secret` absent or `''` keeps, `null` removes, text replaces. */
export const updatePreviewBody: z.ZodType<{ url?: string | undefined; secret?: string | null | undefined }> =
  z.strictObject({ url: url.optional(), secret: secret.onUpdate })

/** A probe's result as answered and shown. */
export interface ProbeResult {
  status: ProbeOutcome['status']
  reason: string | null
  probedAt: number
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
  const input = { caller, spaceId, url: body.url, secret: body.secret }
  const row = await createEndpoint(scope, previewUrlKind, input, ({ secret, ...write }) =>
    insertPreviewUrl(scope.db, { ...write, secretSealed: secret?.sealed ?? null }),
  )
  return previewView(row)
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
  // Any change clears the last probe result (`updatePreviewUrl`), so `urlChanged` is not needed here.
  const updated = await updateEndpoint(
    scope,
    previewUrlKind,
    row,
    body,
    ({ secret, urlChanged: _, ...write }) =>
      updatePreviewUrl(scope.db, { ...write, secretSealed: secret?.sealed ?? null }),
  )
  return { ...previewView(updated.row), secretDiscarded: updated.secretDiscarded }
}

/**
 * Deletes a preview URL and audits it.
 * @example await deletePreviewUrlRow(scope, row)
 */
export async function deletePreviewUrlRow(scope: Scope, row: PreviewUrlRow): Promise<void> {
  await deleteEndpoint(scope, previewUrlKind, row)
}

/**
 * Probes the storefront, stores the outcome on the row and audits it.
 * @example const { status, reason } = await probePreviewUrl(scope, row)
 */
export async function probePreviewUrl(scope: Scope, row: PreviewUrlRow): Promise<ProbeResult> {
  return callEndpoint(scope, previewUrlKind, row, 'probe', async (target) => {
    const at = scope.now()
    const outcome = await probePreview(scope.outbound, { ...target, nowSeconds: Math.floor(at / 1000) })
    const reason = outcome.status === 'failed' ? outcome.reason : null
    await recordProbe(scope.db, { id: row.id, spaceId: row.space_id, status: outcome.status, reason, at })
    return {
      result: { status: outcome.status, reason, probedAt: at },
      outcome: outcome.status === 'failed' ? 'failure' : 'success',
      reason: reason ?? outcome.status,
    }
  })
}
