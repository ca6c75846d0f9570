/**
 * Users, the feature's door: finding and listing them (the dashboard, the API, sign-in and the audit
 * filter read users only through here), the user behind an IdP identity, the password check of a local
 * account, and managing them, shared by `/api/admin/users` and the dashboard's Users page: creating a local
 * user, disabling or enabling one, and signing one out everywhere. Each change audits itself (target: the
 * user), so both front ends record the same entries. Disabling and signing out take effect on the user's next
 * request, since every request re-reads the session and the user's status from D1; disabling also revokes
 * the user's sessions and management tokens, so enabling them again revives none. Callers have passed
 * `authorize('users.create' | 'users.manage')`.
 */
import * as z from 'zod'
import type { UserCaller } from '../../domain/caller'
import { Conflict, LastAdmin, NotFound } from '../../domain/errors'
import type { Scope } from '../../domain/scope'
import { userLabel } from '../../domain/user-label'
import { revokeTokensActingFor } from '../api-tokens/service'
import { revokeUserSessions } from '../sessions/service'
import type { IdpProfile } from './idp-profile'
import { claimByEmail } from './invitations'
import { hashPassword, verifyPassword } from './password'
import { refuseLastAdmin } from './roles'
import {
  createLocalUser,
  deleteUserRow,
  findUserByEmail,
  findUserById,
  listUsers,
  setIdpProfile,
  setUserStatus,
  type UserRow,
  type UserSummary,
  upsertOidcUser,
} from './store'
import { findListedUser, type ListedUser, pageUsers, type UserPage } from './store-list'
import { shownEmailOf } from './store-shown-email'

/** A user's status: a disabled user cannot sign in, and their sessions and tokens stop. */
export type UserStatus = 'active' | 'disabled'

/** The body of a status change (JSON or form). */
export const statusBody: z.ZodType<{ status: UserStatus }> = z.strictObject({
  status: z.enum(['active', 'disabled']),
})

const target = (userId: string) => ({ targetType: 'user', targetId: userId })

/**
 * The user with this id (no password hash), or `null`.
 * @example const user = await findUser(scope, caller.userId)
 */
export async function findUser(scope: Scope, id: string): Promise<UserSummary | null> {
  const row = await findUserById(scope.db, id)
  return row && summaryOf(row)
}

function summaryOf(row: UserRow): UserSummary {
  const { id, status, created_at, name } = row
  return { id, ...shownEmailOf(row), name, status, created_at }
}

/**
 * The id of the user with this (lower-cased) email, or `null`.
 * @example const userId = await userIdByEmail(scope, 'ada@example.com')
 */
export async function userIdByEmail(scope: Scope, email: string): Promise<string | null> {
  return (await findUserByEmail(scope.db, email))?.id ?? null
}

/**
 * All users, oldest first (bounded: the CMS has tens of users, not millions).
 * @example const users = await allUsers(scope)
 */
export async function allUsers(scope: Scope): Promise<UserSummary[]> {
  return listUsers(scope.db)
}

/**
 * The user with this id as the Users pages show them (with how they sign in), or `null`.
 * @example const user = await findListedUserById(scope, userId)
 */
export async function findListedUserById(scope: Scope, id: string): Promise<ListedUser | null> {
  return findListedUser(scope.db, id)
}

/**
 * The users whose email contains `q` (or whose id is `q`), one numbered page of them.
 * @example const { users, total } = await findUsers(scope, { q: 'ada', limit: 20, offset: 0 })
 */
export async function findUsers(
  scope: Scope,
  query: { q: string; limit: number; offset: number },
): Promise<UserPage> {
  return pageUsers(scope.db, query)
}

/**
 * The user behind an OIDC identity, created (with no role) on first sight; keyed by (iss, sub) only. With
 * a `profile` (a dashboard sign-in's ID token) the user's email and name are refreshed from it, and a
 * verified email claims the invitations waiting for it. With `keepStored` (the IdP's userinfo failed), an
 * email or name the profile lacks keeps its stored value instead of being cleared.
 * @example const user = await userOfIdentity(scope, { iss, sub }, idpProfileOf(payload))
 */
export async function userOfIdentity(
  scope: Scope,
  identity: { iss: string; sub: string },
  given?: IdpProfile,
  options: { keepStored?: boolean } = {},
): Promise<UserSummary> {
  const now = scope.now()
  const row = await upsertOidcUser(scope.db, { ...identity, now })
  if (!given) return summaryOf(row)
  const profile = options.keepStored ? withStored(given, row) : given
  await setIdpProfile(scope.db, row.id, profile, now)
  if (profile.email !== null && profile.emailVerified && row.status === 'active') {
    await claimByEmail(scope, row.id, profile.email)
  }
  return summaryOf({
    ...row,
    idp_email: profile.email,
    idp_email_verified: profile.emailVerified ? 1 : 0,
    name: profile.name,
  })
}

function withStored(profile: IdpProfile, row: UserRow): IdpProfile {
  const email =
    profile.email === null
      ? { email: row.idp_email, emailVerified: row.idp_email_verified === 1 }
      : { email: profile.email, emailVerified: profile.emailVerified }
  return { ...email, name: profile.name ?? row.name }
}

/**
 * The active user behind an IdP access token, or `null` when their account is disabled or the token was
 * issued before their last disable: a credential the CMS cannot revoke (issued at `issuedAt`, epoch ms,
 * `null` when it does not say) stays ended after the user is enabled again. One row read per request.
 * @example const userId = await userOfIdpToken(scope, { iss, sub }, identity.issuedAt)
 */
export async function userOfIdpToken(
  scope: Scope,
  identity: { iss: string; sub: string },
  issuedAt: number | null,
): Promise<string | null> {
  const row = await upsertOidcUser(scope.db, { ...identity, now: scope.now() })
  if (row.status !== 'active') return null
  if (row.credentials_valid_after !== 0 && (issuedAt === null || issuedAt <= row.credentials_valid_after)) {
    return null
  }
  return row.id
}

/**
 * The id of the active local user with this email and password, or `null`. An unknown, disabled or
 * password-less account costs the same one derivation as a wrong password.
 * @example const userId = await passwordOwner(scope, 'ada@example.com', password)
 */
export async function passwordOwner(scope: Scope, email: string, password: string): Promise<string | null> {
  const user = await findUserByEmail(scope.db, email)
  const usable = user !== null && user.status === 'active' && user.password_hash !== null
  const ok = await verifyPassword(
    password,
    usable ? user.password_hash : undefined,
    scope.onPasswordDerivation,
  )
  return ok && usable ? user.id : null
}

/**
 * Creates a local (password) user, who takes the invitations waiting for the email; `Conflict` when the
 * email is taken.
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
  // The admin who typed the address vouches for it, as the IdP's email_verified does for an IdP user.
  await claimByEmail(scope, user.id, input.email)
  return user
}

/**
 * Disables or enables a user (the user exists: the caller checked), audited with `disabled` or `enabled`
 * as reason. Disabling ends the user's sessions and the management tokens that act for them for good
 * (revoked, not suspended: enabling again revives none). `LastAdmin` (audited) for the caller themselves
 * or the last active global admin.
 * @example await changeUserStatus(scope, caller, userId, 'disabled')
 */
export async function changeUserStatus(
  scope: Scope,
  caller: UserCaller,
  userId: string,
  status: UserStatus,
): Promise<void> {
  if (status === 'disabled') {
    if (userId === caller.userId) {
      await scope.audit.record({
        action: 'users.status',
        outcome: 'failure',
        reason: 'last_admin',
        ...target(userId),
      })
      throw new LastAdmin('You cannot disable yourself')
    }
  }
  // The status first: from here on no request of the user passes, whatever the revocations below meet.
  const changed = await setUserStatus(scope.db, userId, status, scope.now())
  if (changed === 'last_admin') await refuseLastAdmin(scope, userId, 'users.status')
  if (changed === 'missing') throw new NotFound('No such user')
  if (status === 'disabled') {
    await revokeUserSessions(scope, userId)
    await revokeTokensActingFor(scope, caller, userId)
  }
  const reason = status === 'disabled' ? 'disabled' : 'enabled'
  await scope.audit.record({ action: 'users.status', outcome: 'success', reason, ...target(userId) })
}

/**
 * Deletes a user: the management tokens acting for them are revoked, their sessions, roles and IdP
 * identities go with the row, and the audit log keeps naming them by the name they had. `LastAdmin`
 * (audited) for the caller themselves or the last active global admin; `NotFound` for no such user.
 * @example await deleteUserAccount(scope, caller, userId)
 */
export async function deleteUserAccount(scope: Scope, caller: UserCaller, userId: string): Promise<void> {
  if (userId === caller.userId) {
    await scope.audit.record({
      action: 'users.delete',
      outcome: 'failure',
      reason: 'last_admin',
      ...target(userId),
    })
    throw new LastAdmin('You cannot delete yourself')
  }
  const user = await findUser(scope, userId)
  if (!user) throw new NotFound('No such user')
  // Disabled first, by the write that holds the last-admin rule: nothing else changes if it refuses, and
  // from here no request of theirs passes and a concurrent removal of another admin counts them out.
  const disabled = await setUserStatus(scope.db, userId, 'disabled', scope.now())
  if (disabled === 'last_admin') await refuseLastAdmin(scope, userId, 'users.delete')
  if (disabled === 'missing') throw new NotFound('No such user')
  await revokeTokensActingFor(scope, caller, userId)
  const deleted = await deleteUserRow(scope.db, {
    id: userId,
    label: userLabel(user, userId),
    deletedBy: caller.userId,
    now: scope.now(),
  })
  if (!deleted) throw new NotFound('No such user')
  await scope.audit.record({ action: 'users.delete', outcome: 'success', ...target(userId) })
}

/**
 * Revokes every live session of a user; how many there were.
 * @example const revoked = await signOutEverywhere(scope, userId)
 */
export async function signOutEverywhere(scope: Scope, userId: string): Promise<number> {
  const revoked = await revokeUserSessions(scope, userId)
  await scope.audit.record({ action: 'users.sessions_revoke', outcome: 'success', ...target(userId) })
  return revoked
}
