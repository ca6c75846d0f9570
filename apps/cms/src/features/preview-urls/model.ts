/**
 * A preview URL as a space endpoint (`space-endpoints/`): its table, its probe secret sealed to
 * `sealContext('preview.probe', spaceId, id)`, and its public shape, which says only whether a secret is
 * set (no hint: the secret is an HMAC key shared with the storefront).
 */
import { type EndpointKind, endpointView } from '../space-endpoints/endpoint-kind'
import { deletePreviewUrl, findPreviewUrl, type PreviewUrlRow } from './store'

/** The `preview_urls` table as a space endpoint: audited as `preview.*`, target `preview_url`. */
export const previewUrlKind: EndpointKind<PreviewUrlRow> = {
  auditPrefix: 'preview',
  targetType: 'preview_url',
  purpose: 'preview.probe',
  idPrefix: 'pvu',
  notFound: 'No such preview URL',
  // A base that paths are appended to (the probe strips a trailing `/` too): `…/de` and `…/de/` are one.
  urlForm: 'base',
  endpoint: (row) => ({
    id: row.id,
    spaceId: row.space_id,
    url: row.url,
    secret: row.probe_secret_sealed === null ? null : { sealed: row.probe_secret_sealed, last4: null },
  }),
  find: findPreviewUrl,
  remove: deletePreviewUrl,
}

/** A preview URL as the API shows it: never the secret. */
export interface PreviewUrlView {
  id: string
  spaceId: string
  url: string
  /** The operator's name for it, or `null`. */
  label: string | null
  hasSecret: boolean
  lastProbe: {
    status: 'verified' | 'reachable_unverified' | 'failed'
    reason: string | null
    at: number
  } | null
  createdAt: number
  updatedAt: number
}

/**
 * Renders a row for the API.
 * @example return c.json(previewView(row))
 */
export function previewView(row: PreviewUrlRow): PreviewUrlView {
  return {
    ...endpointView(previewUrlKind.endpoint(row)),
    label: row.label,
    lastProbe:
      row.last_probe_status === null || row.last_probed_at === null
        ? null
        : { status: row.last_probe_status, reason: row.last_probe_reason, at: row.last_probed_at },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}
