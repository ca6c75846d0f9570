/**
 * `/account/password`: a signed-in local user changes their own password through the same service as
 * `POST /api/auth/password` (`changeOwnPassword`: the current password checked first and throttled like a
 * sign-in, the other sessions ended, audited). Post/redirect/get: the result (a notice, field errors, the
 * throttle's wait) travels in a flash, never the passwords. IdP users have no password here (404).
 */
import type { Context, Hono } from 'hono'
import { InvalidCredentials, LockedOut } from '../../domain/errors'
import { audited } from '../../http/audit-declaration'
import type { CmsHono } from '../../http/hono-types'
import { requireCaller } from '../../http/identify'
import { HttpProblem } from '../../http/problem'
import { FORM_ERRORS_ID } from '../../views/components/error-summary'
import type { FieldErrors } from '../../views/components/form'
import { RESULT_ID } from '../../views/components/result-notice'
import { tryAgainIn } from '../../views/retry-wait'
import { redirectWithFlash, takeFlash } from '../dashboard/flash'
import { dashboardGroup, readForm, viewerOf } from '../dashboard/page-kit'
import { changeOwnPassword, passwordChangeBody } from './service-password'
import { ChangePasswordPage } from './view-password'

const PAGE = '/account/password'

/** What the page shows once after a POST: never a password. */
type Extra = { errors?: FieldErrors; problem?: string; changed?: boolean }

function localOnly(c: Context<CmsHono>): void {
  if (c.var.config.authProvider !== 'local') throw new HttpProblem(404, 'not_found', 'Not found')
}

/** The account pages, mounted at `/account`. */
export const accountPages: Hono<CmsHono> = dashboardGroup()

accountPages.get('/password', async (c) => {
  localOnly(c)
  const caller = await requireCaller(c)
  const extra = await takeFlash<Extra>(c, caller)
  return c.html(<ChangePasswordPage viewer={await viewerOf(c, caller)} {...extra} />)
})

// `changeOwnPassword` audits the attempt, as for `POST /api/auth/password`.
accountPages.post('/password', audited({ action: 'auth.password_change' }), async (c) => {
  localOnly(c)
  const caller = await requireCaller(c)
  const form = await readForm(c, passwordChangeBody)
  if (!form.ok) return redirectWithFlash<Extra>(c, `${PAGE}#${FORM_ERRORS_ID}`, { errors: form.errors })
  try {
    await changeOwnPassword(c.var.scope, caller, form.data)
  } catch (err) {
    if (err instanceof InvalidCredentials) {
      const errors = { currentPassword: 'The current password is wrong.' }
      return redirectWithFlash<Extra>(c, `${PAGE}#${FORM_ERRORS_ID}`, { errors })
    }
    if (err instanceof LockedOut) {
      const problem = `Too many wrong passwords for this account. ${tryAgainIn(err.retryAfterSeconds)}`
      return redirectWithFlash<Extra>(c, PAGE, { problem })
    }
    throw err
  }
  return redirectWithFlash<Extra>(c, `${PAGE}#${RESULT_ID}`, { changed: true })
})
