/**
 * `/spaces/:spaceId/settings/preview-urls`: the Preview URLs page, the shared space endpoint pages
 * (`space-endpoints/page-endpoints.tsx`) filled in with this feature's service, its `preview.*` actions and
 * its words. "Probe now" runs the service's probe.
 */
import type { Hono } from 'hono'
import type { CmsHono } from '../../http/hono-types'
import { createEndpointPages } from '../space-endpoints/page-endpoints'
import { previewUrlKind, previewView } from './model'
import {
  createPreviewBody,
  createPreviewUrl,
  deletePreviewUrlRow,
  listPreviewUrls,
  probePreviewUrl,
  updatePreviewBody,
  updatePreviewUrlRow,
} from './service'
import { previewLabels } from './view'

/** The preview URL pages, mounted at `/spaces/:spaceId/settings/preview-urls`. */
export const previewUrlsPages: Hono<CmsHono> = createEndpointPages({
  kind: previewUrlKind,
  param: 'previewUrlId',
  actions: {
    list: 'preview.list',
    create: 'preview.create',
    update: 'preview.update',
    delete: 'preview.delete',
    call: 'preview.probe',
  },
  service: {
    list: listPreviewUrls,
    view: previewView,
    createBody: createPreviewBody,
    create: createPreviewUrl,
    updateBody: updatePreviewBody,
    update: updatePreviewUrlRow,
    remove: deletePreviewUrlRow,
    call: probePreviewUrl,
  },
  labels: previewLabels,
  // Addresses differing only in a trailing `/` or letter case are one (`endpoint-url.ts`): say so.
  duplicate:
    'This space already has a preview URL at this address (a trailing / or capital letters make no difference). Edit that one instead.',
  notices: {
    added: () => 'Added the preview URL. Probe it to check it.',
    saved: (view) =>
      view.secretDiscarded
        ? 'Saved. The URL moved to another origin, so the stored probe secret was discarded: enter it again to verify probes.'
        : 'Saved.',
    deleted: () => 'Deleted the preview URL.',
  },
})
