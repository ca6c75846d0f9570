/**
 * A space's members, for its admins (the JSON API and the dashboard): who holds a role there and who is
 * invited, adding a member by email (at once for an account, else an invitation the first verified sign-in
 * claims) and removing one. Adding answers the same whichever it was (also for an address several accounts
 * hold, which is invited), so a space admin does not learn from the answer whether an address has an
 * account in the CMS; the member list, which they need, shows who holds a role in their own space. Only space roles: the global admin role stays with global admins. Changes are
 * audited by the role services (`roles.grant` / `roles.revoke` with the space, the role actually changed).
 * Callers have passed `authorize('members.list' | 'members.manage')` in the space.
 */
import * as z from 'zod'
import type { UserCaller } from '../../domain/caller'
import type { Scope } from '../../domain/scope'
import { emailField } from './email-field'
import { grantByEmail, type Invitation, pendingInvitations, withdrawInvitation } from './invitations'
import { changeRole, NoSuchRole, rolesOf } from './roles'
import { listSpaceMembers, type SpaceMember } from './store-roles'

export type { SpaceMember } from './store-roles'

/** The body of adding a member (JSON or form): an email and a space role. */
export const addMemberBody = z.strictObject({
  email: emailField,
  role: z.enum(['admin', 'editor'], 'Choose admin or editor'),
})

/**
 * The members of a space and its pending invitations.
 * @example const { members, invitations } = await spaceMembers(scope, spaceId)
 */
export async function spaceMembers(
  scope: Scope,
  spaceId: string,
): Promise<{ members: SpaceMember[]; invitations: Invitation[] }> {
  const [members, invitations] = await Promise.all([
    listSpaceMembers(scope.db, spaceId),
    pendingInvitations(scope, { spaceId }),
  ])
  return { members, invitations }
}

/** What adding a member answers, the same whether the address had an account or was invited. */
export interface MemberAdded {
  email: string
  role: 'admin' | 'editor'
}

/**
 * Gives `email` a role in the space: granted to its account, or invited; the answer does not say which.
 * @example const { email, role } = await addMember(scope, caller, spaceId, { email, role: 'editor' })
 */
export async function addMember(
  scope: Scope,
  caller: UserCaller,
  spaceId: string,
  body: z.output<typeof addMemberBody>,
): Promise<MemberAdded> {
  const email = body.email.toLowerCase()
  await grantByEmail(
    scope,
    caller,
    { email, role: body.role, scope: 'space', spaceId },
    { several: 'invite' },
  )
  return { email, role: body.role }
}

/**
 * Removes a user's role in the space, whichever it is (recorded as the role removed); `NoSuchRole` (404)
 * when they hold none there.
 * @example await removeMember(scope, caller, spaceId, userId)
 */
export async function removeMember(
  scope: Scope,
  caller: UserCaller,
  spaceId: string,
  userId: string,
): Promise<void> {
  const held = (await rolesOf(scope, userId)).spaces.find((r) => r.spaceId === spaceId)
  if (!held) throw new NoSuchRole()
  await changeRole(scope, caller, userId, { scope: 'space', spaceId, role: held.role, revoke: true })
}

/**
 * Withdraws one of the space's pending invitations; 404 for another space's.
 * @example await withdrawMemberInvitation(scope, spaceId, invitationId)
 */
export async function withdrawMemberInvitation(scope: Scope, spaceId: string, id: string): Promise<void> {
  await withdrawInvitation(scope, id, spaceId)
}
