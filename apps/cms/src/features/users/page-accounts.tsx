/**
 * Admin → Users, the accounts half: create a local user (the dashboard generates the password and shows
 * it once, through the sealed single-use flash), disable or enable a user, sign a user out everywhere,
 * reset a local user's password (shown once, the same way), delete a user — through the same services as
 * `/api/admin/users`. Disabling, signing out, resetting and deleting start on a confirmation page; every
 * POST answers 303 at its result: a create on the Users page (the new password at `#new-user`, or the
 * error summary at `#form-errors`), a change to a user on their page (`/admin/users/<id>#result`, a reset
 * password at `#new-user`), a deletion on the Users page (`#result`).
 */
import type { Context, Hono } from 'hono'
import * as z from 'zod'
import { Conflict, LastAdmin } from '../../domain/errors'
import { userLabel } from '../../domain/user-label'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requireCaller } from '../../http/identify'
import { userIdParam } from '../../http/params'
import { HttpProblem } from '../../http/problem'
import { FORM_ERRORS_ID } from '../../views/components/error-summary'
import { RESULT_ID } from '../../views/components/result-notice'
import { redirectWithFlash } from '../dashboard/flash'
import { readForm, viewerOf } from '../dashboard/page-kit'
import { emailField } from './email-field'
import { generatePassword } from './password'
import {
  changeUserStatus,
  createUser,
  deleteUserAccount,
  findUser,
  signOutEverywhere,
  statusBody,
} from './service'
import { resetPassword } from './service-password'
import type { AdminUsersProps } from './view'
import { DeleteUserPage, DisableUserPage, ResetPasswordPage, SignOutEverywherePage } from './view-accounts'
import type { UserPageProps } from './view-user'

type Extra = Pick<AdminUsersProps, 'notice' | 'create'>

/** What a POST leaves for a user's page to show once: a notice, a refused grant, a reset password. */
export type UserPageExtra = Pick<UserPageProps, 'notice' | 'grantErrors' | 'created'>

const USERS = '/admin/users'
// One policy action (`users.manage`), each route's service records its own.
const STATUS = { audit: { action: 'users.status' } } as const
const SIGN_OUT = { audit: { action: 'users.sessions_revoke' } } as const
const RESET = { audit: { action: 'users.password_reset' } } as const
const DELETE = { audit: { action: 'users.delete' } } as const
const createUserForm = z.strictObject({ email: emailField })

/**
 * A user's page, at the notice of a change to them. By id, not email: an address would land in history
 * and access logs, an id says nothing about the person.
 * @example return redirectWithFlash(c, userResultPath(userId), { notice })
 */
export function userResultPath(userId: string): string {
  return `${USERS}/${userId}#${RESULT_ID}`
}

async function labelOf(c: Context<CmsHono>, userId: string): Promise<string> {
  return userLabel(await findUser(c.var.scope, userId), userId)
}

/**
 * Registers the account pages on the admin group (mounted at `/admin`).
 * @example addAccountPages(usersPages)
 */
export function addAccountPages(group: Hono<CmsHono>): void {
  group.post('/users', authorize('users.create'), async (c) => {
    if (c.var.config.authProvider !== 'local') {
      throw new HttpProblem(404, 'wrong_auth_provider', 'Users come from the IdP in oidc mode')
    }
    const form = await readForm(c, createUserForm)
    const failed = `${USERS}#${FORM_ERRORS_ID}`
    if (!form.ok) return redirectWithFlash<Extra>(c, failed, { create: { errors: form.errors } })
    const { email } = form.data
    const password = generatePassword()
    try {
      await createUser(c.var.scope, { email, password })
    } catch (err) {
      if (!(err instanceof Conflict)) throw err
      const errors = { email: 'A user with this email exists' }
      return redirectWithFlash<Extra>(c, failed, { create: { email, errors } })
    }
    return redirectWithFlash<Extra>(c, `${USERS}#new-user`, { create: { created: { email, password } } })
  })

  group.get('/users/:userId/disable', authorize('users.manage'), async (c) => {
    const caller = await requireCaller(c)
    const userId = await userIdParam(c)
    const label = await labelOf(c, userId)
    return c.html(<DisableUserPage viewer={await viewerOf(c, caller)} userId={userId} userLabel={label} />)
  })

  group.post('/users/:userId/status', authorize('users.manage', STATUS), async (c) => {
    const caller = await requireCaller(c)
    const userId = await userIdParam(c)
    const form = await readForm(c, statusBody)
    if (!form.ok) throw new HttpProblem(400, 'bad_request', 'Choose active or disabled')
    try {
      await changeUserStatus(c.var.scope, caller, userId, form.data.status)
    } catch (err) {
      if (!(err instanceof LastAdmin)) throw err
      return redirectWithFlash<UserPageExtra>(c, userResultPath(userId), {
        notice: { tone: 'bad', text: `${err.message}.` },
      })
    }
    const label = await labelOf(c, userId)
    const text = form.data.status === 'disabled' ? `${label} is disabled.` : `${label} is enabled again.`
    return redirectWithFlash<UserPageExtra>(c, userResultPath(userId), { notice: { tone: 'ok', text } })
  })

  group.get('/users/:userId/sign-out', authorize('users.manage'), async (c) => {
    const caller = await requireCaller(c)
    const userId = await userIdParam(c)
    const label = await labelOf(c, userId)
    return c.html(
      <SignOutEverywherePage viewer={await viewerOf(c, caller)} userId={userId} userLabel={label} />,
    )
  })

  group.post('/users/:userId/sessions/revoke', authorize('users.manage', SIGN_OUT), async (c) => {
    const userId = await userIdParam(c)
    const revoked = await signOutEverywhere(c.var.scope, userId)
    const label = await labelOf(c, userId)
    const text = `${label} is signed out everywhere (${revoked} ${revoked === 1 ? 'session' : 'sessions'} ended).`
    return redirectWithFlash<UserPageExtra>(c, userResultPath(userId), { notice: { tone: 'ok', text } })
  })

  group.get('/users/:userId/reset-password', authorize('users.manage'), async (c) => {
    const caller = await requireCaller(c)
    const userId = await userIdParam(c)
    const label = await labelOf(c, userId)
    return c.html(<ResetPasswordPage viewer={await viewerOf(c, caller)} userId={userId} userLabel={label} />)
  })

  // The new password travels in the sealed single-use flash, like a created user's: shown once.
  group.post('/users/:userId/reset-password', authorize('users.manage', RESET), async (c) => {
    const userId = await userIdParam(c)
    const password = await resetPassword(c.var.scope, userId)
    const created = { email: await labelOf(c, userId), password, reset: true }
    return redirectWithFlash<UserPageExtra>(c, `${USERS}/${userId}#new-user`, { created })
  })

  group.get('/users/:userId/delete', authorize('users.manage'), async (c) => {
    const caller = await requireCaller(c)
    const userId = await userIdParam(c)
    const label = await labelOf(c, userId)
    return c.html(<DeleteUserPage viewer={await viewerOf(c, caller)} userId={userId} userLabel={label} />)
  })

  group.post('/users/:userId/delete', authorize('users.manage', DELETE), async (c) => {
    const caller = await requireCaller(c)
    const userId = await userIdParam(c)
    // Named before the row goes: the notice says whom.
    const label = await labelOf(c, userId)
    try {
      await deleteUserAccount(c.var.scope, caller, userId)
    } catch (err) {
      if (!(err instanceof LastAdmin)) throw err
      return redirectWithFlash<UserPageExtra>(c, userResultPath(userId), {
        notice: { tone: 'bad', text: `${err.message}.` },
      })
    }
    return redirectWithFlash<Extra>(c, `${USERS}#${RESULT_ID}`, {
      notice: { tone: 'ok', text: `${label} is deleted.` },
    })
  })
}
