/**
 * The tokens page's listing of `api_tokens`: live or revoked tokens of one space, narrowed by a name search
 * and cut into numbered pages, with the total so the page can say "page 2 of 3". Offset paging, not keyset:
 * a space holds tens to a few hundred tokens, the (space_id, created_at) index keeps an OFFSET of that size
 * cheap, and numbered pages let an operator jump to the last one; the drift offset paging has when rows are
 * added while someone pages matters for an append-only log, not for a list an admin is tidying.
 */
import type { ApiTokenSummary } from './store'

/** One page of tokens and how many match in all. */
export interface ApiTokenPage {
  tokens: ApiTokenSummary[]
  total: number
}

const COLUMNS = `id, space_id AS spaceId, name, scope, last4, created_by AS createdBy,
  created_at AS createdAt, last_used_at AS lastUsedAt, revoked_at AS revokedAt`

// `instr` rather than LIKE: a typed `%` or `_` is searched for, not treated as a wildcard.
const MATCH = `space_id = ?1 AND (revoked_at IS NOT NULL) = ?2 AND (?3 = '' OR instr(lower(name), lower(?3)) > 0)`

/**
 * The live (or revoked) tokens of a space whose name contains `q` (ASCII case ignored), newest first (revoked
 * ones by revocation time).
 * @example const { tokens, total } = await pageApiTokens(env.DB, { spaceId, revoked: false, q: '', limit: 20, offset: 0 })
 */
export async function pageApiTokens(
  db: D1Database,
  input: { spaceId: string; revoked: boolean; q: string; limit: number; offset: number },
): Promise<ApiTokenPage> {
  const order = input.revoked ? 'revoked_at DESC, id' : 'created_at DESC, id'
  const args = [input.spaceId, input.revoked ? 1 : 0, input.q] as const
  const [rows, count] = await Promise.all([
    db
      .prepare(`SELECT ${COLUMNS} FROM api_tokens WHERE ${MATCH} ORDER BY ${order} LIMIT ?4 OFFSET ?5`)
      .bind(...args, input.limit, input.offset)
      .all<ApiTokenSummary>(),
    db
      .prepare(`SELECT count(*) AS n FROM api_tokens WHERE ${MATCH}`)
      .bind(...args)
      .first<number>('n'),
  ])
  return { tokens: rows.results, total: count ?? 0 }
}
