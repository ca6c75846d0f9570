/**
 * What every cookie-authenticated request needs of its user, as statements the session lookup batches
 * with its own query, so the request reads D1 in one round trip: the user's roles (for `authorize`) and
 * the label pages name them by in the header (`domain/user-label.ts`), which a page would otherwise read
 * again.
 */
import type { UserRoles } from '../../domain/roles'
import type { Scope } from '../../domain/scope'
import { userLabel } from '../../domain/user-label'
import { sessionUserQuery, toSessionUser } from './store-labels'
import { roleQueries, toUserRoles } from './store-roles'

/** The reads of the user behind a session, to run in one batch with the session's own read. */
export interface SessionUserRead {
  statements: D1PreparedStatement[]
  /** The user's roles and label from the results of `statements`, in their order. */
  user(results: readonly D1Result<unknown>[]): { roles: UserRoles; label: string | undefined }
}

/**
 * The reads of a session's user, for the session lookup to batch with its own query.
 * @example const read = sessionUserRead(scope, sid); const [s, ...r] = await scope.db.batch([q, ...read.statements])
 */
export function sessionUserRead(scope: Scope, sid: string): SessionUserRead {
  const roles = roleQueries(scope.db, { sid })
  return {
    statements: [...roles, sessionUserQuery(scope.db, sid)],
    user: (results) => {
      const summary = toSessionUser(results[roles.length])
      const label = summary ? userLabel(summary, summary.id) : undefined
      return { roles: toUserRoles(results.slice(0, roles.length)), label }
    },
  }
}
