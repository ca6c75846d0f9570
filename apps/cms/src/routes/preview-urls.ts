/**
 * `/api/spaces/:spaceId/preview-urls`: storefront preview URLs of a space with an optional probe secret.
 * Space admins create, change and delete; editors also list and probe (the policy table decides). The
 * secret is write-only (answers say `hasSecret`); like an MCP bearer it does not follow the URL to another
 * origin unless the same request sends a new one. Every change, probe and refusal is audited.
 */
import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { type AppEnv, nowMs } from '../app-env'
import { recordAudit } from '../audit/record-audit'
import { authorize, requireCaller } from '../auth/identify'
import { isId, newId } from '../db/ids'
import {
  deletePreviewUrl,
  findPreviewUrl,
  insertPreviewUrl,
  listPreviewUrls,
  type PreviewUrlRow,
  recordProbe,
  updatePreviewUrl,
} from '../db/preview-urls'
import { findSpace } from '../db/spaces'
import { readBody } from '../http/body'
import { HttpProblem } from '../http/problem'
import { outboundPolicy } from '../outbound/policy'
import { decideSecret, requireAllowedUrl } from '../outbound/stored-url'
import { openProbeSecret, previewView, sealProbeSecret } from '../preview/preview-view'
import { probePreview } from '../preview/probe-preview'

const TARGET = 'preview_url'
// An HMAC key shared with the storefront: 16+ characters, no surrounding whitespace to lose in an env file.
const secret = z.string().regex(/^[\x21-\x7e]{16,512}$/, 'Must be 16-512 visible ASCII characters')
const url = z.string().min(1).max(2048)
const createBody = z.strictObject({ url, secret: z.union([z.literal(''), secret]).optional() })
const updateBody = z.strictObject({
  url: url.optional(),
  secret: z.union([z.literal(''), secret, z.null()]).optional(),
})

function spaceIdOf(value: string | undefined): string {
  if (value === undefined || !isId('spc', value)) throw new HttpProblem(404, 'not_found', 'No such space')
  return value
}

async function loadRow(c: Context<AppEnv>): Promise<PreviewUrlRow> {
  const spaceId = spaceIdOf(c.req.param('spaceId'))
  const id = c.req.param('previewUrlId')
  const row = id !== undefined && isId('pvu', id) ? await findPreviewUrl(c.env.DB, spaceId, id) : null
  if (!row) throw new HttpProblem(404, 'not_found', 'No such preview URL')
  return row
}

function gone(): never {
  // Deleted between our write and read by a concurrent request.
  throw new HttpProblem(404, 'not_found', 'No such preview URL')
}

/** The preview URL routes, mounted at `/api/spaces/:spaceId/preview-urls`. */
export const previewUrlRoutes: Hono<AppEnv> = new Hono<AppEnv>()

previewUrlRoutes.get('/', authorize('preview.list'), async (c) => {
  const rows = await listPreviewUrls(c.env.DB, spaceIdOf(c.req.param('spaceId')))
  return c.json({ previewUrls: rows.map(previewView) })
})

previewUrlRoutes.post('/', authorize('preview.create'), async (c) => {
  const caller = await requireCaller(c)
  const spaceId = spaceIdOf(c.req.param('spaceId'))
  const body = await readBody(c, createBody)
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
  return c.json(previewView((await findPreviewUrl(c.env.DB, spaceId, id)) ?? gone()), 201)
})

previewUrlRoutes.get('/:previewUrlId', authorize('preview.list'), async (c) =>
  c.json(previewView(await loadRow(c))),
)

previewUrlRoutes.patch('/:previewUrlId', authorize('preview.update'), async (c) => {
  const row = await loadRow(c)
  const body = await readBody(c, updateBody)
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
  return c.json({ ...previewView(updated), secretDiscarded: decision.kind === 'discard' })
})

previewUrlRoutes.delete('/:previewUrlId', authorize('preview.delete'), async (c) => {
  const row = await loadRow(c)
  await deletePreviewUrl(c.env.DB, row.space_id, row.id)
  await recordAudit(c, {
    action: 'preview.delete',
    outcome: 'success',
    spaceId: row.space_id,
    targetType: TARGET,
    targetId: row.id,
  })
  return c.body(null, 204)
})

previewUrlRoutes.post('/:previewUrlId/probe', authorize('preview.probe'), async (c) => {
  const row = await loadRow(c)
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
  return c.json({ status: outcome.status, reason, probedAt: at })
})
