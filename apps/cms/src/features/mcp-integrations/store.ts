/**
 * Data access for `mcp_integrations`. The bearer arrives here already sealed (`space-endpoints/endpoint.ts`
 * seals it with the row's id in the context, so ids are chosen before the insert); this module never sees a
 * plaintext secret. The write inputs are the space endpoint's (`id`, `spaceId`, `url`, `now`, …) plus this
 * table's own columns.
 */

/** A row as stored. */
export interface McpIntegrationRow {
  id: string
  space_id: string
  name: string
  url: string
  bearer_sealed: string | null
  bearer_last4: string | null
  last_test_result: 'ok' | 'failed' | null
  last_test_reason: string | null
  last_tested_at: number | null
  created_by: string | null
  created_at: number
  updated_at: number
}

/** The writable fields of an integration (the bearer as sealed text plus its hint, or both null). */
export interface McpIntegrationFields {
  name: string
  url: string
  bearerSealed: string | null
  bearerLast4: string | null
}

/**
 * Inserts an integration with a caller-chosen id (the one its bearer was sealed to).
 * @example await insertMcpIntegration(env.DB, { id, spaceId, name, url, bearerSealed, bearerLast4, createdBy, now })
 */
export async function insertMcpIntegration(
  db: D1Database,
  input: McpIntegrationFields & { id: string; spaceId: string; createdBy: string | null; now: number },
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO mcp_integrations
         (id, space_id, name, url, bearer_sealed, bearer_last4, created_by, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)`,
    )
    .bind(
      input.id,
      input.spaceId,
      input.name,
      input.url,
      input.bearerSealed,
      input.bearerLast4,
      input.createdBy,
      input.now,
    )
    .run()
}

/**
 * The integrations of a space, oldest first.
 * @example const rows = await listMcpIntegrations(env.DB, spaceId)
 */
export async function listMcpIntegrations(db: D1Database, spaceId: string): Promise<McpIntegrationRow[]> {
  const res = await db
    .prepare('SELECT * FROM mcp_integrations WHERE space_id = ?1 ORDER BY created_at, id LIMIT 500')
    .bind(spaceId)
    .all<McpIntegrationRow>()
  return res.results
}

/**
 * How many integrations a space has.
 * @example const n = await countMcpIntegrations(env.DB, spaceId)
 */
export async function countMcpIntegrations(db: D1Database, spaceId: string): Promise<number> {
  const row = await db
    .prepare('SELECT count(*) AS n FROM mcp_integrations WHERE space_id = ?1')
    .bind(spaceId)
    .first<{ n: number }>()
  return row?.n ?? 0
}

/**
 * One integration of a space (an id from another space is not found).
 * @example const row = await findMcpIntegration(env.DB, spaceId, id)
 */
export async function findMcpIntegration(
  db: D1Database,
  spaceId: string,
  id: string,
): Promise<McpIntegrationRow | null> {
  return db
    .prepare('SELECT * FROM mcp_integrations WHERE id = ?1 AND space_id = ?2')
    .bind(id, spaceId)
    .first<McpIntegrationRow>()
}

/**
 * Replaces the writable fields; a changed URL also clears the last test result (it described the old one).
 * @example await updateMcpIntegration(env.DB, { id, spaceId, name, url, bearerSealed, bearerLast4, urlChanged, now })
 */
export async function updateMcpIntegration(
  db: D1Database,
  input: McpIntegrationFields & { id: string; spaceId: string; urlChanged: boolean; now: number },
): Promise<boolean> {
  const res = await db
    .prepare(
      `UPDATE mcp_integrations
          SET name = ?3, url = ?4, bearer_sealed = ?5, bearer_last4 = ?6, updated_at = ?7,
              last_test_result = CASE WHEN ?8 THEN NULL ELSE last_test_result END,
              last_test_reason = CASE WHEN ?8 THEN NULL ELSE last_test_reason END,
              last_tested_at = CASE WHEN ?8 THEN NULL ELSE last_tested_at END
        WHERE id = ?1 AND space_id = ?2`,
    )
    .bind(
      input.id,
      input.spaceId,
      input.name,
      input.url,
      input.bearerSealed,
      input.bearerLast4,
      input.now,
      input.urlChanged ? 1 : 0,
    )
    .run()
  return res.meta.changes > 0
}

/**
 * Stores the outcome of a connection test.
 * @example await recordMcpTest(env.DB, { id, spaceId, result: 'failed', reason: 'timeout', at: now })
 */
export async function recordMcpTest(
  db: D1Database,
  input: { id: string; spaceId: string; result: 'ok' | 'failed'; reason: string | null; at: number },
): Promise<void> {
  await db
    .prepare(
      `UPDATE mcp_integrations SET last_test_result = ?3, last_test_reason = ?4, last_tested_at = ?5
        WHERE id = ?1 AND space_id = ?2`,
    )
    .bind(input.id, input.spaceId, input.result, input.reason, input.at)
    .run()
}

/**
 * Deletes an integration; false when there was none.
 * @example const gone = await deleteMcpIntegration(env.DB, spaceId, id)
 */
export async function deleteMcpIntegration(db: D1Database, spaceId: string, id: string): Promise<boolean> {
  const res = await db
    .prepare('DELETE FROM mcp_integrations WHERE id = ?1 AND space_id = ?2')
    .bind(id, spaceId)
    .run()
  return res.meta.changes > 0
}
