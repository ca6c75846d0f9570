/**
 * `/spaces/:spaceId/settings/preview-urls`: the Preview URLs page. Add, change, delete and probe call the
 * same service as `/api/spaces/:spaceId/preview-urls` behind the same `authorize` actions (delete after a
 * confirmation page); a refused URL (outbound policy) and validation problems show next to their field.
 * Every POST answers 303 to the page, its result carried by a single-use flash (`dashboard/flash.ts`), so a
 * reload repeats nothing.
 */
import type { Context, Hono } from 'hono'
import type { UserCaller } from '../../domain/caller'
import { can } from '../../domain/policy'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requireCaller } from '../../http/identify'
import { redirectWithFlash, takeFlash } from '../dashboard/flash'
import { dashboardGroup, routeSpace, viewerOf } from '../dashboard/page-kit'
import {
  loadEndpointRow,
  readUrlForm,
  saveEndpointForm,
  submittedFields,
  unlessSecretUnavailable,
} from '../space-endpoints/page-endpoint'
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
import { DeletePreviewUrlPage, PreviewUrlsPage, type PreviewUrlsProps } from './view'

type Extra = Pick<PreviewUrlsProps, 'probed' | 'notice' | 'createForm' | 'editForm'>

const pagePath = (spaceId: string): string => `/spaces/${spaceId}/settings/preview-urls`

/** Answers 303 to the page, which shows `extra` once. */
const done = (c: Context<CmsHono>, spaceId: string, extra: Extra): Promise<Response> =>
  redirectWithFlash<Extra>(c, pagePath(spaceId), extra)

async function render(c: Context<CmsHono>, caller: UserCaller) {
  const space = await routeSpace(c)
  const extra = await takeFlash<Extra>(c, caller)
  const rows = await listPreviewUrls(c.var.scope, space.id)
  return c.html(
    <PreviewUrlsPage
      viewer={await viewerOf(c, caller)}
      space={space}
      previewUrls={rows.map(previewView)}
      canManage={can(caller.roles, 'preview.create', space.id)}
      {...extra}
    />,
  )
}

const loadRow = (c: Context<CmsHono>): Promise<PreviewUrlRow> =>
  loadEndpointRow(c, previewUrlKind, 'previewUrlId')

/** What a refused form shows again: never the secret. */
const submitted = (c: Context<CmsHono>) => submittedFields(c, ['label', 'url'])

// Addresses differing only in a trailing `/` or letter case are one (`endpoint-url.ts`): say so.
const DUPLICATE =
  'This space already has a preview URL at this address (a trailing / or capital letters make no difference). Edit that one instead.'

/** The preview URL pages, mounted at `/spaces/:spaceId/settings/preview-urls`. */
export const previewUrlsPages: Hono<CmsHono> = dashboardGroup()

previewUrlsPages.get('/', authorize('preview.list'), async (c) => render(c, await requireCaller(c)))

previewUrlsPages.post('/', authorize('preview.create'), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  const form = await readUrlForm(c, createPreviewBody)
  const saved = await saveEndpointForm(
    form,
    (data) => createPreviewUrl(c.var.scope, caller, space.id, data),
    DUPLICATE,
  )
  if (!saved.ok) return done(c, space.id, { createForm: { ...(await submitted(c)), errors: saved.errors } })
  return done(c, space.id, { notice: { tone: 'ok', text: 'Added the preview URL. Probe it to check it.' } })
})

previewUrlsPages.post('/:previewUrlId', authorize('preview.update'), async (c) => {
  const row = await loadRow(c)
  const form = await readUrlForm(c, updatePreviewBody)
  const saved = await saveEndpointForm(form, (data) => updatePreviewUrlRow(c.var.scope, row, data), DUPLICATE)
  if (!saved.ok) {
    return done(c, row.space_id, {
      editForm: { id: row.id, ...(await submitted(c)), errors: saved.errors },
    })
  }
  const text = saved.data.secretDiscarded
    ? 'Saved. The URL moved to another origin, so the stored probe secret was discarded: enter it again to verify probes.'
    : 'Saved.'
  return done(c, row.space_id, { notice: { tone: saved.data.secretDiscarded ? 'warn' : 'ok', text } })
})

previewUrlsPages.get('/:previewUrlId/delete', authorize('preview.delete'), async (c) => {
  const caller = await requireCaller(c)
  const row = await loadRow(c)
  const viewer = await viewerOf(c, caller)
  return c.html(
    <DeletePreviewUrlPage viewer={viewer} space={await routeSpace(c)} previewUrl={previewView(row)} />,
  )
})

previewUrlsPages.post('/:previewUrlId/delete', authorize('preview.delete'), async (c) => {
  const row = await loadRow(c)
  await deletePreviewUrlRow(c.var.scope, row)
  return done(c, row.space_id, { notice: { tone: 'ok', text: 'Deleted the preview URL.' } })
})

previewUrlsPages.post('/:previewUrlId/probe', authorize('preview.probe'), async (c) => {
  const row = await loadRow(c)
  const result = await unlessSecretUnavailable(() => probePreviewUrl(c.var.scope, row))
  if (result) return done(c, row.space_id, { probed: { id: row.id, result } })
  const text = 'The stored probe secret cannot be opened with the configured keys: enter it again.'
  return done(c, row.space_id, { notice: { tone: 'warn', text } })
})
