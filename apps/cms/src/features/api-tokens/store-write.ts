/**
 * The writes that add a token to `api_tokens`: a create and a roll. Each is one statement (or one batch)
 * whose conditions hold at the write: a live name is unique in its space, a roll replaces a live token
 * once, and the creator is still active. When nothing is written, the answer says which condition
 * refused it.
 */
import type { ApiTokenScope } from '../../domain/api-token-scope'
import { type ApiTokenSummary, liveAt } from './store'

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

// The creator (bound at `?{n}`) is active at this write: a request authenticated before its user's
// disable must not write a token after the disable revoked theirs (it would work again on an enable).
const creatorActive = (n: number): string =>
  `(?${n} IS NULL OR EXISTS (SELECT 1 FROM users WHERE id = ?${n} AND status = 'active'))`

// The insert of a new token, unless a live, unreplaced token of the space has its name (ASCII case
// ignored) or its creator is no longer active, plus an extra condition (`?12` onwards) a roll adds.
const INSERT = `INSERT INTO api_tokens (id, space_id, name, description, scope, token_sealed, token_digest, last4,
                          created_by, created_at, expires_at)
  SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11
  WHERE ${creatorActive(9)}
    AND NOT EXISTS (SELECT 1 FROM api_tokens
                    WHERE space_id = ?2 AND replaced_by IS NULL AND ${liveAt(10)} AND lower(name) = lower(?3))`

/** Why a token write stored nothing. */
export type TokenWriteRefused = 'name_taken' | 'creator_inactive'

/** Whether the creator of `input` is still active, read in the same batch as the write it explains. */
const creatorActiveRead = (db: D1Database, input: NewApiToken): D1PreparedStatement =>
  db.prepare(`SELECT ${creatorActive(1)} AS active`).bind(input.createdBy)

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
           AND ${creatorActive(6)}`,
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
