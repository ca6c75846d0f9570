/**
 * The public shape of a preview URL and the handling of its probe secret: sealed to
 * `sealContext('preview.probe', spaceId, id)`, never shown (only `hasSecret`), opened only for a probe.
 */

import { openRowSecret, sealRowSecret } from '../../crypto/row-secret'
import type { Scope } from '../../domain/scope'
import type { PreviewUrlRow } from './store'

/** A preview URL as the API shows it: never the secret. */
export interface PreviewUrlView {
  id: string
  spaceId: string
  url: string
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
    id: row.id,
    spaceId: row.space_id,
    url: row.url,
    hasSecret: row.probe_secret_sealed !== null,
    lastProbe:
      row.last_probe_status === null || row.last_probed_at === null
        ? null
        : { status: row.last_probe_status, reason: row.last_probe_reason, at: row.last_probed_at },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/**
 * Seals a probe secret to its row.
 * @example const sealed = await sealProbeSecret(scope, spaceId, id, secret)
 */
export async function sealProbeSecret(
  scope: Scope,
  spaceId: string,
  id: string,
  secret: string,
): Promise<string> {
  return sealRowSecret(await scope.keyring(), { purpose: 'preview.probe', spaceId, id }, secret)
}

/**
 * Opens a row's probe secret for one probe; a value no configured key opens is a 409 problem.
 * @example const secret = await openProbeSecret(scope, row)
 */
export async function openProbeSecret(scope: Scope, row: PreviewUrlRow): Promise<string | undefined> {
  if (row.probe_secret_sealed === null) return undefined
  const owner = { purpose: 'preview.probe', spaceId: row.space_id, id: row.id } as const
  return openRowSecret(await scope.keyring(), owner, row.probe_secret_sealed)
}
