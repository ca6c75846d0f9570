/**
 * `/api/admin/users`: global admins list and create users, grant and revoke roles, disable users and
 * revoke their sessions (effective on the user's next request, since every request re-reads D1).
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { type AppEnv, nowMs } from '../app-env'
import { authorize, requireCaller } from '../auth/identify'
import { hashPassword } from '../auth/password'
import { isId } from '../db/ids'
import { grantGlobalRole, grantSpaceRole, revokeGlobalRole, revokeSpaceRole } from '../db/roles'
import { revokeUserSessions } from '../db/sessions'
import { findSpace } from '../db/spaces'
import { createLocalUser, findUserById, listUsers, setUserStatus } from '../db/users'
import { readBody } from '../http/body'
import { HttpProblem } from '../http/problem'

const spaceId = z.string().refine((v) => isId('spc', v), 'Not a space id')
const roleBody = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('global'), role: z.literal('admin'), revoke: z.boolean().optional() }),
  z.strictObject({
    scope: z.literal('space'),
    spaceId,
    role: z.enum(['admin', 'editor']),
    revoke: z.boolean().optional(),
  }),
])
const createBody = z.strictObject({
  email: z.string().trim().min(3).max(254).pipe(z.email()),
  // 12+ characters: the PBKDF2 cost is capped by workerd, so the password has to carry the strength.
  password: z.string().min(12).max(1024),
})
const statusBody = z.strictObject({ status: z.enum(['active', 'disabled']) })

async function userParam(db: D1Database, value: string | undefined): Promise<string> {
  if (value === undefined || !isId('usr', value) || !(await findUserById(db, value))) {
    throw new HttpProblem(404, 'not_found', 'No such user')
  }
  return value
}

/** The user-administration routes. */
export const adminUserRoutes: Hono<AppEnv> = new Hono<AppEnv>()

adminUserRoutes.get('/', authorize('users.list'), async (c) => c.json({ users: await listUsers(c.env.DB) }))

adminUserRoutes.post('/', authorize('users.create'), async (c) => {
  if (c.var.config.authProvider !== 'local') {
    throw new HttpProblem(404, 'wrong_auth_provider', 'Users come from the IdP in oidc mode')
  }
  const { email, password } = await readBody(c, createBody)
  const passwordHash = await hashPassword(password, { onDerive: c.var.deps.onPasswordDerivation })
  const user = await createLocalUser(c.env.DB, { email, passwordHash, now: nowMs(c) })
  if (!user) throw new HttpProblem(409, 'conflict', 'A user with this email exists')
  return c.json(user, 201)
})

adminUserRoutes.post('/:userId/roles', authorize('roles.grant'), async (c) => {
  const caller = await requireCaller(c)
  const userId = await userParam(c.env.DB, c.req.param('userId'))
  const body = await readBody(c, roleBody)
  const now = nowMs(c)
  if (body.scope === 'global') {
    if (body.revoke) await revokeGlobalRole(c.env.DB, userId, body.role)
    else await grantGlobalRole(c.env.DB, { userId, role: body.role, grantedBy: caller.userId, now })
  } else {
    if (!(await findSpace(c.env.DB, body.spaceId))) throw new HttpProblem(404, 'not_found', 'No such space')
    if (body.revoke) await revokeSpaceRole(c.env.DB, userId, body.spaceId)
    else
      await grantSpaceRole(c.env.DB, {
        userId,
        spaceId: body.spaceId,
        role: body.role,
        grantedBy: caller.userId,
        now,
      })
  }
  return c.json({ ok: true })
})

adminUserRoutes.post('/:userId/status', authorize('users.manage'), async (c) => {
  const userId = await userParam(c.env.DB, c.req.param('userId'))
  const { status } = await readBody(c, statusBody)
  await setUserStatus(c.env.DB, userId, status, nowMs(c))
  return c.json({ ok: true })
})

adminUserRoutes.post('/:userId/sessions/revoke', authorize('users.manage'), async (c) => {
  const userId = await userParam(c.env.DB, c.req.param('userId'))
  const revoked = await revokeUserSessions(c.env.DB, userId, nowMs(c))
  return c.json({ revoked })
})
