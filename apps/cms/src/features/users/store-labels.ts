/**
 * What a page needs to name many users at once, in one read: each existing user's summary columns, and
 * for a deleted user the name they had (`deleted_users`). The ids travel as one JSON parameter, so any
 * number of them is one statement (D1 binds at most 100 parameters).
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
