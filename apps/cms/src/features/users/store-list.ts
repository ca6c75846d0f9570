/**
 * The Users page's listing of `users`: narrowed by a search over the email (an IdP user's last `email`
 * claim included) or an exact user id and cut into numbered pages, with the total. Offset paging: the CMS has tens to
 * hundreds of users, so an OFFSET is cheap and numbered pages let an admin jump to the last one.
 */
import { SUMMARY_COLUMNS, type UserSummary } from './store'

/** One page of users and how many match in all. */
export interface UserPage {
  users: UserSummary[]
  total: number
}

// `instr` rather than LIKE: a typed `%` or `_` is searched for, not treated as a wildcard.
const MATCH = `(?1 = '' OR instr(lower(coalesce(email, idp_email, '')), lower(?1)) > 0 OR id = ?1)`

/**
 * The users whose email contains `q` (or whose id is `q`), oldest first.
 * @example const { users, total } = await pageUsers(env.DB, { q: 'ada', limit: 20, offset: 0 })
 */
export async function pageUsers(
  db: D1Database,
  input: { q: string; limit: number; offset: number },
): Promise<UserPage> {
  const [rows, count] = await Promise.all([
    db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM users WHERE ${MATCH} ORDER BY created_at, id LIMIT ?2 OFFSET ?3`,
      )
      .bind(input.q, input.limit, input.offset)
      .all<UserSummary>(),
    db.prepare(`SELECT count(*) AS n FROM users WHERE ${MATCH}`).bind(input.q).first<number>('n'),
  ])
  return { users: rows.results, total: count ?? 0 }
}
