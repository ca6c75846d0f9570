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
  /** What the token is for, as its creator wrote it. */
  description: string | null
  scope: ApiTokenScope
  last4: string
  createdBy: string | null
  createdAt: number
  lastUsedAt: number | null
  /** When it stops authenticating (epoch ms); `null`: never. */
  expiresAt: number | null
  revokedAt: number | null
  /** The token a roll issued in its place (this one then ends at `expiresAt`). */
  replacedBy: string | null
}

/** What authentication needs: found by digest, compared again in constant time by the caller. */
export interface ApiTokenCredential {
  id: string
  spaceId: string
  scope: ApiTokenScope
  digest: string
  lastUsedAt: number | null
  revokedAt: number | null
  expiresAt: number | null
  /** The user who created the token; `null` when that user no longer exists. */
  createdBy: string | null
  /** Whether that user exists and is `active` (a management token acts for them). */
  creatorActive: boolean
}

/** The listing projection (never the digest or the sealed value), shared with `store-list.ts`. */
export const SUMMARY_COLUMNS = `id, space_id AS spaceId, name, description, scope, last4, created_by AS createdBy,
  created_at AS createdAt, last_used_at AS lastUsedAt, expires_at AS expiresAt, revoked_at AS revokedAt,
  replaced_by AS replacedBy`

/**
 * The SQL condition of a token that may still be used at time `?{n}`: not revoked, not past its expiry. A
 * rolled token stays live until its overlap ends (its `expires_at`).
 * @example `WHERE space_id = ?1 AND ${liveAt(2)}`
 */
export function liveAt(n: number, alias = ''): string {
  return `${alias}revoked_at IS NULL AND (${alias}expires_at IS NULL OR ${alias}expires_at > ?${n})`
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
              t.revoked_at AS revokedAt, t.expires_at AS expiresAt, t.created_by AS createdBy,
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
 * `'revoked'` when it was revoked, and `'ended'` when it expired or a roll replaced it (a replaced secret is
 * on its way out: the new one is what to hand out).
 * @example const sealed = await findSealedApiToken(env.DB, { spaceId, id, now })
 */
export async function findSealedApiToken(
  db: D1Database,
  input: { spaceId: string; id: string; now: number },
): Promise<{ sealed: string } | 'revoked' | 'ended' | null> {
  const row = await db
    .prepare(
      'SELECT token_sealed, revoked_at, expires_at, replaced_by FROM api_tokens WHERE id = ?1 AND space_id = ?2',
    )
    .bind(input.id, input.spaceId)
    .first<{
      token_sealed: string | null
      revoked_at: number | null
      expires_at: number | null
      replaced_by: string | null
    }>()
  if (!row) return null
  if (row.revoked_at !== null || row.token_sealed === null) return 'revoked'
  if (row.replaced_by !== null || (row.expires_at !== null && row.expires_at <= input.now)) return 'ended'
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
 * How many live (unrevoked, unexpired) tokens a space has.
 * @example const n = await countLiveApiTokens(env.DB, spaceId, now)
 */
export async function countLiveApiTokens(db: D1Database, spaceId: string, now: number): Promise<number> {
  const row = await db
    .prepare(`SELECT count(*) AS n FROM api_tokens WHERE space_id = ?1 AND ${liveAt(2)}`)
    .bind(spaceId, now)
    .first<{ n: number }>()
  return row?.n ?? 0
}
