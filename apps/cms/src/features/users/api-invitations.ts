/**
 * `/api/admin/invitations`: global admins grant a role by email — to the user who has the address at
 * once, else as an invitation the address's first verified sign-in claims — list the pending ones, and
 * withdraw one.
 */
import { Hono } from 'hono'
import { readBody, requestBody } from '../../http/body'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requireCaller } from '../../http/identify'
import { idParam } from '../../http/params'
import { grantByEmail, grantByEmailBody, pendingInvitations, withdrawInvitation } from './invitations'

// A grant by email records `roles.grant` (target: the user, or the invitation); a withdrawal `roles.revoke`.
const GRANT = { audit: { action: 'roles.grant' } } as const
const WITHDRAW = { audit: { action: 'roles.revoke' } } as const

/** The invitation routes. */
export const invitationsApi: Hono<CmsHono> = new Hono<CmsHono>()

invitationsApi.get('/', authorize('roles.grant'), async (c) =>
  c.json({ invitations: await pendingInvitations(c.var.scope) }),
)

invitationsApi.post('/', requestBody(grantByEmailBody))
invitationsApi.post('/', authorize('roles.grant', GRANT), async (c) => {
  const caller = await requireCaller(c)
  const result = await grantByEmail(c.var.scope, caller, await readBody(c, grantByEmailBody))
  return c.json(result, result.status === 'invited' ? 201 : 200)
})

invitationsApi.delete('/:invitationId', authorize('roles.grant', WITHDRAW), async (c) => {
  const id = idParam(c, 'invitationId', 'inv', 'No such invitation')
  await withdrawInvitation(c.var.scope, id)
  return c.body(null, 204)
})
