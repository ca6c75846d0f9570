/**
 * Data access for `preview_urls`. The probe secret arrives here already sealed (`space-endpoints/endpoint.ts`
 * seals it to the row's id, chosen before the insert); this module never sees a plaintext secret. The write
 * inputs are the space endpoint's (`id`, `spaceId`, `url`, `now`, …) plus this table's own columns.
 */

/** A row as stored. */
export interface PreviewUrlRow {
  id: string
  space_id: string
  url: string
  label: string | null
  probe_secret_sealed: string | null
  last_probe_status: 'verified' | 'reachable_unverified' | 'failed' | null
  last_probe_reason: string | null
  last_probed_at: number | null
  created_by: string | null
  created_at: number
  updated_at: number
}

/**
 * Inserts a preview URL with a caller-chosen id, unless the space already has one at exactly this (canonical)
 * URL: one statement, so two racing requests cannot both add it. False when refused.
 * @example const added = await insertPreviewUrl(env.DB, { id, spaceId, url, label, secretSealed: null, createdBy, now })
 */
export async function insertPreviewUrl(
  db: D1Database,
  input: {
    id: string
    spaceId: string
    url: string
    label: string | null
    secretSealed: string | null
    createdBy: string | null
    now: number
  },
): Promise<boolean> {
  const res = await db
    .prepare(
      `INSERT INTO preview_urls (id, space_id, url, label, probe_secret_sealed, created_by, created_at, updated_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7
        WHERE NOT EXISTS (SELECT 1 FROM preview_urls WHERE space_id = ?2 AND url = ?3)`,
    )
    .bind(input.id, input.spaceId, input.url, input.label, input.secretSealed, input.createdBy, input.now)
    .run()
  return res.meta.changes > 0
}

/**
 * The preview URLs of a space, oldest first.
 * @example const rows = await listPreviewUrls(env.DB, spaceId)
 */
export async function listPreviewUrls(db: D1Database, spaceId: string): Promise<PreviewUrlRow[]> {
  const res = await db
    .prepare('SELECT * FROM preview_urls WHERE space_id = ?1 ORDER BY created_at, id LIMIT 500')
    .bind(spaceId)
    .all<PreviewUrlRow>()
  return res.results
}

/**
 * How many preview URLs a space has.
 * @example const n = await countPreviewUrls(env.DB, spaceId)
 */
export async function countPreviewUrls(db: D1Database, spaceId: string): Promise<number> {
  const row = await db
    .prepare('SELECT count(*) AS n FROM preview_urls WHERE space_id = ?1')
    .bind(spaceId)
    .first<{ n: number }>()
  return row?.n ?? 0
}

/**
 * One preview URL of a space (an id from another space is not found).
 * @example const row = await findPreviewUrl(env.DB, spaceId, id)
 */
export async function findPreviewUrl(
  db: D1Database,
  spaceId: string,
  id: string,
): Promise<PreviewUrlRow | null> {
  return db
    .prepare('SELECT * FROM preview_urls WHERE id = ?1 AND space_id = ?2')
    .bind(id, spaceId)
    .first<PreviewUrlRow>()
}

/**
 * Replaces URL, label and sealed secret. A change of URL or secret clears the last probe result (it
 * described the old setup); a label-only change keeps it. (SQLite evaluates every SET expression on the
 * row as it was, so the comparisons see the old values.)
 * @example await updatePreviewUrl(env.DB, { id, spaceId, url, label, secretSealed, now })
 */
export async function updatePreviewUrl(
  db: D1Database,
  input: {
    id: string
    spaceId: string
    url: string
    label: string | null
    secretSealed: string | null
    now: number
  },
): Promise<boolean> {
  const same = 'url = ?3 AND probe_secret_sealed IS ?4'
  const res = await db
    .prepare(
      `UPDATE preview_urls
          SET url = ?3, probe_secret_sealed = ?4, updated_at = ?5, label = ?6,
              last_probe_status = CASE WHEN ${same} THEN last_probe_status END,
              last_probe_reason = CASE WHEN ${same} THEN last_probe_reason END,
              last_probed_at = CASE WHEN ${same} THEN last_probed_at END
        WHERE id = ?1 AND space_id = ?2`,
    )
    .bind(input.id, input.spaceId, input.url, input.secretSealed, input.now, input.label)
    .run()
  return res.meta.changes > 0
}

/**
 * Stores the outcome of a probe.
 * @example await recordProbe(env.DB, { id, spaceId, status: 'verified', reason: null, at: now })
 */
export async function recordProbe(
  db: D1Database,
  input: {
    id: string
    spaceId: string
    status: 'verified' | 'reachable_unverified' | 'failed'
    reason: string | null
    at: number
  },
): Promise<void> {
  await db
    .prepare(
      `UPDATE preview_urls SET last_probe_status = ?3, last_probe_reason = ?4, last_probed_at = ?5
        WHERE id = ?1 AND space_id = ?2`,
    )
    .bind(input.id, input.spaceId, input.status, input.reason, input.at)
    .run()
}

/**
 * Deletes a preview URL; false when there was none.
 * @example const gone = await deletePreviewUrl(env.DB, spaceId, id)
 */
export async function deletePreviewUrl(db: D1Database, spaceId: string, id: string): Promise<boolean> {
  const res = await db
    .prepare('DELETE FROM preview_urls WHERE id = ?1 AND space_id = ?2')
    .bind(id, spaceId)
    .run()
  return res.meta.changes > 0
}
