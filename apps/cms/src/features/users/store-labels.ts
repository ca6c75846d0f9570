/**
 * What a page needs to name users: many at once, in one read (each existing user's summary columns, and
 * for a deleted user the name they had, `deleted_users`; the ids travel as one JSON parameter, so any
 * number of them is one statement, where D1 binds at most 100 parameters), or the user behind a session,
 * as a statement the session lookup batches with its own.
 */
import { SUMMARY_COLUMNS, type SummaryRow, summaryRow, type UserSummary } from './store'

/** The users among `ids`, and the deleted ones by the label they had. */
export interface LabelRows {
  users: UserSummary[]
  deleted: { id: string; label: string }[]
}

/**
 * The rows to name `ids` with (ids of no user, past or present, are left out).
 * @example const { users, deleted } = await findLabelRows(env.DB, ['usr_…'])
 */
export async function findLabelRows(db: D1Database, ids: readonly string[]): Promise<LabelRows> {
  const list = JSON.stringify(ids)
  const [users, deleted] = await db.batch([
    db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM users WHERE id IN (SELECT value FROM json_each(?1))`)
      .bind(list),
    db
      .prepare('SELECT id, label FROM deleted_users WHERE id IN (SELECT value FROM json_each(?1))')
      .bind(list),
  ])
  return {
    users: ((users?.results ?? []) as SummaryRow[]).map(summaryRow),
    deleted: (deleted?.results ?? []) as { id: string; label: string }[],
  }
}

/**
 * The summary of the user behind session `sid`, for the session lookup's batch (`session-user.ts`).
 * @example const [row] = (await db.batch([sessionUserQuery(db, sid)]))[0]?.results ?? []
 */
export function sessionUserQuery(db: D1Database, sid: string): D1PreparedStatement {
  return db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM users WHERE id = (SELECT user_id FROM sessions WHERE id = ?1)`)
    .bind(sid)
}

/**
 * The summary in the result of {@link sessionUserQuery}, or `null`.
 * @example const user = toSessionUser(results[0])
 */
export function toSessionUser(result: D1Result<unknown> | undefined): UserSummary | null {
  const row = result?.results[0] as SummaryRow | undefined
  return row ? summaryRow(row) : null
}
