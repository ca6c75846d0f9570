/**
 * `/spaces/:spaceId/members`: the Members tab for the space's admins, on the same service as
 * `/api/spaces/:spaceId/members` behind the same `authorize` actions. Adding answers 303 to the tab with
 * the result (`#result`, worded the same whether or not the address has an account) or the refused form, as typed (`#form-errors`), in a single-use flash; removing
 * starts on a confirmation page.
 */
import type { Hono } from 'hono'
import { userLabel } from '../../domain/user-label'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requireCaller } from '../../http/identify'
import { userIdParam } from '../../http/params'
import { HttpProblem } from '../../http/problem'
import { FORM_ERRORS_ID } from '../../views/components/error-summary'
import { RESULT_ID } from '../../views/components/result-notice'
import { redirectWithFlash, takeFlash } from '../dashboard/flash'
import { dashboardGroup, readForm, routeSpace, viewerOf } from '../dashboard/page-kit'
import { addMember, addMemberBody, removeMember, spaceMembers } from './members'
import { findUser } from './service'
import { MembersPage, type MembersProps, memberLabel, RemoveMemberPage } from './view-members'

type Extra = Pick<MembersProps, 'notice' | 'form'>

const GRANT = { audit: { action: 'roles.grant' } } as const
const REVOKE = { audit: { action: 'roles.revoke' } } as const
const tab = (spaceId: string) => `/spaces/${spaceId}/members`

/** The member pages, mounted at `/spaces/:spaceId/members`. */
export const membersPages: Hono<CmsHono> = dashboardGroup()

membersPages.get('/', authorize('members.list'), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  const extra = await takeFlash<Extra>(c, caller)
  const { members, invitations } = await spaceMembers(c.var.scope, space.id)
  const viewer = await viewerOf(c, caller)
  return c.html(
    <MembersPage viewer={viewer} space={space} members={members} invitations={invitations} {...extra} />,
  )
})

membersPages.post('/', authorize('members.manage', GRANT), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  const raw = await c.req.parseBody()
  const typed = {
    email: typeof raw.email === 'string' ? raw.email : '',
    role: typeof raw.role === 'string' ? raw.role : '',
  }
  const form = await readForm(c, addMemberBody)
  if (!form.ok) {
    return redirectWithFlash<Extra>(c, `${tab(space.id)}#${FORM_ERRORS_ID}`, {
      form: { ...typed, errors: form.errors },
    })
  }
  const { email, role } = await addMember(c.var.scope, caller, space.id, form.data)
  // One wording whether or not the address has an account: the notice is no oracle of accounts.
  const notice = `If ${email} has an account here, they are now ${role} of ${space.name}; if not, their first sign-in with this verified email gives them the role.`
  return redirectWithFlash<Extra>(c, `${tab(space.id)}#${RESULT_ID}`, { notice })
})

membersPages.get('/:userId/remove', authorize('members.manage'), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  const userId = await userIdParam(c)
  const held = (await spaceMembers(c.var.scope, space.id)).members.find((m) => m.userId === userId)
  if (!held) throw new HttpProblem(404, 'not_found', 'No such member')
  const label = memberLabel(held)
  const viewer = await viewerOf(c, caller)
  return c.html(
    <RemoveMemberPage viewer={viewer} space={space} userId={userId} label={label} role={held.role} />,
  )
})

membersPages.post('/:userId/remove', authorize('members.manage', REVOKE), async (c) => {
  const caller = await requireCaller(c)
  const space = await routeSpace(c)
  const userId = await userIdParam(c)
  await removeMember(c.var.scope, caller, space.id, userId)
  const label = userLabel(await findUser(c.var.scope, userId), userId)
  return redirectWithFlash<Extra>(c, `${tab(space.id)}#${RESULT_ID}`, {
    notice: `${label} was removed from ${space.name}.`,
  })
})
