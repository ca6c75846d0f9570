/**
 * `/api/spaces/:spaceId/members`: a space's admins list its members and pending invitations, add a member
 * by email (202 `{ email, role }` whether it was granted to an account or invited: the answer is no oracle
 * of accounts), remove a member's role, and withdraw an invitation.
 */
import { Hono } from 'hono'
import { readBody, requestBody } from '../../http/body'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requireCaller } from '../../http/identify'
import { idParam, spaceIdParam, userIdParam } from '../../http/params'
import { addMember, addMemberBody, removeMember, spaceMembers, withdrawMemberInvitation } from './members'

// The role services record `roles.grant` / `roles.revoke` (target: the user or the invitation).
const GRANT = { audit: { action: 'roles.grant' } } as const
const REVOKE = { audit: { action: 'roles.revoke' } } as const

/** The member routes of a space. */
export const membersApi: Hono<CmsHono> = new Hono<CmsHono>()

membersApi.get('/', authorize('members.list'), async (c) =>
  c.json(await spaceMembers(c.var.scope, spaceIdParam(c))),
)

membersApi.post('/', requestBody(addMemberBody))
membersApi.post('/', authorize('members.manage', GRANT), async (c) => {
  const caller = await requireCaller(c)
  const added = await addMember(c.var.scope, caller, spaceIdParam(c), await readBody(c, addMemberBody))
  return c.json(added, 202)
})

membersApi.delete('/invitations/:invitationId', authorize('members.manage', REVOKE), async (c) => {
  const id = idParam(c, 'invitationId', 'inv', 'No such invitation')
  await withdrawMemberInvitation(c.var.scope, spaceIdParam(c), id)
  return c.body(null, 204)
})

membersApi.delete('/:userId', authorize('members.manage', REVOKE), async (c) => {
  const caller = await requireCaller(c)
  await removeMember(c.var.scope, caller, spaceIdParam(c), await userIdParam(c))
  return c.body(null, 204)
})
