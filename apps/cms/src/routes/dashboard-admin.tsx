/**
 * `/admin/*` pages for global admins: Users (grant and revoke roles through the same service as
 * `/api/admin/users/:userId/roles`), the global audit log, and Encryption keys (`dashboard-keys.tsx`).
 */
import type { Context, Hono } from 'hono'
import type { AppEnv, UserCaller } from '../app-env'
import { authorize, requireCaller } from '../auth/identify'
import { loadAllRoles } from '../db/roles'
import { listSpaces } from '../db/spaces'
import { listUsers } from '../db/users'
import { userIdParam } from '../http/params'
import { changeRole, roleChangeBody } from '../services/roles'
import { AdminUsersPage, type AdminUsersProps } from '../views/admin-users'
import { renderAudit } from './dashboard-audit'
import { dashboardKeyRoutes } from './dashboard-keys'
import { dashboardGroup, viewerOf } from './dashboard-page'

async function renderUsers(
  c: Context<AppEnv>,
  caller: UserCaller,
  extra: Pick<AdminUsersProps, 'notice' | 'grantErrors'> = {},
  status: 200 | 400 = 200,
): Promise<Response> {
  const [users, roles] = await Promise.all([listUsers(c.env.DB), loadAllRoles(c.env.DB)])
  const withRoles = users.map((u) => ({ ...u, roles: roles.get(u.id) ?? { global: [], spaces: [] } }))
  const spaces = await listSpaces(c.env.DB, { userId: caller.userId, all: true })
  return c.html(
    <AdminUsersPage viewer={await viewerOf(c, caller)} users={withRoles} spaces={spaces} {...extra} />,
    status,
  )
}

/** `grant` is `global:admin` or `space:<role>:<spaceId>`; revoke forms send the fields separately. */
async function roleForm(c: Context<AppEnv>, revoke: boolean): Promise<unknown> {
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

async function applyRole(c: Context<AppEnv>, revoke: boolean): Promise<Response> {
  const caller = await requireCaller(c)
  const userId = await userIdParam(c)
  const parsed = roleChangeBody.safeParse(await roleForm(c, revoke))
  if (!parsed.success) {
    return renderUsers(
      c,
      caller,
      { grantErrors: { userId, errors: { grant: 'Choose a role from the list' } } },
      400,
    )
  }
  await changeRole(c, caller, userId, parsed.data)
  return renderUsers(c, caller, { notice: { tone: 'ok', text: revoke ? 'Role revoked.' : 'Role granted.' } })
}

/** The admin pages, mounted at `/admin`. */
export const dashboardAdminRoutes: Hono<AppEnv> = dashboardGroup()

dashboardAdminRoutes.get('/users', authorize('users.list'), async (c) =>
  renderUsers(c, await requireCaller(c)),
)
dashboardAdminRoutes.post('/users/:userId/roles', authorize('roles.grant'), (c) => applyRole(c, false))
dashboardAdminRoutes.post('/users/:userId/roles/revoke', authorize('roles.grant'), (c) => applyRole(c, true))
dashboardAdminRoutes.get('/audit', authorize('audit.read'), (c) => renderAudit(c, undefined))
dashboardAdminRoutes.route('/keys', dashboardKeyRoutes)
