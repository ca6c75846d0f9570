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
  probe_secret_sealed: string | null
  last_probe_status: 'verified' | 'reachable_unverified' | 'failed' | null
  last_probe_reason: string | null
  last_probed_at: number | null
  created_by: string | null
  created_at: number
  updated_at: number
}

/**
 * Inserts a preview URL with a caller-chosen id.
 * @example await insertPreviewUrl(env.DB, { id, spaceId, url, secretSealed: null, createdBy, now })
 */
export async function insertPreviewUrl(
  db: D1Database,
  input: {
    id: string
    spaceId: string
    url: string
    secretSealed: string | null
    createdBy: string | null
    now: number
  },
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO preview_urls (id, space_id, url, probe_secret_sealed, created_by, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)`,
    )
    .bind(input.id, input.spaceId, input.url, input.secretSealed, input.createdBy, input.now)
    .run()
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
 * Replaces URL and sealed secret; any change clears the last probe result (it described the old setup).
 * @example await updatePreviewUrl(env.DB, { id, spaceId, url, secretSealed, now })
 */
export async function updatePreviewUrl(
  db: D1Database,
  input: { id: string; spaceId: string; url: string; secretSealed: string | null; now: number },
): Promise<boolean> {
  const res = await db
    .prepare(
      `UPDATE preview_urls
          SET url = ?3, probe_secret_sealed = ?4, updated_at = ?5,
              last_probe_status = NULL, last_probe_reason = NULL, last_probed_at = NULL
        WHERE id = ?1 AND space_id = ?2`,
    )
    .bind(input.id, input.spaceId, input.url, input.secretSealed, input.now)
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
