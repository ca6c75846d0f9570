/**
 * The Users pages' reading of `users`, each user with how they sign in (local or IdP): one user's page, and
 * the table, narrowed by a search over the email (an IdP user's last `email` claim included) or an exact
 * user id and cut into numbered pages, with the total. Offset paging: the CMS has tens to hundreds of
 * users, so an OFFSET is cheap and numbered pages let an admin jump to the last one.
 */

import { SUMMARY_COLUMNS, type SummaryRow, summaryRow, type UserSummary } from './store'
import { shownEmailSql } from './store-shown-email'

/** A user as the Users table lists them: with how they sign in (a local password, or the IdP). */
export interface ListedUser extends UserSummary {
  kind: 'local' | 'idp'
}

type ListedRow = SummaryRow & Pick<ListedUser, 'kind'>

/** One page of users and how many match in all. */
export interface UserPage {
  users: ListedUser[]
  total: number
}

// An IdP user has no login email (their address is the IdP's `email` claim); a local user always has one.
const KIND = "CASE WHEN email IS NULL THEN 'idp' ELSE 'local' END AS kind"

// `instr` rather than LIKE: a typed `%` or `_` is searched for, not treated as a wildcard.
const MATCH = `(?1 = '' OR instr(lower(coalesce(${shownEmailSql()}, '')), lower(?1)) > 0 OR id = ?1)`

/**
 * The user with this id as the Users table lists them, or `null`.
 * @example const user = await findListedUser(env.DB, userId)
 */
export async function findListedUser(db: D1Database, id: string): Promise<ListedUser | null> {
  const row = await db
    .prepare(`SELECT ${SUMMARY_COLUMNS}, ${KIND} FROM users WHERE id = ?1`)
    .bind(id)
    .first<ListedRow>()
  return row && summaryRow(row)
}

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
        `SELECT ${SUMMARY_COLUMNS}, ${KIND} FROM users WHERE ${MATCH} ORDER BY created_at, id LIMIT ?2 OFFSET ?3`,
      )
      .bind(input.q, input.limit, input.offset)
      .all<ListedRow>(),
    db.prepare(`SELECT count(*) AS n FROM users WHERE ${MATCH}`).bind(input.q).first<number>('n'),
  ])
  return { users: rows.results.map(summaryRow), total: count ?? 0 }
}
