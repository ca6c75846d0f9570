/**
 * `/admin/users` pages for global admins: grant and revoke roles through the same service as
 * `/api/admin/users/:userId/roles`, a revoke after a confirmation page; accounts in `page-accounts.tsx`.
 * The Users page searches emails (`?q=`) and shows 20 users a page. Role changes answer 303 to the Users
 * page narrowed to that user, at their card (`?q=<id>#card-<id>`), with the result in a single-use flash
 * (`features/dashboard/flash.ts`), so the result is on screen however long the list is.
 */
import type { Context, Hono } from 'hono'
import type { UserCaller } from '../../domain/caller'
import { LastAdmin } from '../../domain/errors'
import { userLabel } from '../../domain/user-label'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requireCaller } from '../../http/identify'
import { userIdParam } from '../../http/params'
import { HttpProblem } from '../../http/problem'
import { redirectWithFlash, takeFlash } from '../dashboard/flash'
import { listQuery, PAGE_SIZE, pageCount } from '../dashboard/list-query'
import { dashboardGroup, viewerOf } from '../dashboard/page-kit'
import { findSpace, listSpaces } from '../spaces/service'
import { addAccountPages, userResultPath } from './page-accounts'
import { changeRole, everyonesRoles, NoSuchRole, roleChangeBody } from './roles'
import { findUser, findUsers } from './service'
import { AdminUsersPage, type AdminUsersProps, RevokeRolePage } from './view'
import { GrantGlobalAdminPage } from './view-accounts'

type Extra = Pick<AdminUsersProps, 'notice' | 'grantErrors' | 'create'>

async function renderUsers(c: Context<CmsHono>, caller: UserCaller): Promise<Response> {
  const extra = await takeFlash<Extra>(c, caller)
  const query = listQuery(c)
  const [found, roles] = await Promise.all([
    findUsers(c.var.scope, { q: query.q, limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE }),
    everyonesRoles(c.var.scope),
  ])
  const withRoles = found.users.map((u) => ({ ...u, roles: roles.get(u.id) ?? { global: [], spaces: [] } }))
  const spaces = await listSpaces(c.var.scope, { userId: caller.userId, all: true })
  return c.html(
    <AdminUsersPage
      viewer={await viewerOf(c, caller)}
      users={withRoles}
      query={query}
      total={found.total}
      pages={pageCount(found.total)}
      spaces={spaces}
      ownUserId={caller.userId}
      canCreateLocal={c.var.config.authProvider === 'local'}
      {...extra}
    />,
  )
}

/** `grant` is `global:admin` or `space:<role>:<spaceId>`; revoke forms send the fields separately. */
async function roleForm(c: Context<CmsHono>, revoke: boolean): Promise<unknown> {
  const raw = await c.req.parseBody()
  const text = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : undefined)
  const grant = text('grant')
  if (grant !== undefined) {
    const [scope, role, spaceId] = grant.split(':')
    return scope === 'space' ? { scope, role, spaceId, revoke } : { scope, role, revoke }
  }
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
    const grantErrors = { userId, errors: { grant: 'Choose a role from the list' } }
    return redirectWithFlash<Extra>(c, userResultPath(userId), { grantErrors })
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
    // The last admin, or a role the user no longer holds (another admin was quicker): said on their card.
    if (!(err instanceof LastAdmin || err instanceof NoSuchRole)) throw err
    const failed = { tone: 'bad', text: `${err.message}.`, userId } as const
    return redirectWithFlash<Extra>(c, userResultPath(userId), { notice: failed })
  }
  const notice = { tone: 'ok', text: revoke ? 'Role revoked.' : 'Role granted.', userId } as const
  return redirectWithFlash<Extra>(c, userResultPath(userId), { notice })
}

// `changeRole` records the grant or the revoke with the role as reason; a form sent back records nothing.
const GRANT = { audit: { action: 'roles.grant' } } as const
const REVOKE = { audit: { action: 'roles.revoke' } } as const

/** The admin pages, mounted at `/admin`. */
export const usersPages: Hono<CmsHono> = dashboardGroup()

usersPages.get('/users', authorize('users.list'), async (c) => renderUsers(c, await requireCaller(c)))
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
