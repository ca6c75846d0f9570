/**
 * `/spaces/:spaceId/settings/preview-urls`: the Preview URLs page. Add, change, delete and probe call the
 * same service as `/api/spaces/:spaceId/preview-urls` behind the same `authorize` actions; a refused URL
 * (outbound policy) and validation problems show next to their field.
 */
import type { Context, Hono } from 'hono'
import type { AppEnv, UserCaller } from '../app-env'
import { authorize, requireCaller } from '../auth/identify'
import { can } from '../auth/policy'
import { findPreviewUrl, listPreviewUrls, type PreviewUrlRow } from '../db/preview-urls'
import { idParam } from '../http/params'
import { HttpProblem } from '../http/problem'
import { previewView } from '../preview/preview-view'
import {
  createPreviewBody,
  createPreviewUrl,
  deletePreviewUrlRow,
  probePreviewUrl,
  updatePreviewBody,
  updatePreviewUrlRow,
} from '../services/preview-urls'
import { PreviewUrlsPage, type PreviewUrlsProps } from '../views/preview-urls'
import { dashboardGroup, readForm, reasonText, routeSpace, viewerOf } from './dashboard-page'

type Extra = Pick<PreviewUrlsProps, 'probed' | 'notice' | 'createForm' | 'editForm'>

async function render(
  c: Context<AppEnv>,
  caller: UserCaller,
  extra: Extra = {},
  status: 200 | 400 | 422 = 200,
) {
  const space = await routeSpace(c)
  const rows = await listPreviewUrls(c.env.DB, space.id)
  return c.html(
    <PreviewUrlsPage
      viewer={await viewerOf(c, caller)}
      space={space}
      previewUrls={rows.map(previewView)}
      canManage={can(caller.roles, 'preview.create', space.id)}
      {...extra}
    />,
    status,
  )
}

async function loadRow(c: Context<AppEnv>): Promise<PreviewUrlRow> {
  const space = await routeSpace(c)
  const row = await findPreviewUrl(c.env.DB, space.id, idParam(c, 'previewUrlId', 'pvu'))
  if (!row) throw new HttpProblem(404, 'not_found', 'No such preview URL')
  return row
}

async function submittedUrl(c: Context<AppEnv>): Promise<string> {
  const raw = await c.req.parseBody()
  return typeof raw.url === 'string' ? raw.url : ''
}

function urlRefused(err: unknown): string | undefined {
  if (err instanceof HttpProblem && err.code === 'url_not_allowed') {
    return `This URL is not allowed for outbound calls (${reasonText(err.reason)}).`
  }
  return undefined
}

/** The preview URL pages, mounted at `/spaces/:spaceId/settings/preview-urls`. */
export const dashboardPreviewRoutes: Hono<AppEnv> = dashboardGroup()

dashboardPreviewRoutes.get('/', authorize('preview.list'), async (c) => render(c, await requireCaller(c)))

dashboardPreviewRoutes.post('/', authorize('preview.create'), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  const form = await readForm(c, createPreviewBody)
  if (!form.ok)
    return render(c, caller, { createForm: { url: await submittedUrl(c), errors: form.errors } }, 400)
  try {
    await createPreviewUrl(c, caller, space.id, form.data)
    return render(c, caller, { notice: { tone: 'ok', text: 'Added the preview URL. Probe it to check it.' } })
  } catch (err) {
    const url = urlRefused(err)
    if (!url) throw err
    return render(c, caller, { createForm: { url: await submittedUrl(c), errors: { url } } }, 422)
  }
})

dashboardPreviewRoutes.post('/:previewUrlId', authorize('preview.update'), async (c) => {
  const caller = await requireCaller(c)
  const row = await loadRow(c)
  const form = await readForm(c, updatePreviewBody)
  if (!form.ok) {
    return render(
      c,
      caller,
      { editForm: { id: row.id, url: await submittedUrl(c), errors: form.errors } },
      400,
    )
  }
  try {
    const view = await updatePreviewUrlRow(c, row, form.data)
    const text = view.secretDiscarded
      ? 'Saved. The URL moved to another origin, so the stored probe secret was discarded: enter it again to verify probes.'
      : 'Saved.'
    return render(c, caller, { notice: { tone: view.secretDiscarded ? 'warn' : 'ok', text } })
  } catch (err) {
    const url = urlRefused(err)
    if (!url) throw err
    return render(c, caller, { editForm: { id: row.id, url: await submittedUrl(c), errors: { url } } }, 422)
  }
})

dashboardPreviewRoutes.post('/:previewUrlId/delete', authorize('preview.delete'), async (c) => {
  const caller = await requireCaller(c)
  await deletePreviewUrlRow(c, await loadRow(c))
  return render(c, caller, { notice: { tone: 'ok', text: 'Deleted the preview URL.' } })
})

dashboardPreviewRoutes.post('/:previewUrlId/probe', authorize('preview.probe'), async (c) => {
  const caller = await requireCaller(c)
  const row = await loadRow(c)
  try {
    return render(c, caller, { probed: { id: row.id, result: await probePreviewUrl(c, row) } })
  } catch (err) {
    if (!(err instanceof HttpProblem) || err.reason !== 'secret_unavailable') throw err
    const text = 'The stored probe secret cannot be opened with the configured keys: enter it again.'
    return render(c, caller, { notice: { tone: 'warn', text } })
  }
})
