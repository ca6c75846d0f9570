/**
 * Users named in bulk, by the one rule every page uses (`domain/user-label.ts`): the audit log's actors
 * and targets, the invitations page's inviters. A deleted user keeps the name they had; a user with
 * neither an email nor a name gets no label, so the page shows their id alone.
 */
import type { Scope } from '../../domain/scope'
import { userLabel } from '../../domain/user-label'
import { findLabelRows } from './store-labels'

/**
 * Labels of the users among `ids`, by id, read in one statement.
 * @example const labels = await userLabels(scope, ['usr_…']) // Map { 'usr_…' => 'ada@example.com' }
 */
export async function userLabels(scope: Scope, ids: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)]
  const labels = new Map<string, string>()
  if (wanted.length === 0) return labels
  const { users, deleted } = await findLabelRows(scope.db, wanted)
  for (const row of deleted) labels.set(row.id, row.label)
  for (const user of users) {
    if (user.email !== null || user.name !== null) labels.set(user.id, userLabel(user, user.id))
  }
  return labels
}
