/**
 * The token list's listing of `api_tokens` (the dashboard's and the JSON API's): live or ended tokens of
 * one space, or both, narrowed by a name search and cut into numbered pages, with the total so a page can
 * say "page 2 of 3". Offset paging, not keyset: a space holds tens to a few hundred tokens, the (space_id,
 * created_at) index keeps an OFFSET of that size cheap, and numbered pages let an operator jump to the last
 * one; the drift offset paging has when rows are added while someone pages matters for an append-only log,
 * not for a list an admin is tidying.
 */
import { type ApiTokenSummary, liveAt, SUMMARY_COLUMNS } from './store'

/** One page of tokens and how many match in all. */
export interface ApiTokenPage {
  tokens: ApiTokenSummary[]
  total: number
}

/** Which tokens a list shows: usable ones, revoked or expired ones, or every one. */
export type ApiTokenState = 'live' | 'revoked' | 'all'

const STATE: Readonly<Record<ApiTokenState, string>> = {
  live: liveAt(3),
  revoked: `NOT (${liveAt(3)})`,
  // Names ?3 all the same: D1 refuses a bound parameter the statement does not use.
  all: '?3 = ?3',
}

// Ended tokens by when they ended (revoked or expired), the others newest first.
const ORDER: Readonly<Record<ApiTokenState, string>> = {
  live: 'created_at DESC, id',
  revoked: 'COALESCE(revoked_at, expires_at) DESC, id',
  all: 'created_at DESC, id',
}

// `instr` rather than LIKE: a typed `%` or `_` is searched for, not treated as a wildcard.
const NAMED = `(?2 = '' OR instr(lower(name), lower(?2)) > 0)`

/**
 * The tokens of a space in `state` as of `now` whose name contains `q` (ASCII case ignored).
 * @example const { tokens, total } = await pageApiTokens(env.DB, { spaceId, state: 'live', q: '', limit: 20, offset: 0, now })
 */
export async function pageApiTokens(
  db: D1Database,
  input: { spaceId: string; state: ApiTokenState; q: string; limit: number; offset: number; now: number },
): Promise<ApiTokenPage> {
  const match = `space_id = ?1 AND ${NAMED} AND ${STATE[input.state]}`
  const args = [input.spaceId, input.q, input.now] as const
  const [rows, count] = await Promise.all([
    db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM api_tokens WHERE ${match} ORDER BY ${ORDER[input.state]} LIMIT ?4 OFFSET ?5`,
      )
      .bind(...args, input.limit, input.offset)
      .all<ApiTokenSummary>(),
    db
      .prepare(`SELECT count(*) AS n FROM api_tokens WHERE ${match}`)
      .bind(...args)
      .first<number>('n'),
  ])
  return { tokens: rows.results, total: count ?? 0 }
}
