/**
 * `/api/admin/users`: global admins list and create users, grant and revoke roles, disable users and
 * revoke their sessions (effective on the user's next request, since every request re-reads D1).
 */
import { Hono } from 'hono'
import * as z from 'zod'
import type { AuditDeclaration } from '../../http/audit-declaration'
import { readBody, requestBody } from '../../http/body'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requireCaller } from '../../http/identify'
import { userIdParam } from '../../http/params'
import { HttpProblem } from '../../http/problem'
import { emailField } from './email-field'
import { changeRole, roleChangeBody } from './roles'
import {
  allUsers,
  changeUserStatus,
  createUser,
  deleteUserAccount,
  signOutEverywhere,
  statusBody,
} from './service'
import { resetPassword } from './service-password'

/** The body of a local user creation (JSON). */
const createUserBody = z.strictObject({
  email: emailField,
  // 12+ characters: the PBKDF2 cost is capped by workerd, so the password has to carry the strength.
  password: z.string().min(12).max(1024),
})

const AUDIT = {
  create: { action: 'users.create' },
  // `changeRole` records `roles.grant` or `roles.revoke` (the role as reason): the body decides which.
  roles: { action: 'roles.grant' },
  status: { action: 'users.status' },
  revoke: { action: 'users.sessions_revoke' },
  delete: { action: 'users.delete' },
  reset: { action: 'users.password_reset' },
} satisfies Record<string, AuditDeclaration>

/** The user-administration routes. */
export const usersApi: Hono<CmsHono> = new Hono<CmsHono>()

usersApi.get('/', authorize('users.list'), async (c) => c.json({ users: await allUsers(c.var.scope) }))

usersApi.post('/', requestBody(createUserBody))
usersApi.post('/', authorize('users.create', { audit: AUDIT.create }), async (c) => {
  if (c.var.config.authProvider !== 'local') {
    throw new HttpProblem(404, 'wrong_auth_provider', 'Users come from the IdP in oidc mode')
  }
  const user = await createUser(c.var.scope, await readBody(c, createUserBody))
  return c.json(user, 201)
})

usersApi.post('/:userId/roles', requestBody(roleChangeBody))
usersApi.post('/:userId/roles', authorize('roles.grant', { audit: AUDIT.roles }), async (c) => {
  const caller = await requireCaller(c)
  const userId = await userIdParam(c)
  const body = await readBody(c, roleChangeBody)
  await changeRole(c.var.scope, caller, userId, body)
  return c.json({ ok: true })
})

usersApi.post('/:userId/status', requestBody(statusBody))
usersApi.post('/:userId/status', authorize('users.manage', { audit: AUDIT.status }), async (c) => {
  const caller = await requireCaller(c)
  const userId = await userIdParam(c)
  const { status } = await readBody(c, statusBody)
  await changeUserStatus(c.var.scope, caller, userId, status)
  return c.json({ ok: true })
})

usersApi.post('/:userId/sessions/revoke', authorize('users.manage', { audit: AUDIT.revoke }), async (c) => {
  const userId = await userIdParam(c)
  const revoked = await signOutEverywhere(c.var.scope, userId)
  return c.json({ revoked })
})

usersApi.delete('/:userId', authorize('users.manage', { audit: AUDIT.delete }), async (c) => {
  const caller = await requireCaller(c)
  await deleteUserAccount(c.var.scope, caller, await userIdParam(c))
  return c.body(null, 204)
})

usersApi.post('/:userId/password/reset', authorize('users.manage', { audit: AUDIT.reset }), async (c) => {
  const password = await resetPassword(c.var.scope, await userIdParam(c))
  // Shown once: never cached on the way.
  return c.json({ password }, 200, { 'cache-control': 'no-store' })
})
