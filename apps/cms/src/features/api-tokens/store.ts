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

/** A new token row, as `insertApiToken` and `rollApiTokenRows` write it. */
export interface NewApiToken {
  id: string
  spaceId: string
  name: string
  description: string | null
  scope: ApiTokenScope
  sealed: string
  digest: string
  last4: string
  createdBy: string | null
  expiresAt: number | null
  now: number
}

function summaryOf(input: NewApiToken): ApiTokenSummary {
  return {
    id: input.id,
    spaceId: input.spaceId,
    name: input.name,
    description: input.description,
    scope: input.scope,
    last4: input.last4,
    createdBy: input.createdBy,
    createdAt: input.now,
    lastUsedAt: null,
    expiresAt: input.expiresAt,
    revokedAt: null,
    replacedBy: null,
  }
}

// The creator (`?9`) is active at this write: a request authenticated before its user's disable must
// not write a token after the disable revoked theirs (it would work again on an enable).
const CREATOR_ACTIVE = `(?9 IS NULL OR EXISTS (SELECT 1 FROM users WHERE id = ?9 AND status = 'active'))`

// The insert of a new token, unless a live, unreplaced token of the space has its name (ASCII case
// ignored) or its creator is no longer active, plus an extra condition (`?12` onwards) a roll adds.
const INSERT = `INSERT INTO api_tokens (id, space_id, name, description, scope, token_sealed, token_digest, last4,
                          created_by, created_at, expires_at)
  SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11
  WHERE ${CREATOR_ACTIVE}
    AND NOT EXISTS (SELECT 1 FROM api_tokens
                    WHERE space_id = ?2 AND replaced_by IS NULL AND ${liveAt(10)} AND lower(name) = lower(?3))`

/** Why a token write stored nothing. */
export type TokenWriteRefused = 'name_taken' | 'creator_inactive'

/** Whether the creator of `input` is still active, read in the same batch as the write it explains. */
const creatorActiveRead = (db: D1Database, input: NewApiToken): D1PreparedStatement =>
  db.prepare(`SELECT ${CREATOR_ACTIVE.replaceAll('?9', '?1')} AS active`).bind(input.createdBy)

const activeIn = (result: D1Result<unknown> | undefined): boolean =>
  (result?.results[0] as { active?: number } | undefined)?.active === 1

function bindInsert(
  db: D1Database,
  sql: string,
  input: NewApiToken,
  ...extra: unknown[]
): D1PreparedStatement {
  return db
    .prepare(sql)
    .bind(
      input.id,
      input.spaceId,
      input.name,
      input.description,
      input.scope,
      input.sealed,
      input.digest,
      input.last4,
      input.createdBy,
      input.now,
      input.expiresAt,
      ...extra,
    )
}

/**
 * Inserts a new token row (id chosen by the caller, because the seal context needs it first), unless a live
 * token of the space already has this name (compared without regard to ASCII case: `name_taken`) or its
 * creator is no longer active (`creator_inactive`); then nothing is written. The checks and the insert are
 * one statement, so two concurrent creates cannot both pass them, nor a create the disable it raced.
 * @example const row = await insertApiToken(env.DB, { id, spaceId, name, description, scope, sealed, digest, last4, createdBy, expiresAt, now })
 */
export async function insertApiToken(
  db: D1Database,
  input: NewApiToken,
): Promise<ApiTokenSummary | TokenWriteRefused> {
  const [inserted, creator] = await db.batch([bindInsert(db, INSERT, input), creatorActiveRead(db, input)])
  if ((inserted?.meta.changes ?? 0) > 0) return summaryOf(input)
  return activeIn(creator) ? 'name_taken' : 'creator_inactive'
}

/**
 * A roll, as one batch: the live, unreplaced token `oldId` is marked replaced by `next` and ends at
 * `endsAt` (or its own earlier expiry), and `next` is inserted under the same name only if that update
 * happened (so two concurrent rolls of one token cannot both mint). Both need `next`'s creator (the one
 * rolling) to be active. `not_live` when the old token was not live, `creator_inactive` when the roller
 * was disabled meanwhile; nothing written either way.
 * @example const row = await rollApiTokenRows(env.DB, { oldId, endsAt, next })
 */
export async function rollApiTokenRows(
  db: D1Database,
  input: { oldId: string; endsAt: number; next: NewApiToken },
): Promise<ApiTokenSummary | 'not_live' | 'creator_inactive'> {
  const { next } = input
  const [, inserted, creator] = await db.batch([
    db
      .prepare(
        `UPDATE api_tokens SET replaced_by = ?3, expires_at = min(COALESCE(expires_at, ?4), ?4)
         WHERE id = ?1 AND space_id = ?2 AND replaced_by IS NULL AND ${liveAt(5)}
           AND ${CREATOR_ACTIVE.replaceAll('?9', '?6')}`,
      )
      .bind(input.oldId, next.spaceId, next.id, input.endsAt, next.now, next.createdBy),
    bindInsert(
      db,
      `${INSERT} AND EXISTS (SELECT 1 FROM api_tokens WHERE id = ?12 AND replaced_by = ?1)`,
      next,
      input.oldId,
    ),
    creatorActiveRead(db, next),
  ])
  if ((inserted?.meta.changes ?? 0) > 0) return summaryOf(next)
  return activeIn(creator) ? 'not_live' : 'creator_inactive'
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
