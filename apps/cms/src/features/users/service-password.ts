/**
 * Passwords of local users, the feature's door for them: a user changes their own (the current one
 * first, throttled like a sign-in; their other sessions end) and an admin resets someone's (a generated
 * one, shown once; every session of theirs ends). Both audit themselves. IdP users have no password here.
 */
import * as z from 'zod'
import type { UserCaller } from '../../domain/caller'
import { Conflict, InvalidCredentials, NotFound } from '../../domain/errors'
import type { Scope } from '../../domain/scope'
import { reservePasswordGuess } from '../sessions/password-guess'
import { revokeOtherSessions, revokeUserSessions } from '../sessions/service'
import { generatePassword, hashPassword, verifyPassword } from './password'
import { findUserById, setPasswordHash } from './store'

const target = (userId: string) => ({ targetType: 'user', targetId: userId })

/** The body of a password change (JSON): 12+ characters, as for a new local user. */
export const passwordChangeBody: z.ZodType<{ currentPassword: string; newPassword: string }> = z.strictObject(
  {
    currentPassword: z.string().min(1).max(1024),
    newPassword: z.string().min(12, 'At least 12 characters').max(1024),
  },
)

/**
 * A local user changes their own password: the current one is checked first (`InvalidCredentials`
 * otherwise, audited as a failure), then the new hash is stored and the user's other sessions are
 * revoked; the session that made the change stays. Audited as `auth.password_change`. The check is a
 * guess at the password like a sign-in, so it draws on the sign-in's throttle (`LockedOut`, audited,
 * before any PBKDF2 work): a stolen session cookie cannot guess the password without limit.
 * @example await changeOwnPassword(scope, caller, { currentPassword, newPassword })
 */
export async function changeOwnPassword(
  scope: Scope,
  caller: UserCaller,
  body: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await findUserById(scope.db, caller.userId)
  const guess = await reservePasswordGuess(scope, user?.email ?? caller.userId, {
    action: 'auth.password_change',
    ...target(caller.userId),
  })
  const hash = user?.password_hash ?? undefined
  const ok = await verifyPassword(body.currentPassword, hash, scope.onPasswordDerivation)
  if (!ok || hash === undefined) {
    await scope.audit.record({
      action: 'auth.password_change',
      outcome: 'failure',
      reason: 'invalid_credentials',
      ...target(caller.userId),
    })
    throw new InvalidCredentials()
  }
  await guess.succeeded()
  const next = await hashPassword(body.newPassword, { onDerive: scope.onPasswordDerivation })
  await setPasswordHash(scope.db, caller.userId, next, scope.now())
  await revokeOtherSessions(scope, caller.userId, caller.sid)
  await scope.audit.record({ action: 'auth.password_change', outcome: 'success', ...target(caller.userId) })
}

/**
 * An admin resets a local user's password: a new generated one replaces it, every session of the user
 * ends, and the password is returned to be shown once (it is stored only as its hash). `Conflict` for a
 * user without a password (an IdP user). Audited as `users.password_reset`.
 * @example const password = await resetPassword(scope, userId)
 */
export async function resetPassword(scope: Scope, userId: string): Promise<string> {
  const user = await findUserById(scope.db, userId)
  if (!user) throw new NotFound('No such user')
  if (user.password_hash === null)
    throw new Conflict('This user signs in through the IdP: no password to reset')
  const password = generatePassword()
  await setPasswordHash(
    scope.db,
    userId,
    await hashPassword(password, { onDerive: scope.onPasswordDerivation }),
    scope.now(),
  )
  await revokeUserSessions(scope, userId)
  await scope.audit.record({ action: 'users.password_reset', outcome: 'success', ...target(userId) })
  return password
}
