/**
 * Data access for `api_tokens`. Rows hold the token only sealed and as a SHA-256 digest; the listing
 * projection never selects either, so no route can leak them by returning a row. Revocation is soft and
 * erases the sealed value.
 */

import type { ApiTokenScope } from '../../domain/api-token-scope'

/** A token as listed: no digest, no sealed value. */
export interface ApiTokenSummary {
  id: string
  spaceId: string
  name: string
  scope: ApiTokenScope
  last4: string
  createdBy: string | null
  createdAt: number
  lastUsedAt: number | null
  revokedAt: number | null
}

/** What authentication needs: found by digest, compared again in constant time by the caller. */
export interface ApiTokenCredential {
  id: string
  spaceId: string
  scope: ApiTokenScope
  digest: string
  lastUsedAt: number | null
  revokedAt: number | null
  /** The user who created the token; `null` when that user no longer exists. */
  createdBy: string | null
  /** Whether that user exists and is `active` (a management token acts for them). */
  creatorActive: boolean
}

const SUMMARY_COLUMNS = `id, space_id AS spaceId, name, scope, last4, created_by AS createdBy,
  created_at AS createdAt, last_used_at AS lastUsedAt, revoked_at AS revokedAt`

/**
 * Inserts a new token row (id chosen by the caller, because the seal context needs it first), unless a live
 * token of the space already has this name (compared without regard to ASCII case): then `null`, nothing
 * written. The check and the insert are one statement, so two concurrent creates cannot both pass it.
 * @example const row = await insertApiToken(env.DB, { id, spaceId, name, scope, sealed, digest, last4, createdBy, now })
 */
export async function insertApiToken(
  db: D1Database,
  input: {
    id: string
    spaceId: string
    name: string
    scope: ApiTokenScope
    sealed: string
    digest: string
    last4: string
    createdBy: string | null
    now: number
  },
): Promise<ApiTokenSummary | null> {
  const res = await db
    .prepare(
      `INSERT INTO api_tokens (id, space_id, name, scope, token_sealed, token_digest, last4, created_by, created_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9
       WHERE NOT EXISTS (SELECT 1 FROM api_tokens
                         WHERE space_id = ?2 AND revoked_at IS NULL AND lower(name) = lower(?3))`,
    )
    .bind(
      input.id,
      input.spaceId,
      input.name,
      input.scope,
      input.sealed,
      input.digest,
      input.last4,
      input.createdBy,
      input.now,
    )
    .run()
  if (res.meta.changes === 0) return null
  return {
    id: input.id,
    spaceId: input.spaceId,
    name: input.name,
    scope: input.scope,
    last4: input.last4,
    createdBy: input.createdBy,
    createdAt: input.now,
    lastUsedAt: null,
    revokedAt: null,
  }
}

/**
 * The space's tokens, newest first (revoked ones included, marked by `revokedAt`).
 * @example const tokens = await listApiTokens(env.DB, spaceId)
 */
export async function listApiTokens(db: D1Database, spaceId: string): Promise<ApiTokenSummary[]> {
  const res = await db
    .prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM api_tokens WHERE space_id = ?1 ORDER BY created_at DESC, id LIMIT 500`,
    )
    .bind(spaceId)
    .all<ApiTokenSummary>()
  return res.results
}

/**
 * One token of the space as listed, live or revoked, or `null`.
 * @example const token = await findApiToken(env.DB, { spaceId, id })
 */
export async function findApiToken(
  db: D1Database,
  input: { spaceId: string; id: string },
): Promise<ApiTokenSummary | null> {
  return db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM api_tokens WHERE id = ?1 AND space_id = ?2`)
    .bind(input.id, input.spaceId)
    .first<ApiTokenSummary>()
}

/**
 * The row whose digest is `digest`, if any (the unique index makes this one indexed lookup), with whether
 * its creator is still an active user.
 * @example const cred = await findApiTokenByDigest(env.DB, digest)
 */
export async function findApiTokenByDigest(
  db: D1Database,
  digest: string,
): Promise<ApiTokenCredential | null> {
  const row = await db
    .prepare(
      `SELECT t.id, t.space_id AS spaceId, t.scope, t.token_digest AS digest, t.last_used_at AS lastUsedAt,
              t.revoked_at AS revokedAt, t.created_by AS createdBy,
              COALESCE(u.status = 'active', 0) AS creatorActive
       FROM api_tokens t LEFT JOIN users u ON u.id = t.created_by
       WHERE t.token_digest = ?1`,
    )
    .bind(digest)
    .first<Omit<ApiTokenCredential, 'creatorActive'> & { creatorActive: number }>()
  return row ? { ...row, creatorActive: row.creatorActive === 1 } : null
}

/**
 * The sealed value of a live token of this space, for reveal: `null` when there is no such token,
 * `'revoked'` when it was revoked.
 * @example const sealed = await findSealedApiToken(env.DB, { spaceId, id })
 */
export async function findSealedApiToken(
  db: D1Database,
  input: { spaceId: string; id: string },
): Promise<{ sealed: string } | 'revoked' | null> {
  const row = await db
    .prepare('SELECT token_sealed, revoked_at FROM api_tokens WHERE id = ?1 AND space_id = ?2')
    .bind(input.id, input.spaceId)
    .first<{ token_sealed: string | null; revoked_at: number | null }>()
  if (!row) return null
  if (row.revoked_at !== null || row.token_sealed === null) return 'revoked'
  return { sealed: row.token_sealed }
}

/**
 * Revokes a token of this space and erases its sealed value. Idempotent: a revoked token keeps its
 * first revocation time. `null` when the space has no such token.
 * @example const row = await revokeApiToken(env.DB, { spaceId, id, revokedBy: userId, now })
 */
export async function revokeApiToken(
  db: D1Database,
  input: { spaceId: string; id: string; revokedBy: string; now: number },
): Promise<ApiTokenSummary | null> {
  return db
    .prepare(
      `UPDATE api_tokens
       SET revoked_at = COALESCE(revoked_at, ?3), revoked_by = COALESCE(revoked_by, ?4), token_sealed = NULL
       WHERE id = ?1 AND space_id = ?2
       RETURNING ${SUMMARY_COLUMNS}`,
    )
    .bind(input.id, input.spaceId, input.now, input.revokedBy)
    .first<ApiTokenSummary>()
}

/**
 * Revokes every live token of `scopes` that `createdBy` created, in every space, and erases their sealed
 * values; the revoked tokens' ids and spaces.
 * @example const gone = await revokeCreatorTokens(env.DB, { createdBy, scopes: ['management'], revokedBy, now })
 */
export async function revokeCreatorTokens(
  db: D1Database,
  input: { createdBy: string; scopes: readonly string[]; revokedBy: string; now: number },
): Promise<{ id: string; spaceId: string }[]> {
  const res = await db
    .prepare(
      `UPDATE api_tokens SET revoked_at = ?2, revoked_by = ?3, token_sealed = NULL
       WHERE created_by = ?1 AND revoked_at IS NULL AND scope IN (SELECT value FROM json_each(?4))
       RETURNING id, space_id AS spaceId`,
    )
    .bind(input.createdBy, input.now, input.revokedBy, JSON.stringify(input.scopes))
    .all<{ id: string; spaceId: string }>()
  return res.results
}

/**
 * Records a use, unless one was recorded within `throttleMs` (the condition is in the UPDATE, so two
 * concurrent requests cannot both write). Returns whether a row changed.
 * @example await touchApiToken(env.DB, { id, now, throttleMs: 300_000 })
 */
export async function touchApiToken(
  db: D1Database,
  input: { id: string; now: number; throttleMs: number },
): Promise<boolean> {
  const res = await db
    .prepare(
      `UPDATE api_tokens SET last_used_at = ?2
       WHERE id = ?1 AND revoked_at IS NULL AND (last_used_at IS NULL OR last_used_at <= ?2 - ?3)`,
    )
    .bind(input.id, input.now, input.throttleMs)
    .run()
  return res.meta.changes > 0
}

/**
 * How many live (unrevoked) tokens a space has.
 * @example const n = await countLiveApiTokens(env.DB, spaceId)
 */
export async function countLiveApiTokens(db: D1Database, spaceId: string): Promise<number> {
  const row = await db
    .prepare('SELECT count(*) AS n FROM api_tokens WHERE space_id = ?1 AND revoked_at IS NULL')
    .bind(spaceId)
    .first<{ n: number }>()
  return row?.n ?? 0
}
