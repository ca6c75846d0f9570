/**
 * Managing users, shared by `/api/admin/users` and the dashboard's Users page: creating a local user,
 * disabling or enabling one, and signing one out everywhere. Each audits itself (target: the user), so
 * both front ends record the same entries. Disabling and signing out take effect on the user's next
 * request, since every request re-reads the session and the user's status from D1. Callers have passed
 * `authorize('users.create' | 'users.manage')`.
 */
import { z } from 'zod'
import { Conflict } from '../../domain/errors'
import type { Scope } from '../../domain/scope'
import { revokeUserSessions } from '../sessions/store'
import { hashPassword } from './password'
import { createLocalUser, setUserStatus, type UserSummary } from './store'

/** A user's status: a disabled user cannot sign in, and their sessions and tokens stop. */
export type UserStatus = 'active' | 'disabled'

/** The body of a status change (JSON or form). */
export const statusBody: z.ZodType<{ status: UserStatus }> = z.strictObject({
  status: z.enum(['active', 'disabled']),
})

const target = (userId: string) => ({ targetType: 'user', targetId: userId })

/**
 * Creates a local (password) user; `Conflict` when the email is taken.
 * @example const user = await createUser(scope, { email: 'ada@example.com', password })
 */
export async function createUser(
  scope: Scope,
  input: { email: string; password: string },
): Promise<UserSummary> {
  const passwordHash = await hashPassword(input.password, { onDerive: scope.onPasswordDerivation })
  const user = await createLocalUser(scope.db, { email: input.email, passwordHash, now: scope.now() })
  if (!user) throw new Conflict('A user with this email exists')
  await scope.audit.record({ action: 'users.create', outcome: 'success', ...target(user.id) })
  return user
}

/**
 * Disables or enables a user (the user exists: the caller checked).
 * @example await changeUserStatus(scope, userId, 'disabled')
 */
export async function changeUserStatus(scope: Scope, userId: string, status: UserStatus): Promise<void> {
  await setUserStatus(scope.db, userId, status, scope.now())
  await scope.audit.record({ action: 'users.status', outcome: 'success', ...target(userId) })
}

/**
 * Revokes every live session of a user; how many there were.
 * @example const revoked = await signOutEverywhere(scope, userId)
 */
export async function signOutEverywhere(scope: Scope, userId: string): Promise<number> {
  const revoked = await revokeUserSessions(scope.db, userId, scope.now())
  await scope.audit.record({ action: 'users.sessions_revoke', outcome: 'success', ...target(userId) })
  return revoked
}
