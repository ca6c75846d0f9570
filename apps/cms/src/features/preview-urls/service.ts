/**
 * Preview URL operations shared by the JSON routes (`api.ts`) and the dashboard (`page.tsx`), on top of the
 * space endpoint (`space-endpoints/endpoint.ts`: URL policy, the secret's fate on an origin change,
 * sealing, audit). What is the preview URL's own: its optional label, one preview URL per canonical
 * address in a space (`DuplicateUrl` otherwise), the signed probe (verified / reachable_unverified / failed
 * with a fixed reason) and storing its result on the row. Callers have already passed `authorize(...)`; the
 * secret never leaves these functions.
 */

import * as z from 'zod'
import type { UserCaller } from '../../domain/caller'
import { safeName } from '../../domain/names'
import type { Scope } from '../../domain/scope'
import { callEndpoint, createEndpoint, deleteEndpoint, updateEndpoint } from '../space-endpoints/endpoint'
import {
  canonicalEndpointUrl,
  DuplicateUrl,
  endpointSecretFields,
  endpointUrlField,
} from '../space-endpoints/endpoint-url'
import { type PreviewUrlView, previewUrlKind, previewView } from './model'
import { type ProbeOutcome, probePreview } from './probe'
import {
  countPreviewUrls as countRows,
  insertPreviewUrl,
  listPreviewUrls as listRows,
  type PreviewUrlRow,
  recordProbe,
  updatePreviewUrl,
} from './store'

export type { PreviewUrlRow } from './store'

/**
 * The preview URLs of a space.
 * @example const rows = await listPreviewUrls(scope, spaceId)
 */
export async function listPreviewUrls(scope: Scope, spaceId: string): Promise<PreviewUrlRow[]> {
  return listRows(scope.db, spaceId)
}

/**
 * How many preview URLs a space has.
 * @example const n = await countPreviewUrls(scope, spaceId)
 */
export async function countPreviewUrls(scope: Scope, spaceId: string): Promise<number> {
  return countRows(scope.db, spaceId)
}

// An HMAC key shared with the storefront: 16+ characters, no surrounding whitespace to lose in an env file.
const secret = endpointSecretFields(
  z.string().regex(/^[\x21-\x7e]{16,512}$/, 'Must be 16-512 visible ASCII characters'),
)
const url = endpointUrlField('Enter the storefront URL')
// A name to tell storefronts apart in the list; blank means none.
const label = safeName(z.string().trim().max(100))

/** The body of a creation: the label and the probe secret are optional (`''` means none). */
export const createPreviewBody: z.ZodType<{
  url: string
  label?: string | undefined
  secret?: string | undefined
}> = z.strictObject({ url, label: label.optional(), secret: secret.onCreate })

/**
 * The body of a change: `label` absent keeps, `''` or `null` removes, text replaces; `secret` absent or
 * `''` keeps, `null` removes, text replaces.
 */
export const updatePreviewBody: z.ZodType<{
  url?: string | undefined
  label?: string | null | undefined
  secret?: string | null | undefined
}> = z.strictObject({
  url: url.optional(),
  label: z.union([label, z.null()]).optional(),
  secret: secret.onUpdate,
})

/**
 * Refuses a URL whose canonical form another preview URL of the space has (rows saved before URLs were
 * canonicalised are compared in their canonical form too). A row keeping its own address is not checked,
 * so twins saved before stay editable.
 */
async function refuseTwin(scope: Scope, spaceId: string, raw: string, own?: PreviewUrlRow): Promise<void> {
  const form = previewUrlKind.urlForm
  const wanted = canonicalEndpointUrl(raw, form)
  // Unparseable: the URL policy refuses it next, with the better message.
  if (wanted === undefined) return
  if (own && canonicalEndpointUrl(own.url, form) === wanted) return
  const rows = await listPreviewUrls(scope, spaceId)
  const twin = rows.some((r) => r.id !== own?.id && (canonicalEndpointUrl(r.url, form) ?? r.url) === wanted)
  if (twin) throw new DuplicateUrl()
}

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
  await refuseTwin(scope, spaceId, body.url)
  const input = { caller, spaceId, url: body.url, secret: body.secret }
  const row = await createEndpoint(scope, previewUrlKind, input, async ({ secret, ...write }) => {
    const added = await insertPreviewUrl(scope.db, {
      ...write,
      label: body.label || null,
      secretSealed: secret?.sealed ?? null,
    })
    // A request that added the same URL between our check and this insert.
    if (!added) throw new DuplicateUrl()
  })
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
  if (body.url !== undefined) await refuseTwin(scope, row.space_id, body.url, row)
  const label = body.label === undefined ? row.label : body.label || null
  // `updatePreviewUrl` compares URL and secret with the stored ones itself, so `urlChanged` is not needed.
  const updated = await updateEndpoint(
    scope,
    previewUrlKind,
    row,
    body,
    ({ secret, urlChanged: _, ...write }) =>
      updatePreviewUrl(scope.db, { ...write, label, secretSealed: secret?.sealed ?? null }),
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
