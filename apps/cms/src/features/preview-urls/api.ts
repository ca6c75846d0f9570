/**
 * `/api/spaces/:spaceId/preview-urls`: storefront preview URLs of a space with an optional probe secret.
 * Space admins create, change and delete; editors also list and probe (the policy table decides). The
 * secret is write-only (answers say `hasSecret`); like an MCP bearer it does not follow the URL to another
 * origin unless the same request sends a new one. Every change, probe and refusal is audited.
 */
import { type Context, Hono } from 'hono'
import { readBody, requestBody } from '../../http/body'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requireCaller } from '../../http/identify'
import { idParam, spaceIdParam } from '../../http/params'
import { requireEndpoint } from '../space-endpoints/endpoint'
import { previewUrlKind, previewView } from './model'
import {
  createPreviewBody,
  createPreviewUrl,
  deletePreviewUrlRow,
  listPreviewUrls,
  type PreviewUrlRow,
  probePreviewUrl,
  updatePreviewBody,
  updatePreviewUrlRow,
} from './service'

async function loadRow(c: Context<CmsHono>): Promise<PreviewUrlRow> {
  const id = idParam(c, 'previewUrlId', 'pvu', previewUrlKind.notFound)
  return requireEndpoint(c.var.scope, previewUrlKind, spaceIdParam(c), id)
}

/** The preview URL routes, mounted at `/api/spaces/:spaceId/preview-urls`. */
export const previewUrlsApi: Hono<CmsHono> = new Hono<CmsHono>()

previewUrlsApi.get('/', authorize('preview.list'), async (c) => {
  const rows = await listPreviewUrls(c.var.scope, spaceIdParam(c))
  return c.json({ previewUrls: rows.map(previewView) })
})

previewUrlsApi.post('/', requestBody(createPreviewBody))
previewUrlsApi.post('/', authorize('preview.create'), async (c) => {
  const caller = await requireCaller(c)
  const spaceId = spaceIdParam(c)
  const body = await readBody(c, createPreviewBody)
  return c.json(await createPreviewUrl(c.var.scope, caller, spaceId, body), 201)
})

previewUrlsApi.get('/:previewUrlId', authorize('preview.list'), async (c) =>
  c.json(previewView(await loadRow(c))),
)

previewUrlsApi.patch('/:previewUrlId', requestBody(updatePreviewBody))
previewUrlsApi.patch('/:previewUrlId', authorize('preview.update'), async (c) => {
  const row = await loadRow(c)
  const body = await readBody(c, updatePreviewBody)
  return c.json(await updatePreviewUrlRow(c.var.scope, row, body))
})

previewUrlsApi.delete('/:previewUrlId', authorize('preview.delete'), async (c) => {
  await deletePreviewUrlRow(c.var.scope, await loadRow(c))
  return c.body(null, 204)
})

previewUrlsApi.post('/:previewUrlId/probe', authorize('preview.probe'), async (c) =>
  c.json(await probePreviewUrl(c.var.scope, await loadRow(c))),
)
