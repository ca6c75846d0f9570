/**
 * `/admin/users` pages for global admins: the Users table (searched by email with `?q=`, 20 users a page),
 * each user's own page, and granting and revoking roles through the same service as
 * `/api/admin/users/:userId/roles`, a revoke (and a global admin grant) after a confirmation page; accounts
 * in `page-accounts.tsx`, invitations in `page-invitations.tsx`. Role changes answer 303 to the user's page
 * at its notice (`/admin/users/<id>#result`), with the result in a single-use flash
 * (`features/dashboard/flash.ts`).
 */
import type { Context, Hono } from 'hono'
import type { UserCaller } from '../../domain/caller'
import { LastAdmin } from '../../domain/errors'
import { userLabel } from '../../domain/user-label'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requireCaller } from '../../http/identify'
import { userIdParam } from '../../http/params'
import { HttpProblem } from '../../http/problem'
import { FORM_ERRORS_ID } from '../../views/components/error-summary'
import { redirectWithFlash, takeFlash } from '../dashboard/flash'
import { listQuery, PAGE_SIZE, pageCount } from '../dashboard/list-query'
import { dashboardGroup, viewerOf } from '../dashboard/page-kit'
import { findSpace, listSpaces } from '../spaces/service'
import { addAccountPages, type UserPageExtra, userResultPath } from './page-accounts'
import { addInvitationPages } from './page-invitations'
import { changeRole, everyonesRoles, NoSuchRole, roleChangeBody, rolesOf } from './roles'
import { findListedUserById, findUser, findUsers } from './service'
import { AdminUsersPage, type AdminUsersProps, RevokeRolePage } from './view'
import { GrantGlobalAdminPage } from './view-accounts'
import { grantChoiceFields } from './view-roles'
import { UserPage } from './view-user'

async function renderUsers(c: Context<CmsHono>, caller: UserCaller): Promise<Response> {
  const extra = await takeFlash<Pick<AdminUsersProps, 'notice' | 'create'>>(c, caller)
  const query = listQuery(c)
  const [found, roles, spaces] = await Promise.all([
    findUsers(c.var.scope, { q: query.q, limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE }),
    everyonesRoles(c.var.scope),
    listSpaces(c.var.scope, { userId: caller.userId, all: true }),
  ])
  const withRoles = found.users.map((u) => ({ ...u, roles: roles.get(u.id) ?? { global: [], spaces: [] } }))
  return c.html(
    <AdminUsersPage
      viewer={await viewerOf(c, caller)}
      users={withRoles}
      query={query}
      total={found.total}
      pages={pageCount(found.total)}
      spaces={spaces}
      canCreateLocal={c.var.config.authProvider === 'local'}
      {...extra}
    />,
  )
}

async function renderUser(c: Context<CmsHono>, caller: UserCaller): Promise<Response> {
  const userId = await userIdParam(c)
  const extra = await takeFlash<UserPageExtra>(c, caller)
  const [user, roles, spaces] = await Promise.all([
    findListedUserById(c.var.scope, userId),
    rolesOf(c.var.scope, userId),
    listSpaces(c.var.scope, { userId: caller.userId, all: true }),
  ])
  if (!user) throw new HttpProblem(404, 'not_found', 'No such user')
  return c.html(
    <UserPage
      viewer={await viewerOf(c, caller)}
      user={user}
      roles={roles}
      spaces={spaces}
      own={userId === caller.userId}
      resettable={c.var.config.authProvider === 'local' && user.kind === 'local'}
      {...extra}
    />,
  )
}

/** A grant form sends the picker's choice (`view-roles.tsx`); revoke forms send the fields separately. */
async function roleForm(c: Context<CmsHono>, revoke: boolean): Promise<unknown> {
  const raw = await c.req.parseBody()
  const text = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : undefined)
  const grant = text('grant')
  if (grant !== undefined) return { ...grantChoiceFields(grant), revoke }
  const spaceId = text('spaceId')
  return { scope: text('scope'), role: text('role'), ...(spaceId ? { spaceId } : {}), revoke }
}

async function confirmedForm(c: Context<CmsHono>): Promise<boolean> {
  return (await c.req.parseBody()).confirmed === 'yes'
}

async function applyRole(c: Context<CmsHono>, revoke: boolean): Promise<Response> {
  const caller = await requireCaller(c)
  const userId = await userIdParam(c)
  const parsed = roleChangeBody.safeParse(await roleForm(c, revoke))
  if (!parsed.success) {
    const grantErrors = { grant: 'Choose a role from the list' }
    return redirectWithFlash<UserPageExtra>(c, `/admin/users/${userId}#${FORM_ERRORS_ID}`, { grantErrors })
  }
  if (!revoke && parsed.data.scope === 'global' && !(await confirmedForm(c))) {
    // The global admin role is everything: one click in the picker only asks.
    const label = userLabel(await findUser(c.var.scope, userId), userId)
    return c.html(
      <GrantGlobalAdminPage viewer={await viewerOf(c, caller)} userId={userId} userLabel={label} />,
    )
  }
  try {
    await changeRole(c.var.scope, caller, userId, parsed.data)
  } catch (err) {
    // The last admin, or a role the user no longer holds (another admin was quicker): said on their page.
    if (!(err instanceof LastAdmin || err instanceof NoSuchRole)) throw err
    const failed = { tone: 'bad', text: `${err.message}.` } as const
    return redirectWithFlash<UserPageExtra>(c, userResultPath(userId), { notice: failed })
  }
  const notice = { tone: 'ok', text: revoke ? 'Role revoked.' : 'Role granted.' } as const
  return redirectWithFlash<UserPageExtra>(c, userResultPath(userId), { notice })
}

// `changeRole` records the grant or the revoke with the role as reason; a form sent back records nothing.
const GRANT = { audit: { action: 'roles.grant' } } as const
const REVOKE = { audit: { action: 'roles.revoke' } } as const

/** The admin pages, mounted at `/admin`. */
export const usersPages: Hono<CmsHono> = dashboardGroup()

usersPages.get('/users', authorize('users.list'), async (c) => renderUsers(c, await requireCaller(c)))
usersPages.get('/users/:userId', authorize('users.list'), async (c) => renderUser(c, await requireCaller(c)))
usersPages.post('/users/:userId/roles', authorize('roles.grant', GRANT), (c) => applyRole(c, false))
usersPages.get('/users/:userId/roles/revoke', authorize('roles.grant'), async (c) => {
  const caller = await requireCaller(c)
  const userId = await userIdParam(c)
  const q = (k: string) => c.req.query(k)
  const raw =
    q('scope') === 'space'
      ? { scope: 'space', role: q('role'), spaceId: q('spaceId') }
      : { scope: q('scope'), role: q('role') }
  const parsed = roleChangeBody.safeParse(raw)
  if (!parsed.success) throw new HttpProblem(404, 'not_found', 'No such role')
  const role = parsed.data
  const [user, space] = await Promise.all([
    findUser(c.var.scope, userId),
    role.scope === 'space' ? findSpace(c.var.scope, role.spaceId) : Promise.resolve(null),
  ])
  const page = (
    <RevokeRolePage
      viewer={await viewerOf(c, caller)}
      userLabel={userLabel(user, userId)}
      userId={userId}
      role={role}
      spaceName={space?.name}
      own={userId === caller.userId}
    />
  )
  return c.html(page)
})
usersPages.post('/users/:userId/roles/revoke', authorize('roles.grant', REVOKE), (c) => applyRole(c, true))
addAccountPages(usersPages)
addInvitationPages(usersPages)
