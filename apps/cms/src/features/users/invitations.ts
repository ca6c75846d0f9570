/**
 * Roles granted by email: to the user who already has the address (their login email, or the verified
 * email of their last IdP sign-in) at once, else as a pending invitation. The first dashboard sign-in whose
 * ID token carries the address with `email_verified: true` claims it (in local mode: the creation of a
 * local user with that email), taking the roles; the invitation is consumed. That is also how the first
 * OIDC admin is made, before anyone can see their id. A grant, invited or direct, is audited as
 * `roles.grant` (target: the user or the invitation), a withdrawal as `roles.revoke`, a claim as
 * `invitations.claim` by the new user. Callers have passed `authorize('roles.grant')` (or, for a space's
 * members, `members.manage` in that space).
 */
import * as z from 'zod'
import type { UserCaller } from '../../domain/caller'
import { Conflict, NotFound } from '../../domain/errors'
import { isId } from '../../domain/ids'
import type { Scope } from '../../domain/scope'
import { findSpace } from '../spaces/service'
import { emailField } from './email-field'
import { changeRole } from './roles'
import { findUsersHoldingEmail } from './store'
import {
  claimInvitations,
  deleteInvitation,
  findInvitation,
  type Invitation,
  listInvitations,
  upsertInvitation,
} from './store-invitations'

export type { Invitation } from './store-invitations'

const spaceId = z.string().refine((v) => isId('spc', v), 'Choose a space')

/** A grant by email (JSON): the global admin role, or a space role. */
export const grantByEmailBody = z.discriminatedUnion('scope', [
  z.strictObject({ email: emailField, scope: z.literal('global'), role: z.literal('admin') }),
  z.strictObject({
    email: emailField,
    scope: z.literal('space'),
    spaceId,
    role: z.enum(['admin', 'editor'], 'Choose admin or editor'),
  }),
])

/** What a grant by email did: granted to an existing user, or left as a pending invitation. */
export type GrantByEmailResult =
  | { status: 'granted'; userId: string }
  | { status: 'invited'; invitation: Invitation }

const roleName = (i: { spaceId: string | null; role: string }) =>
  `${i.spaceId ? 'space' : 'global'}:${i.role}`

/**
 * Grants a role to whoever has `email`, or invites the address; 404 for an unknown space. When several
 * users have it: `Conflict` (grant by user id then), or with `several: 'invite'` an invitation like any
 * other, for callers whose answer must not tell that accounts hold the address.
 * @example const result = await grantByEmail(scope, caller, { email, scope: 'global', role: 'admin' })
 */
export async function grantByEmail(
  scope: Scope,
  caller: UserCaller,
  body: z.output<typeof grantByEmailBody>,
  options: { several?: 'conflict' | 'invite' } = {},
): Promise<GrantByEmailResult> {
  const space = body.scope === 'space' ? body.spaceId : null
  if (space !== null && !(await findSpace(scope, space))) throw new NotFound('No such space')
  const holders = await findUsersHoldingEmail(scope.db, body.email)
  if (holders.length > 1 && options.several !== 'invite') {
    throw new Conflict('Several users have this email; grant the role by user id')
  }
  const holder = holders.length === 1 ? holders[0] : undefined
  if (holder !== undefined) {
    const { email: _, ...role } = body
    await changeRole(scope, caller, holder, role)
    return { status: 'granted', userId: holder }
  }
  const invitation = await upsertInvitation(scope.db, {
    email: body.email,
    spaceId: space,
    role: body.role,
    invitedBy: caller.userId,
    now: scope.now(),
  })
  await scope.audit.record({
    action: 'roles.grant',
    outcome: 'success',
    reason: roleName(invitation),
    targetType: 'invitation',
    targetId: invitation.id,
    ...(space ? { spaceId: space } : {}),
  })
  return { status: 'invited', invitation }
}

/**
 * Pending invitations, newest first (of one space when given).
 * @example const pending = await pendingInvitations(scope, { spaceId })
 */
export async function pendingInvitations(
  scope: Scope,
  filter: { spaceId?: string } = {},
): Promise<Invitation[]> {
  return listInvitations(scope.db, filter)
}

/**
 * One pending invitation, or `null`.
 * @example const invitation = await pendingInvitation(scope, invitationId)
 */
export async function pendingInvitation(scope: Scope, id: string): Promise<Invitation | null> {
  return findInvitation(scope.db, id)
}

/**
 * Withdraws a pending invitation (of `spaceId` when given), audited as `roles.revoke`; the invitation it
 * was, or 404 when there is none.
 * @example const { email } = await withdrawInvitation(scope, invitationId)
 */
export async function withdrawInvitation(scope: Scope, id: string, spaceId?: string): Promise<Invitation> {
  const gone = await deleteInvitation(scope.db, id, spaceId)
  if (!gone) throw new NotFound('No such invitation')
  await scope.audit.record({
    action: 'roles.revoke',
    outcome: 'success',
    reason: roleName(gone),
    targetType: 'invitation',
    targetId: id,
    ...(gone.spaceId ? { spaceId: gone.spaceId } : {}),
  })
  return gone
}

/**
 * Gives `userId` the roles of every pending invitation of `email` (a verified address) and consumes them,
 * each claim audited with the user as actor.
 * @example await claimByEmail(scope, user.id, 'ada@example.com')
 */
export async function claimByEmail(scope: Scope, userId: string, email: string): Promise<void> {
  const claimed = await claimInvitations(scope.db, { email, userId, now: scope.now() })
  for (const invitation of claimed) {
    await scope.audit.record({
      action: 'invitations.claim',
      outcome: 'success',
      reason: roleName(invitation),
      actor: { type: 'user', id: userId },
      targetType: 'user',
      targetId: userId,
      ...(invitation.spaceId ? { spaceId: invitation.spaceId } : {}),
    })
  }
}
